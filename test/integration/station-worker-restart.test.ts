/**
 * The analysis worker of a files station crashing in the middle of a recording (a real worker
 * thread, real WAV files): the runner restarts it with backoff, says why in its status, queues the
 * unfinished recording again, and every recording finishes exactly once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '../../src/main/audio/wav-writer.ts';
import { silentLogger } from '../../src/main/app/logger.ts';
import { StationRunner, type StationSinks } from '../../src/main/pipeline/station-runner.ts';
import type { FileDoneMessage, SegmentMessage } from '../../src/main/pipeline/station-protocol.ts';
import { waitFor } from '../helpers/sftp-station.ts';

const SR = 8000;
const T = Date.UTC(2024, 0, 1);
const dir = mkdtempSync(join(tmpdir(), 'aiw-worker-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function wav(name: string, seconds: number): string {
  const x = Float32Array.from({ length: seconds * SR }, (_, i) => 0.1 * Math.sin(i / 3));
  writeFileSync(join(dir, name), encodeWav([x], { sampleRate: SR, encoding: 'pcm16' }));
  return join(dir, name);
}

describe('station worker supervision', () => {
  it('restarts a crashed analysis worker and finishes every recording exactly once', async () => {
    const held: (() => void)[] = [];
    let holding = true;
    const segments: SegmentMessage[] = [];
    const done: FileDoneMessage[] = [];
    const crashes: string[] = [];
    const sinks: StationSinks = {
      // Segments are "stored" only when released: the worker pauses (backpressure) in the middle of the first file.
      onSegment: (_id, msg) => new Promise<number>((resolve) => {
        segments.push(msg);
        if (holding) held.push(() => resolve(0));
        else resolve(0);
      }),
      onAis: () => undefined, onGap: () => undefined, onColumns: () => undefined, onStatus: () => undefined, onError: () => undefined,
      onFileDone: (_id, msg) => done.push(msg),
      onWorkerCrash: (_id, reason) => crashes.push(reason),
    };
    const runner = new StationRunner({
      stationId: 's', display: { nFft: 256, hop: 128, dbFloor: -100, dbCeil: 0 },
      groups: [{ key: '10s/0', segmentSeconds: 10, overlap: 0, features: [] }], source: { kind: 'files' },
    }, sinks, silentLogger, { baseMs: 100, maxMs: 1000 });
    runner.start();
    try {
      runner.enqueueFile({ recordingId: 1, path: wav('a_20240101T000000Z.wav', 200), startTime: T, mtime: 0 });
      runner.enqueueFile({ recordingId: 2, path: wav('b_20240101T000320Z.wav', 30), startTime: T + 200_000, mtime: 0 });
      await waitFor(() => held.length >= 8, 10_000, 'the worker paused mid-file');
      runner.crashForTest('injected crash in the analysis worker');
      await waitFor(() => runner.status.state === 'error', 10_000, 'the crash in the status');
      expect(runner.status.message).toMatch(/injected crash in the analysis worker; restarting in/);
      holding = false;
      for (const release of held.splice(0)) release();

      await waitFor(() => done.length === 2, 20_000, 'both recordings finished');
      expect(runner.restarts).toBe(1);
      expect(crashes).toEqual([expect.stringContaining('injected crash in the analysis worker')]);
      expect(done.map((d) => [d.recordingId, d.ok])).toEqual([[1, true], [2, true]]);
      // The first recording was read again from its start; every window of both files is there.
      const windows = new Set(segments.map((s) => s.startTime - T));
      expect([...windows].sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i * 10_000));
      await new Promise((r) => setTimeout(r, 500));
      expect(done).toHaveLength(2);
    } finally {
      await runner.stop();
    }
  });
});
