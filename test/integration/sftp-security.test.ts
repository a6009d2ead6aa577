/**
 * SFTP ingest against a real OpenSSH server: host key pinning, credentials, secrets,
 * permissions, hostile names and links, files vanishing, checksum sidecars.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { downloadOne } from '../../src/main/ingest/file-download.ts';
import { SftpSession } from '../../src/main/ingest/sftp-session.ts';
import { readFileSync } from 'node:fs';
import { startSshd, sshdUnavailableReason, type SshdHandle } from '../helpers/sshd.ts';
import { putRemote, sha256, sha256OfFile, startIngest, waitFor, wavBytes, type IngestHarness } from '../helpers/sftp-station.ts';

const reason = sshdUnavailableReason();
if (reason) process.stderr.write(`SKIPPING SFTP security tests: ${reason}\n`);

describe.skipIf(!!reason)('SFTP ingest security against OpenSSH', () => {
  let sshd: SshdHandle;
  const harnesses: IngestHarness[] = [];
  const root = (name: string, server = sshd) => {
    mkdirSync(join(server.root, name), { recursive: true, mode: 0o755 });
    return join(server.root, name);
  };
  const start = (name: string, overrides: Parameters<typeof startIngest>[1] = {}, server = sshd) => {
    const h = startIngest(server, { remoteRoot: root(name, server), stableAfterS: 0, ...overrides });
    harnesses.push(h);
    return h;
  };
  const refusedWith = (h: IngestHarness, code: string) =>
    waitFor(() => h.ingest.health().connection === 'refused' && h.ingest.health().lastError?.code === code, 10_000, code);

  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    for (const h of harnesses) await h.close();
    await sshd?.close();
  });

  it('refuses an unknown host key until the analyst trusts the fingerprint it shows', async () => {
    putRemote(sshd, 'tofu/rec_20240101T000000Z.wav', wavBytes(0.5));
    const h = start('tofu', { trustOnFirstUse: false });
    await refusedWith(h, 'HOST_KEY_UNKNOWN');
    const health = h.ingest.health();
    // The fingerprint shown is exactly what `ssh-keygen -l -E sha256` prints for the server's key.
    expect(health.hostKey).toMatchObject({ state: 'unknown', offered: sshd.hostKeyFingerprint(), keyType: 'ssh-ed25519' });
    expect(h.jobs).toHaveLength(0);
    expect(() => h.ingest.trustHostKey('A'.repeat(43), 'analyst')).toThrow(/not the key/);
    h.ingest.trustHostKey(sshd.hostKeyFingerprint(), 'analyst');
    await waitFor(() => h.jobs.length === 1, 10_000, 'the download after trusting');
    expect(h.repos.ingest.trustedFingerprint('st1', sshd.host, sshd.port)).toBe(sshd.hostKeyFingerprint());
  });

  it('connects with a fingerprint pinned in the config, refuses a different one', async () => {
    putRemote(sshd, 'pinned/rec_20240101T000000Z.wav', wavBytes(0.5));
    const ok = start('pinned', { trustOnFirstUse: false, hostKeyFingerprint: `SHA256:${sshd.hostKeyFingerprint()}` });
    await waitFor(() => ok.jobs.length === 1, 10_000, 'a download with the pinned key');
    const bad = start('pinned', { trustOnFirstUse: false, hostKeyFingerprint: 'x'.repeat(43) });
    await refusedWith(bad, 'HOST_KEY_CHANGED');
    expect(bad.notices.some((n) => n.level === 'error' && /HOST KEY CHANGED/.test(n.message))).toBe(true);
  });

  it('refuses a server whose host key changed, with a clear warning', async () => {
    const other = await startSshd();
    try {
      putRemote(other, 'changed/rec_20240101T000000Z.wav', wavBytes(0.5));
      const h = start('changed', {}, other);
      await waitFor(() => h.jobs.length === 1, 10_000, 'the first download (trust on first use)');
      const before = other.hostKeyFingerprint();
      await other.replaceHostKey();
      putRemote(other, 'changed/rec_20240102T000000Z.wav', wavBytes(0.5));
      await refusedWith(h, 'HOST_KEY_CHANGED');
      expect(h.ingest.health().hostKey).toMatchObject({ state: 'changed', trusted: before, offered: other.hostKeyFingerprint() });
      expect(h.notices.find((n) => n.code === 'HOST_KEY_CHANGED')!.message).toMatch(/HOST KEY CHANGED.*Refusing to connect/);
      await new Promise((r) => setTimeout(r, 1000));
      expect(h.jobs).toHaveLength(1);
      await h.close();
    } finally {
      await other.close();
    }
  });

  it('reports wrong credentials (unknown key, wrong password) as AUTH_FAILED', async () => {
    const key = start('creds', { auth: { method: 'key', privateKeyPath: sshd.strangerKey } });
    await refusedWith(key, 'AUTH_FAILED');
    process.env.AIW_TEST_SFTP_PASSWORD = 'not-the-password';
    const pw = start('creds', { auth: { method: 'password', password: { env: 'AIW_TEST_SFTP_PASSWORD' } } });
    await refusedWith(pw, 'AUTH_FAILED');
    // The secret itself never appears in what is reported.
    for (const h of [key, pw]) {
      expect(JSON.stringify(h.notices) + JSON.stringify(h.logs) + JSON.stringify(h.ingest.health())).not.toContain('not-the-password');
    }
  });

  it('refuses secret files and keys that other users can read', async () => {
    const dir = dirname(sshd.clientKey);
    const loose = join(dir, 'loose-password');
    writeFileSync(loose, 'secret\n', { mode: 0o644 });
    chmodSync(loose, 0o644);
    const h = start('creds', { auth: { method: 'password', password: { file: loose } } });
    await refusedWith(h, 'SECRET_INSECURE');
    expect(h.ingest.health().lastError!.message).toMatch(/chmod 600/);
  });

  it('fails an unreadable file with its reason and goes on with the others', async () => {
    const good = putRemote(sshd, 'perm/rec_20240102T000000Z.wav', wavBytes(0.5, 2));
    putRemote(sshd, 'perm/rec_20240101T000000Z.wav', wavBytes(0.5, 1));
    chmodSync(join(sshd.root, 'perm/rec_20240101T000000Z.wav'), 0o000);
    mkdirSync(join(sshd.root, 'perm/locked'), { mode: 0o700 });
    putRemote(sshd, 'perm/locked/rec_20240103T000000Z.wav', wavBytes(0.5));
    chmodSync(join(sshd.root, 'perm/locked'), 0o700);
    const h = start('perm');
    await waitFor(() => h.jobs.length === 1, 10_000, 'the readable file');
    expect(sha256OfFile(h.jobs[0]!.path)).toBe(good);
    await waitFor(() => h.repos.ingest.stateCounts('st1').failed === 1, 10_000, 'the failed file');
    const failed = h.repos.ingest.recentFailures('st1', 5);
    expect(failed[0]).toMatchObject({ path: 'rec_20240101T000000Z.wav' });
    expect(failed[0]!.error).toMatch(/permission denied/i);
    expect(h.notices.map((n) => n.code)).toEqual(expect.arrayContaining(['PERMISSION_DENIED']));
    expect(h.notices.filter((n) => n.message.includes('locked'))).toHaveLength(1);
  });

  it('handles a file deleted between listing and download', async () => {
    putRemote(sshd, 'vanish/rec_20240101T000000Z.wav', wavBytes(0.5));
    const h = start('vanish', { pollIntervalS: 3600 });
    h.diskLow = true; // keep it listed and ready, not downloaded
    await waitFor(() => (h.repos.ingest.stateCounts('st1').ready ?? 0) === 1, 10_000, 'the ready file');
    rmSync(join(sshd.root, 'vanish/rec_20240101T000000Z.wav'));
    const session = await SftpSession.open({
      host: sshd.host, port: sshd.port, user: sshd.user, auth: { privateKey: readFileSync(sshd.clientKey) },
      checkHostKey: () => ({ accept: true, pin: false }),
    });
    try {
      const row = h.repos.ingest.nextToDownload('st1', false, 1)[0]!;
      const outcome = await downloadOne(session, row, {
        stationId: 'st1', remoteRoot: h.config.remoteRoot, cacheDir: h.cacheDir, stagingDir: join(h.dataDir, 'staging'),
        repo: h.repos.ingest, signal: new AbortController().signal, onBytes: () => undefined,
      });
      expect(outcome).toMatchObject({ kind: 'dropped', error: { code: 'NOT_FOUND' } });
      expect(h.repos.ingest.file(row.id)).toMatchObject({ state: 'gone' });
      expect(readdirSync(h.cacheDir)).toHaveLength(0);
    } finally {
      await session.end();
    }
  });

  it('downloads names with spaces and unicode', async () => {
    const name = 'Hydrophone A/rec ünïcødé 🐋 20240101T000000Z.wav';
    const sum = putRemote(sshd, `unicode/${name}`, wavBytes(0.5));
    const h = start('unicode');
    await waitFor(() => h.jobs.length === 1, 10_000, 'the unicode file');
    expect(sha256OfFile(h.jobs[0]!.path)).toBe(sum);
    expect(h.jobs[0]!.path).toContain('rec ünïcødé 🐋 20240101T000000Z.wav');
    expect(h.db.prepare('SELECT name FROM recordings').pluck().get()).toBe(name);
  });

  it('never follows symlinks out of the root and never writes outside the cache', async () => {
    const dir = root('hostile');
    const outside = join(dirname(sshd.root), 'outside_20240101T000000Z.wav');
    writeFileSync(outside, wavBytes(0.5));
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(dir, 'link_20240101T000000Z.wav'));
    symlinkSync('/', join(dir, 'rootdir'));
    putRemote(sshd, 'hostile/inside_20240102T000000Z.wav', wavBytes(0.5));
    symlinkSync(join(dir, 'inside_20240102T000000Z.wav'), join(dir, 'alias_20240102T000000Z.wav'));
    // Names that are traversal on some client OS: backslashes and dots.
    putRemote(sshd, 'hostile/..\\..\\escape_20240103T000000Z.wav', wavBytes(0.5));
    putRemote(sshd, 'hostile/rec..._20240104T000000Z.wav', wavBytes(0.5));
    const h = start('hostile');
    await waitFor(() => h.jobs.length === 2, 10_000, `the two plain files (${JSON.stringify(h.notices)})`);
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.jobs.map((j) => j.path.slice(h.cacheDir.length + 1)).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/-inside_20240102T000000Z\.wav$/), expect.stringMatching(/-rec\.\.\._20240104T000000Z\.wav$/)]),
    );
    const unsafe = h.notices.filter((n) => n.code === 'UNSAFE_PATH').map((n) => n.message).join('\n');
    expect(unsafe).toMatch(/link_20240101T000000Z\.wav points outside the remote root/);
    expect(unsafe).toMatch(/rootdir points outside the remote root/);
    expect(unsafe).toMatch(/escape_20240103T000000Z\.wav.* not a safe file name/);
    expect(unsafe).not.toMatch(/alias/);
    // Nothing beside or above the cache folder was written.
    expect(readdirSync(h.cacheDir)).toHaveLength(2);
    expect(readdirSync(dirname(h.cacheDir))).toEqual([h.config.id]);
    expect(existsSync(join(h.dataDir, 'escape_20240103T000000Z.wav'))).toBe(false);
  });

  it('verifies a .sha256 sidecar: a match is taken, a mismatch is failed after retries', async () => {
    const bytes = wavBytes(0.5, 5);
    putRemote(sshd, 'sums/good_20240101T000000Z.wav', bytes);
    putRemote(sshd, 'sums/good_20240101T000000Z.wav.sha256', `${sha256(bytes)}  good_20240101T000000Z.wav\n`);
    putRemote(sshd, 'sums/bad_20240102T000000Z.wav', wavBytes(0.5, 6));
    putRemote(sshd, 'sums/bad_20240102T000000Z.wav.sha256', `${'0'.repeat(64)}\n`);
    const h = start('sums');
    await waitFor(() => h.jobs.length === 1, 10_000, 'the verified file');
    expect(h.jobs[0]!.path).toMatch(/good_/);
    await waitFor(() => h.repos.ingest.stateCounts('st1').failed === 1, 15_000, 'the mismatching file to fail');
    const row = h.db.prepare("SELECT attempts, error FROM remote_files WHERE path LIKE 'bad_%'").get() as { attempts: number; error: string };
    expect(row.attempts).toBe(3);
    expect(row.error).toMatch(/does not match its sidecar/);
    expect(readdirSync(h.cacheDir)).toHaveLength(1);
  });
});
