/**
 * A private OpenSSH server on a loopback port for the SFTP ingest tests and the bench.
 *
 * It installs Debian's openssh-server with apt when missing (as root), makes its own host
 * and client keys in a temp folder, writes its own sshd_config and runs `sshd -D -e`. It can
 * kill the listener, kill the per-connection children (a dropped link), restart on the same
 * port and replace its host key. As root, logins go to a dedicated unprivileged account
 * (so file permissions apply, as on a real station); otherwise to the current user.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const SSHD_BIN = '/usr/sbin/sshd';
/** The account the tests log in as when they run as root. */
export const SFTP_TEST_USER = 'aiw-sftp-test';

export interface SshdHandle {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  /** Folder served to the client: the station's remote root (absolute, also the local path). */
  readonly root: string;
  /** The temp folder holding keys, config and root. */
  readonly dir: string;
  readonly clientKey: string;
  /** A key the server does not know (wrong-credentials tests). */
  readonly strangerKey: string;
  /** SHA256 fingerprint of the current host key, base64 without padding (as OpenSSH prints it). */
  hostKeyFingerprint(): string;
  /** Kills every sshd process of this server (listener and sessions), like a crash. */
  kill(): Promise<void>;
  /** Kills only the per-connection children: open sessions drop, new ones are accepted. */
  killSessions(): number;
  /** Freezes (SIGSTOP) or thaws (SIGCONT) the open sessions: a link that goes silent without closing. */
  freezeSessions(frozen: boolean): number;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Replaces the host key with a new one and restarts (a changed or spoofed server). */
  replaceHostKey(): Promise<void>;
  stderr(): string;
  /** Stops the server and deletes its folder. */
  close(): Promise<void>;
}

/** Every running sshd of this process: never left behind when the process ends without close(). */
const LIVE = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of LIVE) c.kill('SIGKILL');
});

/** Why a real sshd cannot run here, or undefined when it can (installing it if missing and root). */
export function sshdUnavailableReason(): string | undefined {
  if (existsSync(SSHD_BIN)) return undefined;
  if (process.getuid?.() !== 0) return `${SSHD_BIN} is missing and installing it needs root (apt-get install openssh-server)`;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '-q', '--no-install-recommends', 'openssh-server'], { stdio: 'ignore', env }).status === 0;
  // A fresh container has no package lists yet: update once and retry.
  if (!install() && (spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update', '-q'], { stdio: 'ignore', env }).status !== 0 || !install())) {
    return 'apt-get install openssh-server failed (no network to the Debian mirror?)';
  }
  return existsSync(SSHD_BIN) ? undefined : `apt installed openssh-server but ${SSHD_BIN} is still missing`;
}

/** Starts a private sshd; the caller must `close()` it. */
export async function startSshd(): Promise<SshdHandle> {
  const reason = sshdUnavailableReason();
  if (reason) throw new Error(reason);
  const isRoot = process.getuid?.() === 0;
  const user = isRoot ? ensureTestUser() : userInfo().username;
  const dir = mkdtempSync(join(tmpdir(), 'aiw-sshd-'));
  chmodSync(dir, 0o755);
  const root = join(dir, 'root');
  mkdirSync(root, { mode: 0o755 });
  chmodSync(root, 0o755);
  const port = await freePort();
  const keys = makeKeys(dir);
  const config = join(dir, 'sshd_config');
  writeFileSync(config, sshdConfig(dir, port, user));
  if (isRoot) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  let child: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    child = spawn(SSHD_BIN, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    LIVE.add(child);
    child.once('exit', () => LIVE.delete(child!));
    child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
    await waitForListen(port, () => child?.exitCode ?? null, () => log);
  };
  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    killDescendants(c.pid!);
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  const handle: SshdHandle = {
    host: '127.0.0.1', port, user, root, dir, clientKey: keys.client, strangerKey: keys.stranger,
    hostKeyFingerprint: () => fingerprintOf(`${keys.host}.pub`),
    kill,
    killSessions: () => (child?.pid ? killDescendants(child.pid) : 0),
    freezeSessions: (frozen) => (child?.pid ? killDescendants(child.pid, frozen ? 'SIGSTOP' : 'SIGCONT') : 0),
    start,
    restart: async () => {
      await kill();
      await start();
    },
    replaceHostKey: async () => {
      rmSync(keys.host, { force: true });
      rmSync(`${keys.host}.pub`, { force: true });
      keygen(keys.host);
      await handle.restart();
    },
    stderr: () => log,
    close: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await start();
  return handle;
}

function sshdConfig(dir: string, port: number, user: string): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `AllowUsers ${user}`,
    'PubkeyAuthentication yes',
    // On for the wrong-password test; the test account has no usable password, so nothing can log in with one.
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin no',
    'UsePAM no',
    // /tmp is world-writable: StrictModes would refuse the authorized_keys beneath it.
    'StrictModes no',
    'Subsystem sftp internal-sftp',
    'MaxStartups 100:30:200',
    'MaxSessions 50',
    'LogLevel INFO',
    '',
  ].join('\n');
}

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'aiw-test', '-f', file], { stdio: 'ignore' });
}

function makeKeys(dir: string): { host: string; client: string; stranger: string } {
  const host = join(dir, 'host_ed25519');
  const client = join(dir, 'client_ed25519');
  const stranger = join(dir, 'stranger_ed25519');
  for (const f of [host, client, stranger]) keygen(f);
  const authorized = join(dir, 'authorized_keys');
  writeFileSync(authorized, readFileSync(`${client}.pub`));
  chmodSync(authorized, 0o644);
  // The client keys are read by the test process only; keep them private like ssh does.
  for (const f of [client, stranger]) chmodSync(f, 0o600);
  return { host, client, stranger };
}

/** `ssh-keygen -l -E sha256` of a public key: the base64 part after "SHA256:". */
function fingerprintOf(pubFile: string): string {
  const out = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile], { encoding: 'utf8' });
  const m = /SHA256:([A-Za-z0-9+/]+)/.exec(out);
  if (!m) throw new Error(`cannot read a fingerprint from: ${out}`);
  return m[1]!;
}

/** An unprivileged login account (no password, not locked, no shell) for the tests run as root. */
function ensureTestUser(): string {
  const exists = spawnSync('id', ['-u', SFTP_TEST_USER], { stdio: 'ignore' }).status === 0;
  if (!exists) {
    execFileSync('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', SFTP_TEST_USER]);
  }
  // '*' = no password can match, but unlike '!' the account is not locked (sshd refuses locked accounts even for keys).
  execFileSync('usermod', ['-p', '*', SFTP_TEST_USER]);
  return SFTP_TEST_USER;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForListen(port: number, exitCode: () => number | null, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (exitCode() !== null) throw new Error(`sshd exited (${exitCode()}):\n${log()}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`sshd did not listen on ${port} within 10 s:\n${log()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Children, grandchildren … of a pid, read from /proc (Linux). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of parents.get(queue.shift()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function killDescendants(pid: number, signal: NodeJS.Signals = 'SIGKILL'): number {
  const pids = descendants(pid);
  for (const p of pids) {
    try {
      process.kill(p, signal);
    } catch {
      // already gone
    }
  }
  return pids.length;
}
