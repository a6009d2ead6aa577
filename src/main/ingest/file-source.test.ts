import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { encodeWav } from '../audio/wav-writer.ts';
import type { FromStationWorker, StationWorkerData } from '../pipeline/station-protocol.ts';
import { runFileSource } from './file-source.ts';

const SR = 8000;
const T = Date.UTC(2024, 0, 1);
const dir = mkdtempSync(join(tmpdir(), 'aiw-file-source-'));
const wav = (name: string, seconds: number) => {
  const x = Float32Array.from({ length: seconds * SR }, (_, i) => 0.1 * Math.sin(i / 3));
  writeFileSync(join(dir, name), encodeWav([x], { sampleRate: SR, encoding: 'pcm16' }));
  return join(dir, name);
};

describe('files source of the station worker', () => {
  it('segments continuously across abutting files, records a gap otherwise, and survives a corrupt file', async () => {
    const data: StationWorkerData = {
      stationId: 's', source: { kind: 'files' }, display: { nFft: 256, hop: 128, dbFloor: -100, dbCeil: 0 },
      groups: [{ key: '10s/0', segmentSeconds: 10, overlap: 0, features: [] }],
    };
    const { port1, port2 } = new MessageChannel();
    const out: FromStationWorker[] = [];
    runFileSource(data, port1, (m) => out.push(m));
    writeFileSync(join(dir, 'bad.wav'), 'RIFF0000WAVEgarbage');
    const jobs = [
      { recordingId: 1, path: wav('a.wav', 15), startTime: T, mtime: 0 },
      { recordingId: 2, path: wav('b.wav', 15), startTime: T + 15_000, mtime: 0 },
      { recordingId: 3, path: join(dir, 'bad.wav'), startTime: T + 30_000, mtime: 0 },
      // No time in the name: starts at its mtime minus its duration.
      { recordingId: 4, path: wav('c.wav', 10), startTime: null, mtime: T + 70_000 },
    ];
    for (const job of jobs) port2.postMessage({ type: 'file', job });
    const deadline = Date.now() + 10_000;
    while (out.filter((m) => m.type === 'file-done').length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    port2.postMessage({ type: 'stop' });

    const done = out.filter((m) => m.type === 'file-done');
    expect(done.map((d) => [d.recordingId, d.ok])).toEqual([[1, true], [2, true], [3, false], [4, true]]);
    expect(done[3]).toMatchObject({ startTime: T + 60_000, durationMs: 10_000, sampleRate: SR, channels: 1 });
    expect(done[2]).toMatchObject({ code: expect.stringMatching(/^AUDIO_/) });
    const segments = out.filter((m) => m.type === 'segment').map((m) => m.startTime - T);
    expect(segments).toEqual([0, 10_000, 20_000, 60_000]);
    expect(out.filter((m) => m.type === 'gap').map((g) => [g.startTime - T, g.endTime - T])).toEqual([[30_000, 60_000]]);
    // The display restarts at the gap, so its columns carry the right times.
    const cols = out.filter((m) => m.type === 'columns');
    expect(cols.at(-1)!.startTime).toBeGreaterThanOrEqual(T + 60_000);
    expect(cols[0]!.startTime).toBe(T);
  });
});
