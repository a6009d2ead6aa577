/**
 * SFTP ingest against a real OpenSSH server on loopback: discovery, stability, exactly-once
 * downloads across server crashes and app restarts, byte-identical files, order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { startSshd, sshdUnavailableReason, type SshdHandle } from '../helpers/sshd.ts';
import { putRemote, sha256OfFile, startIngest, waitFor, wavBytes, type IngestHarness } from '../helpers/sftp-station.ts';

const reason = sshdUnavailableReason();
if (reason) process.stderr.write(`SKIPPING SFTP ingest tests: ${reason}\n`);

describe.skipIf(!!reason)('SFTP ingest against OpenSSH', () => {
  let sshd: SshdHandle;
  const harnesses: IngestHarness[] = [];
  const root = (name: string) => {
    mkdirSync(join(sshd.root, name), { recursive: true, mode: 0o755 });
    return join(sshd.root, name);
  };
  const start = (name: string, overrides: Parameters<typeof startIngest>[1] = {}) => {
    const h = startIngest(sshd, { remoteRoot: root(name), ...overrides });
    harnesses.push(h);
    return h;
  };
  const doneCount = (h: IngestHarness) => h.repos.ingest.stateCounts(h.config.id).done ?? 0;

  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    for (const h of harnesses) await h.close();
    await sshd?.close();
  });

  it('picks up new files, byte-identical, each exactly once', async () => {
    const sums = new Map<string, string>();
    for (let i = 0; i < 3; i++) {
      const name = `day1/rec_2024010${i + 1}T000000Z.wav`;
      sums.set(name, putRemote(sshd, `new/${name}`, wavBytes(2, i)));
    }
    const h = start('new', { stableAfterS: 0 });
    await waitFor(() => h.jobs.length === 3, 15_000, '3 downloads');
    const late = putRemote(sshd, 'new/day2/rec_20240104T000000Z.wav', wavBytes(2, 9));
    sums.set('day2/rec_20240104T000000Z.wav', late);
    await waitFor(() => h.jobs.length === 4, 15_000, 'the late file');
    const rows = h.db.prepare('SELECT name, path, sha256, status FROM recordings ORDER BY start_time').all() as {
      name: string; path: string; sha256: string; status: string;
    }[];
    expect(rows.map((r) => r.name)).toEqual([...sums.keys()]);
    for (const r of rows) {
      expect(r.sha256).toBe(sums.get(r.name));
      expect(sha256OfFile(r.path)).toBe(sums.get(r.name));
      expect(r.path.startsWith(h.cacheDir)).toBe(true);
    }
    expect(new Set(h.jobs.map((j) => j.recordingId)).size).toBe(4);
    // Start times come from the names, oldest first.
    expect(h.jobs.map((j) => j.startTime)).toEqual([...h.jobs.map((j) => j.startTime)].sort());
  });

  it('does not take a file that is still being written, nor temporary names', async () => {
    const dir = root('growing');
    putRemote(sshd, 'growing/.hidden_20240101T000000Z.wav', wavBytes(1));
    putRemote(sshd, 'growing/upload_20240101T000000Z.wav.part', wavBytes(1));
    putRemote(sshd, 'growing/upload_20240101T000000Z.tmp', wavBytes(1));
    putRemote(sshd, 'growing/notes.txt', 'not audio');
    const full = wavBytes(4, 3);
    putRemote(sshd, 'growing/rec_20240101T000000Z.wav', full.subarray(0, 1000));
    const h = start('growing');
    // Keep writing for ~3 poll intervals: the file must not be taken while it changes.
    for (let written = 1000; written < full.length; written += Math.ceil(full.length / 12)) {
      await new Promise((r) => setTimeout(r, 250));
      appendFileSync(join(dir, 'rec_20240101T000000Z.wav'), full.subarray(written, Math.min(full.length, written + Math.ceil(full.length / 12))));
      expect(h.jobs).toHaveLength(0);
    }
    await waitFor(() => h.jobs.length === 1, 15_000, 'the finished file');
    expect(sha256OfFile(h.jobs[0]!.path)).toBe(sha256OfFile(join(dir, 'rec_20240101T000000Z.wav')));
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.jobs).toHaveLength(1);
    expect(readdirSync(h.cacheDir)).toHaveLength(1);
  });

  it('takes a file at once when it is older than the grace period', async () => {
    const path = join(root('old'), 'rec_20200101T000000Z.wav');
    putRemote(sshd, 'old/rec_20200101T000000Z.wav', wavBytes(1));
    utimesSync(path, new Date('2020-01-01'), new Date('2020-01-01'));
    const h = start('old', { stableAfterS: 60, pollIntervalS: 30 });
    // With a 30 s poll interval, only the first poll can have taken it.
    await waitFor(() => h.jobs.length === 1, 5000, 'the old file');
  });

  it('completes byte-identical and exactly once when the server is killed repeatedly mid-transfer', async () => {
    const big = Buffer.alloc(12 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);
    const sum = putRemote(sshd, 'crash/big_20240101T000000Z.wav', big);
    const h = start('crash', { stableAfterS: 0, transfer: { bandwidthLimitBps: 3 * 1024 * 1024, parallel: 1, order: 'oldest-first' } });
    const staging = join(h.dataDir, 'cache', 'staging', h.config.id);
    for (let kill = 0; kill < 3; kill++) {
      await waitFor(() => existsSync(staging) && readdirSync(staging).length > 0, 15_000, 'a transfer in progress');
      await new Promise((r) => setTimeout(r, 700));
      await sshd.kill();
      await new Promise((r) => setTimeout(r, 300));
      await sshd.start();
    }
    await waitFor(() => h.jobs.length === 1, 30_000, 'the completed file');
    expect(sha256OfFile(h.jobs[0]!.path)).toBe(sum);
    const row = h.db.prepare('SELECT attempts, state FROM remote_files').get() as { attempts: number; state: string };
    expect(row).toMatchObject({ state: 'done' });
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    // The last attempt continued from the bytes already in the staging file.
    const done = h.logs.find((l) => l.msg === 'downloaded')!;
    expect(done.data!.resumedFrom as number).toBeGreaterThan(0);
    expect(h.db.prepare('SELECT count(*) FROM recordings').pluck().get()).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.jobs).toHaveLength(1);
  }, 60_000);

  it('detects a link that goes silent (no FIN) and resumes on a new connection', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 3);
    const sum = putRemote(sshd, 'frozen/big_20240101T000000Z.wav', big);
    const h = start('frozen', { stableAfterS: 0, transfer: { bandwidthLimitBps: 2 * 1024 * 1024, parallel: 1, order: 'oldest-first' } });
    const staging = join(h.dataDir, 'cache', 'staging', h.config.id);
    await waitFor(() => existsSync(staging) && readdirSync(staging).length > 0, 15_000, 'a transfer in progress');
    await new Promise((r) => setTimeout(r, 500));
    expect(sshd.freezeSessions(true)).toBeGreaterThan(0);
    try {
      // Keepalives (1 s × 3 in the harness) or the 5 s request timeout drop the frozen connection.
      await waitFor(() => h.ingest.health().connection !== 'connected', 10_000, 'the silent link to be noticed');
      await waitFor(() => h.jobs.length === 1, 30_000, 'the file over a new connection');
    } finally {
      sshd.freezeSessions(false);
    }
    expect(sha256OfFile(h.jobs[0]!.path)).toBe(sum);
    expect(h.logs.find((l) => l.msg === 'downloaded')!.data!.resumedFrom as number).toBeGreaterThan(0);
  }, 45_000);

  it('resumes after an app restart and never analyses a recording twice', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 7);
    const sum = putRemote(sshd, 'restart/a_20240101T000000Z.wav', big);
    putRemote(sshd, 'restart/b_20240102T000000Z.wav', wavBytes(1));
    // Two in parallel: the small newer file finishes first, while the older one is still downloading.
    let h = start('restart', { stableAfterS: 0, transfer: { bandwidthLimitBps: 2 * 1024 * 1024, parallel: 2, order: 'oldest-first' } });
    const staging = join(h.dataDir, 'cache', 'staging', h.config.id);
    await waitFor(() => existsSync(staging) && readdirSync(staging).length > 0, 15_000, 'a transfer in progress');
    await waitFor(() => doneCount(h) === 1, 15_000, 'the small file');
    // Held back: analysis must see the older recording first.
    expect(h.jobs).toHaveLength(0);
    h = await h.restart();
    harnesses.push(h);
    await waitFor(() => doneCount(h) === 2, 20_000, 'both files');
    const a = h.db.prepare("SELECT path, sha256 FROM recordings WHERE name LIKE 'a_%'").get() as { path: string; sha256: string };
    expect(a.sha256).toBe(sum);
    expect(sha256OfFile(a.path)).toBe(sum);
    // Recordings downloaded but not analysed before the restart are queued again, each once.
    const ids = h.jobs.map((j) => j.recordingId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(2);
    expect(h.jobs.map((j) => j.path)).toEqual([expect.stringMatching(/-a_2024/), expect.stringMatching(/-b_2024/)]);
    for (const id of ids) h.ingest.onFileDone({ type: 'file-done', recordingId: id, ok: true, startTime: 0, durationMs: 1000, sampleRate: 8000, channels: 1 });
    h = await h.restart();
    harnesses.push(h);
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.jobs).toHaveLength(0);
  }, 60_000);

  it('brings a .hdr sidecar along beside its recording and takes its start time', async () => {
    const header = 'MARS hdr v1 fs 8000 bits 16 ch 1 224 12:00:05.250000 2020\n'; // day 224 of 2020 = 11 August
    putRemote(sshd, 'hdr/MARS_20200811_120000.wav', wavBytes(0.5));
    putRemote(sshd, 'hdr/MARS_20200811_120000.hdr', header);
    putRemote(sshd, 'hdr/MARS_20200811_130000.wav', wavBytes(0.5, 2));
    const h = start('hdr', { stableAfterS: 0, timePattern: 'mars' });
    await waitFor(() => h.jobs.length === 2, 15_000, '2 downloads');
    const [withHeader, plain] = h.jobs;
    expect(withHeader!.startTime).toBe(Date.UTC(2020, 7, 11, 12, 0, 5, 250));
    expect(readFileSync(withHeader!.path.replace(/\.wav$/, '.hdr'), 'utf8')).toBe(header);
    expect(plain!.startTime).toBe(Date.UTC(2020, 7, 11, 13));
    expect(existsSync(plain!.path.replace(/\.wav$/, '.hdr'))).toBe(false);
    const starts = h.db.prepare('SELECT start_time FROM recordings ORDER BY start_time').pluck().all();
    expect(starts).toEqual([withHeader!.startTime, plain!.startTime]);
  });

  it('takes the newest recordings first when asked to catch up', async () => {
    for (const day of ['01', '02', '03', '04']) putRemote(sshd, `newest/rec_202401${day}T000000Z.wav`, wavBytes(0.5));
    const h = start('newest', { stableAfterS: 0, transfer: { order: 'newest-first', parallel: 1, bandwidthLimitBps: 0 } });
    await waitFor(() => h.jobs.length === 4, 15_000, '4 downloads');
    const days = h.jobs.map((j) => new Date(j.startTime!).getUTCDate());
    expect(days).toEqual([4, 3, 2, 1]);
  });

  it('pauses downloads while disk space is low and resumes after', async () => {
    putRemote(sshd, 'disk/rec_20240101T000000Z.wav', wavBytes(0.5));
    const h = start('disk', { stableAfterS: 0 });
    h.diskLow = true;
    await waitFor(() => (h.repos.ingest.stateCounts(h.config.id).ready ?? 0) === 1, 10_000, 'a ready file');
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.jobs).toHaveLength(0);
    expect(h.ingest.health().backlog).toBe(1);
    h.diskLow = false;
    await waitFor(() => h.jobs.length === 1, 10_000, 'the download after space came back');
  });
});
