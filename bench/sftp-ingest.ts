/**
 * SFTP ingest figures against a private OpenSSH server on loopback (test/helpers/sshd.ts):
 *  - throughput of a 200 MB transfer through the ingest's own path (pipelined reads, in-order
 *    append, SHA-256) against OpenSSH's `sftp` client on the same link in the same run;
 *  - the cost of polling an archive of 10 000 files (first listing, then an unchanged one).
 * Needs openssh-server (installed via apt when running as root).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { walkRemote } from '../src/main/ingest/discovery.ts';
import type { RemoteSession } from '../src/main/ingest/remote-session.ts';
import { SftpSession } from '../src/main/ingest/sftp-session.ts';
import { WorkerSftpSession } from '../src/main/ingest/worker-session.ts';
import { startSshd, sshdUnavailableReason, type SshdHandle } from '../test/helpers/sshd.ts';

export interface SftpBenchResult {
  megabytes: number;
  /** MB/s (10^6 bytes) of each method, best of `runs`. */
  ingestMBps: number;
  opensshMBps: number;
  opensshSameCipherMBps: number;
  fastGetMBps: number;
  cipher: string;
  nativeCrypto: boolean;
  listing: { files: number; firstMs: number; firstReaddirs: number; unchangedMs: number; unchangedReaddirs: number };
}

const MB = 1e6;

/**
 * Each method runs `runs` times, interleaved (ingest, sftp, sftp same cipher, fastGet, ingest, …), and
 * its best time counts: on a shared machine load comes and goes, and interleaving exposes every method
 * to the same spells of it.
 */
export async function benchSftp(megabytes = Number(process.env.AIW_BENCH_SFTP_MB ?? 200), runs = 3): Promise<SftpBenchResult | string> {
  const reason = sshdUnavailableReason();
  if (reason) return reason;
  const sshd = await startSshd();
  const scratch = mkdtempSync(join(tmpdir(), 'aiw-bench-sftp-'));
  try {
    const remote = join(sshd.root, 'big.bin');
    writeRandomFile(remote, megabytes * MB);
    // The ingest's own path: the station's SFTP worker thread (reads, staging writes, SHA-256 on its hash thread).
    const session = await openSession(sshd, WorkerSftpSession.open);
    const { cipher } = session;
    const methods: (() => Promise<number>)[] = [
      () => timeIngest(session, remote, join(scratch, 'ingest.part'), megabytes * MB),
      async () => timeOpenSsh(sshd, remote, join(scratch, 'openssh.out')),
      async () => timeOpenSsh(sshd, remote, join(scratch, 'openssh.out'), cipher),
      () => timeFastGet(sshd, remote, join(scratch, 'fastget.out')),
    ];
    const best = methods.map(() => Infinity);
    for (let i = 0; i < runs; i++) {
      for (const [m, run] of methods.entries()) best[m] = Math.min(best[m]!, await run());
    }
    await session.end();
    const [ingestMBps, opensshMBps, opensshSameCipherMBps, fastGetMBps] = best.map((t) => megabytes / t) as [number, number, number, number];
    rmSync(remote);
    const listing = await benchListing(sshd);
    return { megabytes, ingestMBps, opensshMBps, opensshSameCipherMBps, fastGetMBps, cipher, nativeCrypto: nativeCryptoLoaded(), listing };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await sshd.close();
  }
}

function writeRandomFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w', 0o644);
  const block = randomBytes(1 << 20);
  for (let left = bytes; left > 0; left -= block.length) writeSync(fd, block, 0, Math.min(block.length, left));
  closeSync(fd);
}

function openSession(sshd: SshdHandle, open: typeof SftpSession.open | typeof WorkerSftpSession.open = SftpSession.open): Promise<RemoteSession> {
  return open({
    host: sshd.host, port: sshd.port, user: sshd.user, auth: { privateKey: readFileSync(sshd.clientKey) },
    checkHostKey: () => ({ accept: true, pin: false }),
  });
}

async function timeIngest(session: RemoteSession, remote: string, staging: string, size: number): Promise<number> {
  rmSync(staging, { force: true });
  const st = await session.stat(remote);
  const t0 = performance.now();
  await session.download({ remotePath: remote, stagingPath: staging, expected: { size, mtime: st.mtime } });
  return (performance.now() - t0) / 1000;
}

function timeOpenSsh(sshd: SshdHandle, remote: string, local: string, cipher?: string): number {
  rmSync(local, { force: true });
  const args = ['-q', '-i', sshd.clientKey, '-P', String(sshd.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'];
  if (cipher) args.push('-c', cipher);
  const t0 = performance.now();
  const r = spawnSync('sftp', [...args, '-b', '-', `${sshd.user}@${sshd.host}`], { input: `get ${remote} ${local}\n`, encoding: 'utf8' });
  const t = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`sftp failed: ${r.stderr}`);
  return t;
}

async function timeFastGet(sshd: SshdHandle, remote: string, local: string): Promise<number> {
  const client = new SftpClient('bench', { error: () => undefined, end: () => undefined, close: () => undefined });
  await client.connect({ host: sshd.host, port: sshd.port, username: sshd.user, privateKey: readFileSync(sshd.clientKey), hostVerifier: () => true });
  const t0 = performance.now();
  await client.fastGet(remote, local);
  const t = (performance.now() - t0) / 1000;
  await client.end();
  return t;
}

/** Whether ssh2's optional native crypto binding (sshcrypto.node) loaded; without it AES-GCM runs per packet via Node's crypto. */
function nativeCryptoLoaded(): boolean {
  try {
    return Boolean((createRequire(import.meta.url)('ssh2/lib/protocol/crypto.js') as { bindingAvailable?: boolean }).bindingAvailable);
  } catch {
    return false;
  }
}

/** 10 000 files in 50 folders: a cold listing, then one where nothing changed. */
async function benchListing(sshd: SshdHandle): Promise<SftpBenchResult['listing']> {
  const root = join(sshd.root, 'archive');
  const past = new Date(Date.now() - 3_600_000);
  for (let d = 0; d < 50; d++) {
    const dir = join(root, `d${String(d).padStart(2, '0')}`);
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    for (let i = 0; i < 200; i++) writeFileSync(join(dir, `rec_${i}.wav`), '', { mode: 0o644 });
    utimesSync(dir, past, past);
  }
  utimesSync(root, past, past);
  const session = await openSession(sshd);
  try {
    let t0 = performance.now();
    const first = await walkRemote(session, { root, rememberedDirs: new Map(), unsettledDirs: new Set() });
    const firstMs = performance.now() - t0;
    const remembered = new Map(first.listedDirs.map((d) => [d.path, { mtime: d.mtime, listedAt: d.listedAt }]));
    t0 = performance.now();
    const second = await walkRemote(session, { root, rememberedDirs: remembered, unsettledDirs: new Set() });
    return { files: first.files.length, firstMs, firstReaddirs: first.readdirCalls, unchangedMs: performance.now() - t0, unchangedReaddirs: second.readdirCalls };
  } finally {
    await session.end();
  }
}
