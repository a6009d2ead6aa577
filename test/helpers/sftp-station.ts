/**
 * A remote station's ingest loop against the private sshd (test/helpers/sshd.ts), on a real
 * SQLite database in a temp folder, with analysis replaced by a recorder: the SFTP tests check
 * what was downloaded, in what order, how often, and what was reported.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { remoteStationConfigSchema, type RemoteStationConfig, type RemoteStationConfigInput } from '../../src/shared/station-config.ts';
import { createLogger, type LogLevel } from '../../src/main/app/logger.ts';
import { encodeWav } from '../../src/main/audio/wav-writer.ts';
import { StationIngest, type StationIngestDeps } from '../../src/main/ingest/station-ingest.ts';
import type { FileJob } from '../../src/main/pipeline/station-protocol.ts';
import { openDatabase, type Db } from '../../src/main/storage/database.ts';
import { createRepositories, type Repositories } from '../../src/main/storage/repositories.ts';
import type { SshdHandle } from './sshd.ts';

export interface Notice {
  level: string;
  code: string;
  message: string;
}

export interface IngestHarness {
  readonly ingest: StationIngest;
  readonly config: RemoteStationConfig;
  readonly db: Db;
  readonly repos: Repositories;
  readonly dataDir: string;
  readonly cacheDir: string;
  readonly jobs: FileJob[];
  readonly notices: Notice[];
  /** Every log line of the ingest loop (level, message, data). */
  readonly logs: { level: LogLevel; msg: string; data?: Record<string, unknown> }[];
  /** Simulated disk-space state (true pauses downloads). */
  diskLow: boolean;
  /** Stops the loop (like quitting the app); the database stays for a restart. */
  stop(): Promise<void>;
  /** Stops, then starts a new loop on the same database and cache (a restart after a crash). */
  restart(): Promise<IngestHarness>;
  close(): Promise<void>;
}

export function stationConfig(sshd: SshdHandle, overrides: Partial<RemoteStationConfigInput> = {}): RemoteStationConfig {
  return remoteStationConfigSchema.parse({
    id: 'st1', name: 'Test station', host: sshd.host, port: sshd.port, user: sshd.user,
    auth: { method: 'key', privateKeyPath: sshd.clientKey }, trustOnFirstUse: true, remoteRoot: sshd.root,
    pollIntervalS: 1, stableAfterS: 3600, lat: 36.7, lon: -122.2, ...overrides,
  });
}

/** `extra`: dependencies to replace (e.g. `openSession`, to reach the SFTP worker of a test). */
export function startIngest(
  sshd: SshdHandle, overrides: Partial<RemoteStationConfigInput> = {}, dataDir?: string, extra: Partial<StationIngestDeps> = {},
): IngestHarness {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'aiw-sftp-'));
  const config = stationConfig(sshd, overrides);
  const db = openDatabase(join(dir, 'aiw.db'));
  const repos = createRepositories(db);
  repos.stations.upsert({ id: config.id, name: config.name, kind: 'sftp', lat: config.lat, lon: config.lon, sampleRate: 0, channels: 1 });
  const cacheDir = join(dir, 'cache', 'audio', config.id);
  const stagingDir = join(dir, 'cache', 'staging', config.id);
  mkdirSync(cacheDir, { recursive: true });
  const jobs: FileJob[] = [];
  const notices: Notice[] = [];
  const logs: IngestHarness['logs'] = [];
  const logger = createLogger({ write: (level, _scope, msg, data) => logs.push({ level, msg, data }) });
  const h = {} as IngestHarness & { diskLow: boolean };
  const ingest = new StationIngest({
    config, repo: repos.ingest, cacheDir, stagingDir, logger,
    notify: (level, code, message) => notices.push({ level, code, message }),
    analyse: (job) => jobs.push(job),
    diskLow: () => h.diskLow,
    timeouts: { connectMs: 5000, operationMs: 5000, keepaliveMs: 1000, keepaliveCountMax: 3 },
    backoff: { baseMs: 100, maxMs: 1000 },
    ...extra,
  });
  Object.assign(h, {
    ingest, config, db, repos, dataDir: dir, cacheDir, jobs, notices, logs, diskLow: false,
    stop: async () => {
      await ingest.stop();
      db.close();
    },
    restart: async () => {
      await h.stop();
      return startIngest(sshd, overrides, dir, extra);
    },
    close: async () => {
      await ingest.stop();
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  ingest.start();
  return h;
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A mono 16-bit WAV of `seconds` of a tone (deterministic content per `seed`). */
export function wavBytes(seconds: number, seed = 1, sampleRate = 8000): Buffer {
  const n = Math.round(seconds * sampleRate);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = 0.2 * Math.sin((2 * Math.PI * (200 + seed * 37) * i) / sampleRate) + 0.01 * Math.sin(i * seed);
  return encodeWav([x], { sampleRate, encoding: 'pcm16' });
}

/** Writes a file under the server's root (readable by the login account) and returns its sha256. */
export function putRemote(sshd: SshdHandle, rel: string, bytes: Buffer | string): string {
  const path = join(sshd.root, rel);
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  chmodRecursiveDirs(sshd.root, dirname(path));
  writeFileSync(path, bytes, { mode: 0o644 });
  chmodSync(path, 0o644);
  return sha256(typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
}

function chmodRecursiveDirs(root: string, dir: string): void {
  for (let d = dir; d.startsWith(root); d = dirname(d)) chmodSync(d, 0o755);
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha256OfFile(path: string): string {
  return sha256(readFileSync(path));
}
