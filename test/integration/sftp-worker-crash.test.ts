/**
 * A station's SFTP worker thread crashing mid-transfer, against a real OpenSSH server: the ingest
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

describe.skipIf(!!reason)('SFTP worker crashes', () => {
  let sshd: SshdHandle;
  let h: IngestHarness | undefined;

  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await h?.close();
    await sshd?.close();
  });

  it('restarts a worker crashed mid-transfer; every file ends exactly once, sha256-identical', async () => {
    mkdirSync(join(sshd.root, 'crash'), { recursive: true, mode: 0o755 });
    const sums = new Map<string, string>();
    for (let i = 0; i < 3; i++) {
      const name = `rec_2024010${i + 1}T000000Z.wav`;
      sums.set(name, putRemote(sshd, `crash/${name}`, wavBytes(120, i + 1))); // ~1.9 MB each
    }
    const sessions: WorkerSftpSession[] = [];
    h = startIngest(sshd, {
      remoteRoot: join(sshd.root, 'crash'), stableAfterS: 0,
      // Slow enough that the crash lands in the middle of a transfer.
      transfer: { parallel: 1, bandwidthLimitBps: 1_000_000, order: 'oldest-first' },
    }, undefined, {
      openSession: async (opts) => {
        const s = await WorkerSftpSession.open(opts);
        sessions.push(s);
        return s;
      },
    });
    const ingest = h;
    await waitFor(() => stagingBytes(ingest) > 300_000, 20_000, 'a transfer under way');
    sessions.at(-1)!.crashForTest('injected crash in the SFTP worker');

    await waitFor(() => ingest.jobs.length === 3, 60_000, 'all three files after the crash');
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const rows = ingest.db.prepare('SELECT name, path, sha256 FROM recordings ORDER BY start_time').all() as { name: string; path: string; sha256: string }[];
    expect(rows.map((r) => r.name)).toEqual([...sums.keys()]);
    for (const r of rows) {
      expect(r.sha256).toBe(sums.get(r.name));
      expect(sha256OfFile(r.path)).toBe(sums.get(r.name));
    }
    expect(new Set(ingest.jobs.map((j) => j.recordingId)).size).toBe(3);
    expect(readdirSync(ingest.cacheDir)).toHaveLength(3);
    // The interrupted file went on from its last byte, in the new worker.
    const resumed = ingest.logs.filter((l) => l.msg === 'downloaded' && Number(l.data?.resumedFrom) > 0);
    expect(resumed).toHaveLength(1);
    const health = ingest.ingest.health();
    expect(health.workerCrashes).toBe(1);
    expect(health.lastCrash).toMatchObject({ worker: 'sftp', reason: expect.stringContaining('injected crash in the SFTP worker') });
    expect(ingest.logs.some((l) => l.level === 'error' && l.msg.includes('injected crash in the SFTP worker'))).toBe(true);
  });
});
