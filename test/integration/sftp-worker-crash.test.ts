/**
 * A station's SFTP worker thread crashing, or hanging, mid-transfer, against a real OpenSSH server: the ingest
 * reconnects in a new worker (with backoff), resumes the staging file from its last byte, and every
 * file ends in the cache exactly once, byte-identical; the crash reason is in the health and the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WorkerSftpSession } from '../../src/main/ingest/worker-session.ts';
import { startSshd, sshdUnavailableReason, type SshdHandle } from '../helpers/sshd.ts';
import { putRemote, sha256OfFile, startIngest, waitFor, wavBytes, type IngestHarness } from '../helpers/sftp-station.ts';

const reason = sshdUnavailableReason();
if (reason) process.stderr.write(`SKIPPING SFTP worker crash tests: ${reason}\n`);

/** Size of the largest staging file (a transfer in progress), 0 when there is none. */
function stagingBytes(h: IngestHarness): number {
  const dir = join(h.dataDir, 'cache', 'staging', h.config.id);
  try {
    return Math.max(0, ...readdirSync(dir).map((f) => statSync(join(dir, f)).size));
  } catch {
    return 0;
  }
}

/** An ingest over `count` files of ~1.9 MB at 1 MB/s (slow enough to be interrupted mid-transfer), reaching each of its SFTP workers. */
function startSlowIngest(sshd: SshdHandle, dir: string, count: number) {
  mkdirSync(join(sshd.root, dir), { recursive: true, mode: 0o755 });
  const sums = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const name = `rec_2024010${i + 1}T000000Z.wav`;
    sums.set(name, putRemote(sshd, `${dir}/${name}`, wavBytes(120, i + 1)));
  }
  const sessions: WorkerSftpSession[] = [];
  const ingest = startIngest(sshd, {
    remoteRoot: join(sshd.root, dir), stableAfterS: 0,
    transfer: { parallel: 1, bandwidthLimitBps: 1_000_000, order: 'oldest-first' },
  }, undefined, {
    openSession: async (opts) => {
      const s = await WorkerSftpSession.open(opts);
      sessions.push(s);
      return s;
    },
  });
  return { ingest, sessions, sums };
}

/** Every file once in the cache and the database, sha256-identical, and exactly one of them resumed. */
function expectEachOnceAndOneResumed(ingest: IngestHarness, sums: Map<string, string>): void {
  const rows = ingest.db.prepare('SELECT name, path, sha256 FROM recordings ORDER BY start_time').all() as { name: string; path: string; sha256: string }[];
  expect(rows.map((r) => r.name)).toEqual([...sums.keys()]);
  for (const r of rows) {
    expect(r.sha256).toBe(sums.get(r.name));
    expect(sha256OfFile(r.path)).toBe(sums.get(r.name));
  }
  expect(new Set(ingest.jobs.map((j) => j.recordingId)).size).toBe(sums.size);
  expect(readdirSync(ingest.cacheDir)).toHaveLength(sums.size);
  // The interrupted file went on from its last byte, in the new worker.
  const resumed = ingest.logs.filter((l) => l.msg === 'downloaded' && Number(l.data?.resumedFrom) > 0);
  expect(resumed).toHaveLength(1);
}

describe.skipIf(!!reason)('SFTP worker crashes', () => {
  let sshd: SshdHandle;
  const harnesses: IngestHarness[] = [];

  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    for (const h of harnesses) await h.close();
    await sshd?.close();
  });

  it('restarts a worker crashed mid-transfer; every file ends exactly once, sha256-identical', async () => {
    const { ingest, sessions, sums } = startSlowIngest(sshd, 'crash', 3);
    harnesses.push(ingest);
    await waitFor(() => stagingBytes(ingest) > 300_000, 20_000, 'a transfer under way');
    sessions.at(-1)!.crashForTest('injected crash in the SFTP worker');

    await waitFor(() => ingest.jobs.length === 3, 60_000, 'all three files after the crash');
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expectEachOnceAndOneResumed(ingest, sums);
    const health = ingest.ingest.health();
    expect(health.workerCrashes).toBe(1);
    expect(health.lastCrash).toMatchObject({ worker: 'sftp', reason: expect.stringContaining('injected crash in the SFTP worker') });
    expect(ingest.logs.some((l) => l.level === 'error' && l.msg.includes('injected crash in the SFTP worker'))).toBe(true);
  });

  it('times out a worker that stops answering mid-transfer and restarts it; the file ends once, sha256-identical', async () => {
    const { ingest, sessions, sums } = startSlowIngest(sshd, 'hang', 1);
    harnesses.push(ingest);
    await waitFor(() => stagingBytes(ingest) > 300_000, 20_000, 'a transfer under way');
    const hung = sessions.at(-1)!;
    hung.hangForTest();

    // No download progress for the operation timeout (5 s in the harness) + 5 s: the worker counts as hung.
    await waitFor(() => ingest.jobs.length === 1, 45_000, 'the file after the hang');
    expect(hung.closeReason).toMatchObject({ code: 'WORKER_CRASHED', message: expect.stringContaining('hung') });
    expect(sessions.indexOf(hung)).toBeLessThan(sessions.length - 1);
    expectEachOnceAndOneResumed(ingest, sums);
    expect(ingest.ingest.health().lastCrash).toMatchObject({ worker: 'sftp', reason: expect.stringContaining('hung') });
    await new Promise((r) => setTimeout(r, 1000));
    expect(ingest.jobs).toHaveLength(1);
  }, 60_000);
});
