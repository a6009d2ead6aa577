import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { encodeWav } from '../audio/wav-writer.ts';
import { stationSignalSchema } from '../../shared/signal-settings.ts';
import type { FileJob, FromStationWorker, StationWorkerData } from '../pipeline/station-protocol.ts';
import { runFileSource, streamStart } from './file-source.ts';

const SR = 8000;
const T = Date.UTC(2024, 0, 1);
const dir = mkdtempSync(join(tmpdir(), 'aiw-file-source-'));
const wav = (name: string, seconds: number) => {
  const x = Float32Array.from({ length: seconds * SR }, (_, i) => 0.1 * Math.sin(i / 3));
  writeFileSync(join(dir, name), encodeWav([x], { sampleRate: SR, encoding: 'pcm16' }));
  return join(dir, name);
};

/** Runs the files source on `jobs` until each has its file-done; returns every message it posted. */
async function runJobs(data: StationWorkerData, jobs: readonly FileJob[]): Promise<FromStationWorker[]> {
  const { port1, port2 } = new MessageChannel();
  const out: FromStationWorker[] = [];
  runFileSource(data, port1, (m) => out.push(m));
  for (const job of jobs) port2.postMessage({ type: 'file', job });
  const deadline = Date.now() + 10_000;
  while (out.filter((m) => m.type === 'file-done').length < jobs.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  port2.postMessage({ type: 'stop' });
  return out;
}

const display = { nFft: 256, hop: 128, dbFloor: -100, dbCeil: 0 };

describe('files source of the station worker', () => {
  it('takes .hdr sidecar times, analyses a truncated file then fails it, and tags segments with their recording', async () => {
    const data: StationWorkerData = {
      stationId: 's', display, groups: [{ key: '10s/0', segmentSeconds: 10, overlap: 0, features: [] }],
      // A 2 s tolerance joins the sidecar file to the truncated one, which starts 1 s after it ends.
      source: { kind: 'files', signal: stationSignalSchema.parse({ gapToleranceMs: 2000, recordingTime: { sidecar: 'auto' } }) },
    };
    // The name says T, the sidecar 00:02:00 on day 1 of 2024: the sidecar wins.
    const withHdr = wav('1-rec_20240101T000000Z.wav', 15);
    writeFileSync(join(dir, '1-rec_20240101T000000Z.hdr'), 'MARS hdr v1 ch 1 fs 8000 bits 16 001 00:02:00.000000 2024\n');
    const full = wav('tmp.wav', 25);
    const truncated = join(dir, '2-cut_20240101T000216Z.wav');
    writeFileSync(truncated, readFileSync(full).subarray(0, 44 + 2 * 17 * SR + 1)); // 17 s and one odd byte of 25 s
    const out = await runJobs(data, [
      { recordingId: 7, path: withHdr, startTime: T, mtime: 0 },
      { recordingId: 8, path: truncated, startTime: T + 136_000, mtime: 0 },
    ]);
    const done = out.filter((m) => m.type === 'file-done');
    expect(done[0]).toMatchObject({ recordingId: 7, ok: true, startTime: T + 120_000, durationMs: 15_000 });
    expect(done[1]).toMatchObject({
      recordingId: 8, ok: false, code: 'AUDIO_TRUNCATED', framesRead: 17 * SR,
      analysed: { startTime: T + 136_000, durationMs: 17_000, sampleRate: SR, channels: 1 },
    });
    // Joined within the tolerance: the window at 10 s starts in the first file and continues into the second.
    const segments = out.filter((m) => m.type === 'segment').map((m) => [m.startTime - T - 120_000, m.recordingId]);
    expect(segments).toEqual([[0, 7], [10_000, 7], [20_000, 8]]);
    expect(out.filter((m) => m.type === 'gap')).toEqual([]);
  });

  it('start times: sidecar, then the remote name, then the remote mtime', () => {
    const info = { durationS: 10 };
    expect(streamStart({ startTime: 5, mtime: 0 }, { startTime: 1, source: 'sidecar header', info })).toBe(1);
    expect(streamStart({ startTime: 5, mtime: 0 }, { startTime: 1, source: 'file name', info })).toBe(5);
    expect(streamStart({ startTime: null, mtime: 0 }, { startTime: 1, source: 'file name', info })).toBe(1);
    expect(streamStart({ startTime: null, mtime: 60_000 }, { startTime: 1, source: 'modification time', info })).toBe(50_000);
  });

  it('segments continuously across abutting files, records a gap otherwise, and survives a corrupt file', async () => {
    const data: StationWorkerData = {
      stationId: 's', source: { kind: 'files' }, display, groups: [{ key: '10s/0', segmentSeconds: 10, overlap: 0, features: [] }],
    };
    writeFileSync(join(dir, 'bad.wav'), 'RIFF0000WAVEgarbage');
    const jobs = [
      { recordingId: 1, path: wav('a.wav', 15), startTime: T, mtime: 0 },
      { recordingId: 2, path: wav('b.wav', 15), startTime: T + 15_000, mtime: 0 },
      { recordingId: 3, path: join(dir, 'bad.wav'), startTime: T + 30_000, mtime: 0 },
      // No time in the name: starts at its mtime minus its duration.
      { recordingId: 4, path: wav('c.wav', 10), startTime: null, mtime: T + 70_000 },
    ];
    const out = await runJobs(data, jobs);

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
