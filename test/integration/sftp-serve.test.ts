/**
 * The acceptance check, end to end: an OpenSSH server on loopback with real and
 * generated recordings is configured as a station through `aiw serve --config FILE`; the
 * server is killed and restarted repeatedly during transfers; in the end every file is in
 * the cache exactly once, byte-identical, analysed once (segments with predictions, each naming
 * the recording it starts in), and the corrupt file is failed with its reason while the stream
 * went on. A recording with a `.hdr` sidecar starts at the sidecar's time, not its name's; a
 * truncated one gives the segments of its complete part and is failed with AUDIO_TRUNCATED.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { formatRecordingTime } from '../../src/main/audio/recording-time.ts';
import { runAiw } from '../helpers/run-aiw.ts';
import { REPO_ROOT, startServe, tempDir, type ServeHandle } from '../helpers/serve-process.ts';
import { putRemote, sha256, sha256OfFile, waitFor, wavBytes } from '../helpers/sftp-station.ts';
import { startSshd, sshdUnavailableReason, type SshdHandle } from '../helpers/sshd.ts';

const reason = sshdUnavailableReason() ?? (existsSync(join(REPO_ROOT, 'out/renderer/index.html')) ? undefined : 'out/renderer is not built');
if (reason) process.stderr.write(`SKIPPING aiw serve SFTP station test: ${reason}\n`);

const REAL = ['SanctSound_CI01_03_smallboat_20190825T191712Z.wav', 'SanctSound_CI01_03_dolphins_20190904T064203Z.wav'];
const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const GENERATED_SECONDS = 90;
/** The name says 2023-06-01 00:00:00; its sidecar header says 00:05:00 (day 152 of 2023). */
const WITH_HEADER = 'hdr/hydrophone_20230601T000000Z.wav';
const HEADER_TIME = Date.UTC(2023, 5, 1, 0, 5);
/** The header declares 60 s, the file holds 45 s. */
const TRUNCATED = 'cut_20230601T010000Z.wav';

describe.skipIf(!!reason)('aiw serve with an SFTP station', () => {
  let sshd: SshdHandle;
  let serve: ServeHandle;
  const sums = new Map<string, string>();

  beforeAll(async () => {
    sshd = await startSshd();
    for (const name of REAL) {
      copyFileSync(join(REPO_ROOT, 'resources/demo/sanctsound', name), join(sshd.root, name));
      sums.set(name, sha256OfFile(join(sshd.root, name)));
    }
    // Four contiguous 90 s recordings: the stream must run across their boundaries without gaps.
    for (let i = 0; i < 4; i++) {
      const name = `day/hydrophone_${formatRecordingTime(T0 + i * GENERATED_SECONDS * 1000, 'iso-basic')}.wav`;
      sums.set(name, putRemote(sshd, name, wavBytes(GENERATED_SECONDS, i + 1)));
    }
    sums.set(WITH_HEADER, putRemote(sshd, WITH_HEADER, wavBytes(40, 5)));
    putRemote(sshd, WITH_HEADER.replace(/\.wav$/, '.hdr'), 'MARS hdr v1 fs 8000 bits 16 ch 1 152 00:05:00.000000 2023\n');
    sums.set(TRUNCATED, putRemote(sshd, TRUNCATED, wavBytes(60, 6).subarray(0, 44 + 2 * 45 * 8000)));
    const corrupt = Buffer.concat([wavBytes(1).subarray(0, 44), Buffer.from('garbage')]).fill(0x41, 0, 4);
    sums.set('corrupt_20250101T000000Z.wav', putRemote(sshd, 'corrupt_20250101T000000Z.wav', corrupt));
  });

  afterAll(async () => {
    if (serve) {
      expect(await serve.stop()).toBe(0);
      rmSync(serve.dataDir, { recursive: true, force: true });
    }
    await sshd?.close();
  });

  it('analyses every recording exactly once, byte-identical, through server crashes', async () => {
    const dataDir = tempDir('aiw-sftp-serve-');
    const deploy = runAiw(['models', 'deploy', join(REPO_ROOT, 'test/fixtures/models/tiny-logreg'), '--data-dir', dataDir]);
    expect(deploy.code, deploy.stderr).toBe(0);
    const config = join(dataDir, 'config.json');
    writeFileSync(config, JSON.stringify({
      demo: { enabled: false },
      stations: [{
        id: 'pier', name: 'Pier hydrophone', host: sshd.host, port: sshd.port, user: sshd.user,
        auth: { method: 'key', privateKeyPath: sshd.clientKey }, hostKeyFingerprint: `SHA256:${sshd.hostKeyFingerprint()}`,
        remoteRoot: sshd.root, pollIntervalS: 1, stableAfterS: 0, lat: 36.6, lon: -121.9, depthM: 20,
        transfer: { parallel: 2, bandwidthLimitBps: 600_000 },
      }],
    }));
    serve = await startServe(['--config', config], 60_000, dataDir);
    const db = new Database(join(dataDir, 'aiw.db'), { readonly: true });
    const q = (sql: string) => db.prepare(sql).pluck().get() as number;
    // Kill the server (listener and sessions) three times while a file is half-way through.
    const staging = join(dataDir, 'cache', 'staging', 'pier');
    const halfWay = () => existsSync(staging) && readdirSync(staging).some((f) => statSync(join(staging, f)).size > 300_000);
    for (let k = 0; k < 3; k++) {
      await waitFor(halfWay, 30_000, 'a transfer half-way');
      await sshd.kill();
      await new Promise((r) => setTimeout(r, 500));
      await sshd.start();
    }
    await waitFor(() => q("SELECT count(*) FROM recordings WHERE status <> 'pending'") === sums.size, 120_000, 'all recordings analysed');

    const rows = db.prepare('SELECT name, path, sha256, status, error, analyzed_at FROM recordings').all() as {
      name: string; path: string; sha256: string; status: string; error: string | null; analyzed_at: number | null;
    }[];
    expect(rows.map((r) => r.name).sort()).toEqual([...sums.keys()].sort());
    for (const r of rows) {
      expect(r.sha256, r.name).toBe(sums.get(r.name));
      expect(sha256(readFileSync(r.path)), r.name).toBe(sums.get(r.name));
      expect(r.analyzed_at).not.toBeNull();
    }
    const corrupt = rows.find((r) => r.name.startsWith('corrupt'))!;
    expect(corrupt).toMatchObject({ status: 'failed' });
    expect(corrupt.error).toMatch(/AUDIO_/);
    expect(rows.filter((r) => r.status === 'ok')).toHaveLength(sums.size - 2);
    // Interrupted transfers continued from their staging files.
    const resumed = [...readFileSync(join(dataDir, 'logs', 'aiw.log'), 'utf8').matchAll(/"resumedFrom":(\d+)/g)].map((m) => Number(m[1]));
    expect(resumed.filter((n) => n > 0).length).toBeGreaterThanOrEqual(1);

    // For the fixture model (30 s windows, no overlap): 4 × 90 s contiguous = 12 windows, no gap at the
    // file boundaries, plus loop-padded windows for the short real clips. Other deployed models add their own.
    const segs = db.prepare(`SELECT s.start_time AS s, s.padded FROM segments s JOIN predictions p ON p.segment_id = s.id
      WHERE s.station_id = 'pier' AND p.model_id = 'tiny-logreg' ORDER BY s.start_time`).all() as { s: number; padded: number }[];
    expect(segs.filter((g) => g.s >= T0).map((g) => g.s - T0)).toEqual(Array.from({ length: 12 }, (_, i) => i * 30_000));
    // The two 5 s clips (48 kHz) are loop-padded: the first at the gap to the second, the second at the
    // sample-rate change (48 → 8 kHz) to the next file, a stream restart flushed like a gap.
    expect(segs.filter((g) => g.s < T0 && g.padded === 1)).toHaveLength(2);
    // The sidecar's time, not the name's; the truncated file's complete 45 s give one window.
    expect(segs.filter((g) => g.s >= HEADER_TIME && g.s < T0).map((g) => [g.s - HEADER_TIME, g.padded]))
      .toEqual([[0, 0], [Date.UTC(2023, 5, 1, 1) - HEADER_TIME, 0]]);
    const recording = (name: string) => db.prepare('SELECT * FROM recordings WHERE name = ?').get(name) as Record<string, unknown>;
    expect(recording(WITH_HEADER)).toMatchObject({ status: 'ok', start_time: HEADER_TIME, duration_ms: 40_000 });
    expect(existsSync((recording(WITH_HEADER).path as string).replace(/\.wav$/, '.hdr'))).toBe(true);
    expect(recording(TRUNCATED)).toMatchObject({
      status: 'failed', duration_ms: 45_000, error: expect.stringMatching(/^AUDIO_TRUNCATED: .*declares 480000 frames, the file holds 360000/),
    });
    // Every segment names the recording it starts in (4 × 90 s files: three 30 s windows each).
    expect(q("SELECT count(*) FROM segments WHERE station_id = 'pier' AND recording_id IS NULL")).toBe(0);
    const startsIn = db.prepare(`SELECT r.name FROM segments s JOIN recordings r ON r.id = s.recording_id
      WHERE s.station_id = 'pier' AND s.start_time = ?`).pluck();
    expect(startsIn.get(HEADER_TIME)).toBe(WITH_HEADER);
    expect(startsIn.get(Date.UTC(2023, 5, 1, 1))).toBe(TRUNCATED);
    expect(Array.from({ length: 12 }, (_, i) => startsIn.get(T0 + i * 30_000)))
      .toEqual(Array.from({ length: 12 }, (_, i) => `day/hydrophone_${formatRecordingTime(T0 + Math.floor(i / 3) * GENERATED_SECONDS * 1000, 'iso-basic')}.wav`));
    expect(q("SELECT count(*) FROM gaps WHERE station_id = 'pier' AND start_time >= " + T0)).toBe(0);
    // Analysed once: every segment has predictions, never two from the same model.
    expect(q(`SELECT count(*) FROM segments s WHERE s.station_id = 'pier'
      AND NOT EXISTS (SELECT 1 FROM predictions p WHERE p.segment_id = s.id)`)).toBe(0);
    expect(q('SELECT count(*) FROM predictions')).toBe(q('SELECT count(*) FROM (SELECT DISTINCT segment_id, model_id FROM predictions)'));
    db.close();
  }, 180_000);
});
