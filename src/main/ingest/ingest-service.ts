/**
 * All remote (SFTP) stations of the workstation: each gets a live files station (analysis,
 * spectrogram, predictions — the same machinery as the demo) fed by its own ingest loop.
 * Owns the cache's disk-space guard and retention, and answers the Stations page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Station } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import type { RemoteStationConfig, RemoteStationEntry } from '../../shared/station-config.ts';
import type { AppConfig } from '../app/config.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import type { DataPaths } from '../app/paths.ts';
import type { SecretStore } from '../app/secrets.ts';
import type { LiveStations } from '../pipeline/live-stations.ts';
import type { FileDoneMessage } from '../pipeline/station-protocol.ts';
import type { Repositories } from '../storage/repositories.ts';
import type { BackoffOptions } from './backoff.ts';
import { DiskGuard, type DiskState } from './disk-guard.ts';
import { mergeIngestStatus } from './ingest-health.ts';
import { deleteSecrets, loadAppStations, saveAppStations, secretsPresent, storeSecrets } from './remote-configs.ts';
import { applyRetention, planRetention } from './retention.ts';
import type { SessionTimeouts } from './sftp-session.ts';
import { StationIngest } from './station-ingest.ts';
import { stationSignalOf } from './station-signal.ts';

export interface IngestServiceDeps {
  readonly repos: Repositories;
  readonly paths: DataPaths;
  readonly live: LiveStations;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly config: AppConfig;
  readonly secrets?: SecretStore;
  /** Recordings that belong to a pinned session are never evicted (sessions, issue 8). */
  readonly isPinned?: (recordingId: number) => boolean;
  readonly timeouts?: SessionTimeouts;
  readonly backoff?: BackoffOptions;
  /** Free bytes on the cache volume (tests inject a fake). */
  readonly freeBytes?: (dir: string) => Promise<number>;
}

const DISK_CHECK_MS = 15_000;
const RETENTION_MS = 10 * 60_000;

export class IngestService {
  readonly #d: IngestServiceDeps;
  readonly #stations = new Map<string, { config: RemoteStationConfig; ingest: StationIngest }>();
  readonly #disk: DiskGuard;
  #timers: NodeJS.Timeout[] = [];
  #appStations: RemoteStationConfig[] = [];

  constructor(deps: IngestServiceDeps) {
    this.#d = deps;
    this.#disk = new DiskGuard({
      dir: deps.paths.cache, minFreeBytes: deps.config.ingest.minFreeBytes, freeBytes: deps.freeBytes,
      onChange: (s) => this.#onDiskChange(s),
    });
  }

  /** Starts every enabled station, from the configuration file and added in the app. */
  async start(): Promise<void> {
    const fileIds = new Set(this.#d.config.stations.map((s) => s.id));
    this.#appStations = loadAppStations(this.#d.repos.settings, this.#d.logger).filter((s) => !fileIds.has(s.id));
    for (const config of this.#all()) if (config.enabled) await this.#startStation(config);
  }

  async stop(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    await Promise.all([...this.#stations.values()].map(({ ingest }) => ingest.stop()));
    this.#stations.clear();
  }

  /** The remote station configurations (secret references only, never secret values). */
  configs(): RemoteStationConfig[] {
    return this.#all();
  }

  /** The configurations with their source, for the Stations page. */
  async entries(): Promise<RemoteStationEntry[]> {
    const fileIds = new Set(this.#d.config.stations.map((s) => s.id));
    return Promise.all(this.#all().map(async (config) => ({
      source: fileIds.has(config.id) ? 'file' as const : 'app' as const, config, secretsPresent: await secretsPresent(config, this.#d.secrets),
    })));
  }

  /** Adds or replaces a station defined in the app; typed-in secrets go to the secret store. Restarts it. */
  async save(config: RemoteStationConfig, secrets: { password?: string; passphrase?: string }): Promise<RemoteStationEntry> {
    if (this.#d.config.stations.some((s) => s.id === config.id)) {
      throw new AppError('CONFLICT', `station "${config.id}" is defined in the configuration file; change it there`);
    }
    const stored = await storeSecrets(config, secrets, this.#d.secrets);
    this.#appStations = [...this.#appStations.filter((s) => s.id !== config.id), stored];
    saveAppStations(this.#d.repos.settings, this.#appStations);
    await this.#stopStation(config.id);
    if (stored.enabled) await this.#startStation(stored);
    return { source: 'app', config: stored, secretsPresent: await secretsPresent(stored, this.#d.secrets) };
  }

  /** Removes a station added in the app (its recordings, segments and predictions stay). */
  async remove(stationId: string): Promise<void> {
    if (!this.#appStations.some((s) => s.id === stationId)) {
      throw new AppError('NOT_FOUND', `no station "${stationId}" added in the app (stations of the configuration file are removed there)`);
    }
    await this.#stopStation(stationId);
    this.#appStations = this.#appStations.filter((s) => s.id !== stationId);
    saveAppStations(this.#d.repos.settings, this.#appStations);
    await deleteSecrets(stationId, this.#d.secrets);
  }

  trustHostKey(stationId: string, fingerprint: string, actor: string): void {
    this.#get(stationId).trustHostKey(fingerprint.replace(/^SHA256:/, ''), actor);
  }

  pollNow(stationId: string): void {
    this.#get(stationId).pollNow();
  }

  /** Deletes cached recordings beyond the age and size quotas. */
  async enforceRetention(): Promise<{ files: number; bytes: number }> {
    const { repos, config, logger } = this.#d;
    const plan = planRetention(repos.ingest.cachedRecordings(), config.ingest, Date.now(), this.#d.isPinned ?? (() => false));
    const freed = await applyRetention(plan, (id) => repos.ingest.markEvicted(id));
    if (freed.files) logger.info('retention', freed);
    return freed;
  }

  #get(stationId: string): StationIngest {
    const entry = this.#stations.get(stationId);
    if (!entry) throw new AppError('NOT_FOUND', `no running remote station "${stationId}"`);
    return entry.ingest;
  }

  #all(): RemoteStationConfig[] {
    return [...this.#d.config.stations, ...this.#appStations];
  }

  /** The disk guard and retention run once any remote station runs. */
  async #ensureTimers(): Promise<void> {
    if (this.#timers.length) return;
    await this.#disk.check();
    this.#timers.push(setInterval(() => void this.#disk.check(), DISK_CHECK_MS));
    const { maxAgeDays, maxCacheBytes } = this.#d.config.ingest;
    if (maxAgeDays > 0 || maxCacheBytes > 0) {
      this.#timers.push(setInterval(() => void this.enforceRetention(), RETENTION_MS));
      void this.enforceRetention();
    }
  }

  async #stopStation(stationId: string): Promise<void> {
    const entry = this.#stations.get(stationId);
    if (!entry) return;
    this.#stations.delete(stationId);
    await entry.ingest.stop();
    await this.#d.live.stopStation(stationId);
  }

  async #startStation(config: RemoteStationConfig): Promise<void> {
    await this.#ensureTimers();
    const { repos, paths, live, logger } = this.#d;
    const station: Station = {
      id: config.id, name: config.name, kind: 'sftp', lat: config.lat, lon: config.lon, depthM: config.depthM,
      sampleRate: config.sampleRate ?? 0, channels: config.channelLayout.length,
    };
    repos.stations.upsert(station, config);
    const cacheDir = join(paths.audioCache, config.id);
    const stagingDir = join(paths.cache, 'staging', config.id);
    for (const dir of [cacheDir, stagingDir]) mkdirSync(dir, { recursive: true });
    // The runner and the ingest loop refer to each other: the runner's hooks read the loop through `ref`.
    const ref: { ingest?: StationIngest } = {};
    const runner = live.startFileStation(station, {
      onFileDone: (msg) => this.#onFileDone(station, msg, ref.ingest),
      health: (base) => (ref.ingest ? mergeIngestStatus(base, ref.ingest.health(), config.behindWarningS * 1000) : base),
      onWorkerCrash: (reason) => ref.ingest?.noteWorkerCrash('analysis', reason),
    }, stationSignalOf(config));
    const ingest = new StationIngest({
      config, repo: repos.ingest, cacheDir, stagingDir, secrets: this.#d.secrets, logger: logger.child(config.id),
      notify: (level, code, message) => this.#d.bus.emit('app:notice', { level, code, message, at: Date.now() }),
      analyse: (job) => runner.enqueueFile(job), diskLow: () => this.#disk.low,
      timeouts: this.#d.timeouts, backoff: this.#d.backoff,
    });
    ref.ingest = ingest;
    this.#stations.set(config.id, { config, ingest });
    ingest.start();
  }

  #onFileDone(station: Station, msg: FileDoneMessage, ingest: StationIngest | undefined): void {
    ingest?.onFileDone(msg);
    // The station learns its real format from its first recording.
    if (msg.ok && (station.sampleRate !== msg.sampleRate || station.channels !== msg.channels)) {
      Object.assign(station, { sampleRate: msg.sampleRate, channels: msg.channels });
      const config = this.#stations.get(station.id)?.config;
      this.#d.repos.stations.upsert(station, config ?? {});
    }
  }

  #onDiskChange(s: DiskState): void {
    const gb = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GB`;
    const message = s.low
      ? `Disk space low on the cache volume: ${gb(s.freeBytes)} free, below ${gb(s.minFreeBytes)}. Downloads are paused.`
      : `Disk space is back (${gb(s.freeBytes)} free): downloads resume.`;
    this.#d.logger.warn(message);
    this.#d.bus.emit('app:notice', { level: s.low ? 'warning' : 'info', code: 'DISK_LOW', message, at: Date.now() });
    if (!s.low) for (const { ingest } of this.#stations.values()) ingest.pollNow();
  }
}
