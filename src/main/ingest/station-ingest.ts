/**
 * The ingest loop of one remote station: connect (host key pinned), poll, download the
 * stable files (oldest or newest first, in parallel, rate-limited), hand each downloaded
 * recording to the station's analysis stream, reconnect with backoff when the link drops.
 *
 * All progress lives in the database (docs/stations.md), so stopping at any instant — a
 * crash, a dropped link, a killed server — resumes where it was on the next connection.
 */
import { AppError, toAppError } from '../../shared/errors.ts';
import type { RemoteStationConfig, StationIngestHealth } from '../../shared/station-config.ts';
import type { SecretStore } from '../app/secrets.ts';
import type { Logger } from '../app/logger.ts';
import type { FileDoneMessage, FileJob } from '../pipeline/station-protocol.ts';
import type { IngestRepo, RemoteFileRow } from '../storage/ingest-repo.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { matchRulesOf, planPoll, unsettledDirsOf, walkRemote, type ListingProblem } from './discovery.ts';
import { downloadOne, type DownloadOutcome, type FileDownloadContext } from './file-download.ts';
import { decideHostKey, type HostKeyDecision } from './host-key.ts';
import { compileNameGlob } from './name-glob.ts';
import { resolveAuth } from './secret-source.ts';
import type { RemoteSession } from './remote-session.ts';
import type { SessionOptions, SessionTimeouts } from './sftp-session.ts';
import { WorkerSftpSession } from './worker-session.ts';
import { ThroughputMeter } from './throughput.ts';
import { healthOf, type IngestRuntime } from './ingest-health.ts';

export interface StationIngestDeps {
  readonly config: RemoteStationConfig;
  readonly repo: IngestRepo;
  readonly cacheDir: string;
  readonly stagingDir: string;
  readonly secrets?: SecretStore;
  readonly logger: Logger;
  readonly notify: (level: 'info' | 'warning' | 'error', code: string, message: string) => void;
  /** Sends a downloaded recording to the station's analysis stream. */
  readonly analyse: (job: FileJob) => void;
  readonly diskLow: () => boolean;
  readonly timeouts?: SessionTimeouts;
  readonly backoff?: BackoffOptions;
  /** Opens the connection (default: in the station's own SFTP worker thread). */
  readonly openSession?: (opts: SessionOptions) => Promise<RemoteSession>;
}

/** Refusals that retrying soon cannot fix: wait the longest backoff (or for the analyst). */
const REFUSALS = new Set(['HOST_KEY_UNKNOWN', 'HOST_KEY_CHANGED', 'AUTH_FAILED', 'CONFIG_INVALID', 'SECRET_INSECURE']);
/** A worker that crashed after running this long starts a fresh backoff; sooner, its crash streak grows it. */
const CRASH_STREAK_RESET_MS = 60_000;

export class StationIngest {
  readonly #d: StationIngestDeps;
  readonly #rt: IngestRuntime = { connection: 'connecting', failures: 0, diskLow: false };
  readonly #abort = new AbortController();
  readonly #active = new Map<number, Promise<void>>();
  /** Downloaded, waiting for older files still in flight, so analysis sees the stream in time order. */
  #completed: FileJob[] = [];
  readonly #retryAt = new Map<number, number>();
  readonly #enqueued = new Set<number>();
  readonly #reported = new Set<string>();
  readonly #meter = new ThroughputMeter();
  readonly #include: RegExp;
  #stopped = false;
  #pollRequested = false;
  #attempt = 0;
  #crashStreak = 0;
  #wake: () => void = () => undefined;
  #loop: Promise<void> | undefined;
  #analysedUntil: number | undefined;

  constructor(deps: StationIngestDeps) {
    this.#d = deps;
    this.#include = compileNameGlob(deps.config.include);
    this.#analysedUntil = deps.repo.analysedUntil(deps.config.id);
  }

  get id(): string {
    return this.#d.config.id;
  }

  /** Re-queues recordings downloaded but not analysed before the last stop, then starts the loop. */
  start(): void {
    // Through the same ordering gate as new downloads: an older file may still be half-downloaded.
    for (const r of this.#d.repo.pendingAnalysis(this.id)) {
      this.#completed.push({ recordingId: r.id, path: r.path, startTime: r.startTime, mtime: r.mtime });
    }
    this.#release();
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    this.#wake();
    await this.#loop;
  }

  /** Polls at once instead of waiting for the interval (also retries a waiting connection). */
  pollNow(): void {
    this.#attempt = 0;
    this.#pollRequested = true;
    this.#wake();
  }

  /** Pins the key the server presented (after the analyst verified it) and reconnects. */
  trustHostKey(fingerprint: string, actor: string): void {
    const { config, repo } = this.#d;
    const offered = repo.offeredHostKey(config.id, config.host, config.port);
    if (!offered || offered.fingerprint !== fingerprint) {
      throw new AppError('CONFLICT', `SHA256:${fingerprint} is not the key ${config.host} presents; reload and verify again`);
    }
    if (config.hostKeyFingerprint && config.hostKeyFingerprint !== fingerprint) {
      throw new AppError('CONFLICT', `the configuration pins SHA256:${config.hostKeyFingerprint}; change it there`);
    }
    repo.trustHostKey({ stationId: config.id, host: config.host, port: config.port, fingerprint, keyType: offered.keyType, actor });
    this.#rt.hostKey = { state: 'trusted', trusted: fingerprint, keyType: offered.keyType };
    this.pollNow();
  }

  /** The analysis of one recording ended (all its segments are stored). */
  onFileDone(msg: FileDoneMessage): void {
    const { repo } = this.#d;
    const analysed = msg.ok ? msg : msg.analysed;
    if (analysed) this.#analysedUntil = Math.max(this.#analysedUntil ?? -Infinity, analysed.startTime + analysed.durationMs);
    if (msg.ok) {
      repo.markAnalyzed(msg.recordingId, msg);
    } else if (repo.markAnalysisFailed(msg.recordingId, `${msg.code}: ${msg.message}`, msg.analysed)) {
      // A truncated file's complete part was analysed: say so, the analyst should not look for it elsewhere.
      const part = msg.analysed ? `; its first ${(msg.analysed.durationMs / 1000).toFixed(1)} s were analysed` : '';
      this.#d.notify('warning', msg.code, `recording could not be analysed (${msg.message})${part}; the stream goes on`);
    }
  }

  health(): StationIngestHealth {
    return healthOf(this.#d.config, this.#d.repo, { ...this.#rt, diskLow: this.#d.diskLow() }, {
      bytesPerSecond: this.#meter.bytesPerSecond(), downloading: this.#active.size, analysedUntil: this.#analysedUntil,
    });
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let session: RemoteSession | undefined;
      let connectedAt = Date.now();
      try {
        this.#rt.connection = 'connecting';
        session = await this.#connect();
        connectedAt = this.#connected();
        await this.#serve(session);
      } catch (err) {
        this.#onFailure(toAppError(err, 'CONNECTION_FAILED'), Date.now() - connectedAt);
      } finally {
        await session?.end();
        await Promise.allSettled(this.#active.values());
        this.#release();
      }
      if (!this.#stopped) await this.#waitBeforeRetry();
    }
    this.#rt.connection = 'stopped';
  }

  async #connect(): Promise<RemoteSession> {
    const { config, secrets, timeouts, openSession = (o) => WorkerSftpSession.open(o) } = this.#d;
    const auth = await resolveAuth(config.auth, secrets);
    return openSession({
      host: config.host, port: config.port, user: config.user, auth, timeouts, bandwidthLimitBps: config.transfer.bandwidthLimitBps,
      checkHostKey: (fingerprint, keyType) => this.#checkHostKey(fingerprint, keyType),
    });
  }

  #checkHostKey(fingerprint: string, keyType: string): HostKeyDecision {
    const { config, repo } = this.#d;
    const trusted = repo.trustedFingerprint(config.id, config.host, config.port);
    const decision = decideHostKey({ presented: fingerprint, configured: config.hostKeyFingerprint, trusted, trustOnFirstUse: config.trustOnFirstUse });
    if (decision.accept) {
      if (decision.pin) {
        const actor = config.hostKeyFingerprint ? 'config' : 'trust-on-first-use';
        repo.trustHostKey({ stationId: config.id, host: config.host, port: config.port, fingerprint, keyType, actor });
      }
      this.#rt.hostKey = { state: 'trusted', trusted: fingerprint, keyType };
    } else {
      repo.offerHostKey(config.id, config.host, config.port, fingerprint, keyType);
      const state = decision.code === 'HOST_KEY_CHANGED' ? 'changed' : 'unknown';
      this.#rt.hostKey = { state, trusted: config.hostKeyFingerprint ?? trusted, offered: fingerprint, keyType };
    }
    return decision;
  }

  #connected(): number {
    this.#d.logger.info('connected');
    this.#attempt = 0;
    this.#rt.connection = 'connected';
    this.#rt.nextAttemptAt = undefined;
    this.#rt.lastContactAt = Date.now();
    return Date.now();
  }

  async #serve(session: RemoteSession): Promise<void> {
    let nextPoll = 0;
    while (!this.#stopped && !session.closed) {
      if (Date.now() >= nextPoll || this.#pollRequested) {
        this.#pollRequested = false;
        await this.#poll(session);
        nextPoll = Date.now() + this.#d.config.pollIntervalS * 1000;
      }
      this.#fillTransfers(session);
      await this.#sleep(nextPoll - Date.now());
    }
    if (!this.#stopped) throw session.closeReason ?? new AppError('CONNECTION_FAILED', 'the connection dropped');
  }

  async #poll(session: RemoteSession): Promise<void> {
    const { config, repo } = this.#d;
    const started = performance.now();
    const remembered = repo.files(config.id);
    const rememberedDirs = repo.dirs(config.id);
    const walk = await walkRemote(session, { root: config.remoteRoot, rememberedDirs, unsettledDirs: unsettledDirsOf(remembered) });
    const plan = planPoll(walk, remembered, matchRulesOf(config, this.#include), Date.now());
    repo.applyPoll(config.id, plan);
    const kept = new Set([...walk.listedDirs.map((d) => d.path), ...walk.unchangedDirs, ...walk.problems.map((p) => p.path)]);
    repo.saveDirs(config.id, walk.listedDirs, [...rememberedDirs.keys()].filter((d) => !kept.has(d)));
    for (const p of walk.problems) this.#reportProblem(p);
    this.#rt.lastContactAt = Date.now();
    this.#rt.lastPoll = { at: Date.now(), ms: performance.now() - started, files: walk.files.length, readdirCalls: walk.readdirCalls };
    if (plan.added.length || plan.newlyReady) {
      this.#d.logger.debug('poll', { added: plan.added.length, ready: plan.newlyReady, removed: plan.removed.length });
    }
  }

  #fillTransfers(session: RemoteSession): void {
    const { config, repo } = this.#d;
    if (this.#d.diskLow() || session.closed) return;
    const free = config.transfer.parallel - this.#active.size;
    if (free <= 0) return;
    const now = Date.now();
    const candidates = repo.nextToDownload(config.id, config.transfer.order === 'newest-first', config.transfer.parallel * 4 + this.#active.size);
    const rows = candidates.filter((r) => !this.#active.has(r.id) && (this.#retryAt.get(r.id) ?? 0) <= now).slice(0, free);
    for (const row of rows) this.#startDownload(session, row);
  }

  #startDownload(session: RemoteSession, row: RemoteFileRow): void {
    const ctx: FileDownloadContext = {
      stationId: this.id, remoteRoot: this.#d.config.remoteRoot, cacheDir: this.#d.cacheDir, stagingDir: this.#d.stagingDir,
      repo: this.#d.repo, signal: this.#abort.signal, onBytes: (n) => this.#meter.add(n),
      sidecar: this.#d.config.sidecar,
    };
    const task = downloadOne(session, row, ctx)
      .then((outcome) => this.#onOutcome(row, outcome, session))
      .catch((err: unknown) => this.#d.logger.error('download bookkeeping failed', { file: row.path, error: String(err) }))
      .finally(() => {
        this.#active.delete(row.id);
        this.#release();
        this.#wake();
      });
    this.#active.set(row.id, task);
  }

  #onOutcome(row: RemoteFileRow, outcome: DownloadOutcome, session: RemoteSession): void {
    if (outcome.kind === 'done') {
      this.#retryAt.delete(row.id);
      this.#rt.lastContactAt = Date.now();
      this.#d.logger.info('downloaded', { file: row.path, bytes: row.size, resumedFrom: outcome.resumedFrom });
      this.#completed.push(outcome.job);
    } else if (outcome.kind === 'dropped') {
      this.#d.notify(outcome.level, outcome.error.code, `${this.#d.config.name}: ${outcome.error.message}`);
      if (outcome.level === 'warning') this.#rt.lastError = { code: outcome.error.code, message: outcome.error.message, at: Date.now() };
    } else if (!session.closed && !this.#stopped) {
      // The link is up but this file failed (local disk, checksum): try it again later, not in a hot loop.
      this.#retryAt.set(row.id, Date.now() + backoffDelay(row.attempts, this.#d.backoff ?? DEFAULT_BACKOFF));
      this.#d.logger.warn(`download of ${row.path} failed, will retry: ${outcome.error.message}`, { code: outcome.error.code });
    }
  }

  /**
   * Hands finished downloads to analysis in recording order: oldest-first holds a file back while
   * an older stable one is not downloaded yet (parallel transfers and retries finish in any order);
   * newest-first (catch-up) sends each file as soon as it is there.
   */
  #release(): void {
    const key = (j: { startTime: number | null; mtime: number }) => j.startTime ?? j.mtime;
    const oldestFirst = this.#d.config.transfer.order === 'oldest-first';
    this.#completed.sort((a, b) => (oldestFirst ? key(a) - key(b) : key(b) - key(a)));
    const oldestWaiting = oldestFirst ? this.#d.repo.oldestNotDownloaded(this.id) ?? Infinity : Infinity;
    while (this.#completed.length) {
      if (key(this.#completed[0]!) > oldestWaiting) break;
      this.#enqueue(this.#completed.shift()!);
    }
  }

  #enqueue(job: FileJob): void {
    if (this.#enqueued.has(job.recordingId)) return;
    this.#enqueued.add(job.recordingId);
    this.#d.analyse(job);
  }

  #reportProblem(p: ListingProblem): void {
    const key = `${p.code}:${p.path}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    this.#d.notify('warning', p.code, `${this.#d.config.name}: ${p.message}`);
  }

  #onFailure(e: AppError, livedMs: number): void {
    if (this.#stopped) return;
    if (e.code === 'WORKER_CRASHED') this.#onWorkerCrash(e, livedMs);
    const refused = REFUSALS.has(e.code);
    const first = this.#rt.lastError?.message !== e.message;
    this.#rt.connection = refused ? 'refused' : 'retrying';
    this.#rt.lastError = { code: e.code, message: e.message, at: Date.now() };
    this.#rt.failures++;
    this.#d.logger.warn(e.message, { code: e.code });
    if (first) this.#d.notify(refused ? 'error' : 'warning', e.code, `${this.#d.config.name}: ${e.message}`);
  }

  /** Counts a crash or hang of one of the station's workers for its health (the analysis worker's runner restarts it). */
  noteWorkerCrash(worker: 'sftp' | 'analysis', reason: string): void {
    this.#rt.workerCrashes = (this.#rt.workerCrashes ?? 0) + 1;
    this.#rt.lastCrash = { worker, reason, at: Date.now() };
  }

  /** A crashed or hung SFTP worker: recorded for health, and a quick crash loop backs off further each time. */
  #onWorkerCrash(e: AppError, livedMs: number): void {
    this.#crashStreak = livedMs >= CRASH_STREAK_RESET_MS ? 1 : this.#crashStreak + 1;
    this.#attempt = Math.max(this.#attempt, this.#crashStreak);
    this.noteWorkerCrash('sftp', e.message);
    this.#d.logger.error(`${e.message}; reconnecting in a new worker`, { code: e.code, crashes: this.#rt.workerCrashes });
  }

  async #waitBeforeRetry(): Promise<void> {
    const backoff = this.#d.backoff ?? DEFAULT_BACKOFF;
    const refused = this.#rt.connection === 'refused';
    const delay = refused ? backoff.maxMs : backoffDelay(this.#attempt++, backoff);
    this.#rt.nextAttemptAt = Date.now() + delay;
    await this.#sleep(delay);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = () => undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.#wake = done;
      if (this.#stopped) done();
    });
  }
}
