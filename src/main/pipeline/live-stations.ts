/**
 * The live stations of a running workstation (for now: the demo station) and the
 * sinks that store what they produce and publish it to the UI.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpectrogramColumns, Station, StationStatus } from '../../shared/domain.ts';
import type { StationSignalSettings } from '../../shared/signal-settings.ts';
import { AppError } from '../../shared/errors.ts';
import type { SpectrogramFftSize } from '../../shared/spectrogram-display.ts';
import type { AppConfig } from '../app/config.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import { demoResourcesDir } from '../app/paths.ts';
import type { InferenceService } from '../inference/inference-service.ts';
import type { ModelRegistry } from '../models/model-registry.ts';
import type { Repositories } from '../storage/repositories.ts';
import type { CachedFile } from './audio-cache-writer.ts';
import { displayConfig, displayFftSize, fftSizeAnswer, storeDisplayFftSize } from './display-settings.ts';
import { planFeatures } from './feature-plan.ts';
import { storeAndPredictSegment } from './segment-store.ts';
import { StationRunner, type StationSinks } from './station-runner.ts';
import type { FileDoneMessage, FromStationWorker, SegmentMessage } from './station-protocol.ts';

export const DEMO_STATION: Station = {
  id: 'demo',
  name: 'Demo station — Monterey Bay (simulated)',
  kind: 'demo',
  lat: 36.712465,
  lon: -122.187548,
  depthM: 891,
  sampleRate: 8000,
  channels: 4,
};

const DEMO_PREROLL_MS = 45_000;
const STATUS_INTERVAL_MS = 1000;

/** What a files station (SFTP ingest) adds to a live station. */
export interface FileStationHooks {
  /** A recording was read to its end (or failed) and every segment it produced is stored. */
  onFileDone(msg: FileDoneMessage): void;
  /** The station's status with the ingest's health merged in (connection, backlog, lag). */
  health(base: StationStatus): StationStatus;
  /** The station's analysis worker crashed or hung (it is restarted). */
  onWorkerCrash?(reason: string): void;
}

export interface LiveStationsDeps {
  repos: Repositories;
  bus: EventBus;
  registry: ModelRegistry;
  inference: InferenceService;
  logger: Logger;
  config: AppConfig;
  /** The audio cache folder (cache/audio): the demo station writes its audio under `demo/` (config demo.cacheHours). */
  audioCacheDir?: string;
  /** Where the demo station's simulated AIS goes (the AIS service's demo source). */
  ais: { ingestDemo(reports: Extract<FromStationWorker, { type: 'ais' }>['reports']): void };
  /** Display spectrogram tile pyramids: every live column batch is added (src/main/tiles). */
  tiles?: { addColumns(batch: SpectrogramColumns): void };
}

export class LiveStations {
  readonly #d: LiveStationsDeps;
  readonly #runners = new Map<string, {
    station: Station; runner: StationRunner; health?: FileStationHooks['health'];
    /** Channel names in file order: models pick named channels from it. */
    channelLayout?: readonly string[];
  }>();
  #statusTimer: NodeJS.Timeout | undefined;

  constructor(deps: LiveStationsDeps) {
    this.#d = deps;
  }

  startDemo(): void {
    const { repos, config, logger } = this.#d;
    repos.stations.upsert(DEMO_STATION, { seed: config.demo.seed });
    const runner = new StationRunner(
      {
        stationId: DEMO_STATION.id,
        source: {
          kind: 'demo', seed: config.demo.seed, speed: config.demo.speed, prerollMs: DEMO_PREROLL_MS,
          // The welcome pass starts at startTime, so a new user sees a ship within the first minutes.
          startTime: Date.now() - DEMO_PREROLL_MS, clipsDir: demoResourcesDir(),
        },
        groups: planFeatures(this.#d.registry.runningManifests()),
        display: this.#display(DEMO_STATION.id),
        ...this.#demoCache(),
      },
      this.#sinks(),
      logger.child(DEMO_STATION.id),
    );
    this.#runners.set(DEMO_STATION.id, { station: DEMO_STATION, runner });
    runner.start();
    this.#statusTimer ??= setInterval(() => this.#emitStatus(), STATUS_INTERVAL_MS);
  }

  /**
   * Starts a station fed with recording files (SFTP ingest); queue recordings with `runner.enqueueFile`.
   * `signal`: start times, gap tolerance, channel layout and conditioning of the station.
   */
  startFileStation(station: Station, hooks: FileStationHooks, signal?: StationSignalSettings): StationRunner {
    const channelLayout = signal?.channelLayout;
    const runner = new StationRunner(
      {
        stationId: station.id, source: { kind: 'files', signal }, groups: planFeatures(this.#d.registry.runningManifests(), channelLayout),
        display: this.#display(station.id),
      },
      { ...this.#sinks(), onFileDone: (_id, msg) => hooks.onFileDone(msg), onWorkerCrash: (_id, reason) => hooks.onWorkerCrash?.(reason) },
      this.#d.logger.child(station.id),
    );
    this.#runners.set(station.id, { station, runner, health: hooks.health, channelLayout });
    runner.start();
    this.#statusTimer ??= setInterval(() => this.#emitStatus(), STATUS_INTERVAL_MS);
    return runner;
  }

  /** Stops one station (e.g. before it is reconfigured). */
  async stopStation(stationId: string): Promise<void> {
    const entry = this.#runners.get(stationId);
    this.#runners.delete(stationId);
    await entry?.runner.stop();
  }

  /** Re-plans features after models were activated or deactivated. */
  refreshModels(): void {
    const manifests = this.#d.registry.runningManifests();
    for (const { runner, channelLayout } of this.#runners.values()) runner.setGroups(planFeatures(manifests, channelLayout));
  }

  status(): StationStatus[] {
    return [...this.#runners.values()].map(({ station, runner, health }) => {
      const base: StationStatus = { stationId: station.id, name: station.name, kind: station.kind, ...runner.status };
      return health ? health(base) : base;
    });
  }

  /** The station's display FFT size (`spectrogram:fft-size`). */
  displayFftSize(stationId: string): SpectrogramFftSize {
    this.#requireStation(stationId);
    return fftSizeAnswer(stationId, displayFftSize(this.#d.repos.settings, stationId));
  }

  /** Sets the station's display FFT size: kept for later starts and sent to its worker now (a new tile pyramid follows). */
  setDisplayFftSize(stationId: string, nFft: number): SpectrogramFftSize {
    this.#requireStation(stationId);
    storeDisplayFftSize(this.#d.repos.settings, stationId, nFft);
    this.#runners.get(stationId)?.runner.setDisplay(displayConfig(nFft));
    return fftSizeAnswer(stationId, nFft);
  }

  recentSpectrogram(stationId: string, seconds: number) {
    return this.#runners.get(stationId)?.runner.ring.recent(stationId, seconds) ?? null;
  }

  async stop(): Promise<void> {
    clearInterval(this.#statusTimer);
    this.#statusTimer = undefined;
    await Promise.all([...this.#runners.values()].map(({ runner }) => runner.stop()));
    this.#runners.clear();
  }

  #display(stationId: string) {
    return displayConfig(displayFftSize(this.#d.repos.settings, stationId));
  }

  #requireStation(stationId: string): void {
    if (!this.#runners.has(stationId) && !this.#d.repos.stations.list().some((s) => s.id === stationId)) {
      throw new AppError('NOT_FOUND', `no station "${stationId}"`);
    }
  }

  #emitStatus(): void {
    this.#d.bus.emit('stations:status-changed', this.status());
  }

  #sinks(): StationSinks {
    const { bus } = this.#d;
    return {
      onSegment: (stationId, msg) => this.#storeAndPredict(stationId, msg),
      onAis: (msg) => this.#storeAis(msg),
      onGap: (stationId, startTime, endTime) => this.#d.repos.segments.recordGap(stationId, startTime, endTime),
      onRecording: (stationId, file) => this.#onCacheFile(stationId, file),
      onColumns: (payload) => {
        bus.emit('spectrogram:columns-added', payload);
        this.#d.tiles?.addColumns(payload);
      },
      onStatus: () => this.#emitStatus(),
      onError: (stationId, code, message) =>
        bus.emit('app:notice', { level: 'error', code, message: `${stationId}: ${message}`, at: Date.now() }),
    };
  }

  #storeAndPredict(stationId: string, msg: SegmentMessage): Promise<number> {
    const { repos, registry, inference, bus, logger } = this.#d;
    return storeAndPredictSegment({ repos, inference, bus, logger }, stationId, msg, registry.runningManifests(), (n) =>
      this.#runners.get(stationId)?.runner.addPredictions(n),
    );
  }

  /** Demo audio cache settings for the worker (none when disabled). */
  #demoCache(): { cache?: { dir: string; fileSeconds: number } } {
    const { audioCacheDir, config } = this.#d;
    if (!audioCacheDir || !(config.demo.cacheHours > 0)) return {};
    return { cache: { dir: join(audioCacheDir, DEMO_STATION.id), fileSeconds: config.demo.cacheFileSeconds } };
  }

  /** Registers a finished cache file and drops files older than the retention (demo.cacheHours). */
  #onCacheFile(stationId: string, file: CachedFile): void {
    const { repos, config, audioCacheDir, logger } = this.#d;
    repos.backfill.registerCached({ stationId, ...file });
    if (!audioCacheDir) return;
    const before = file.startTime + file.durationMs - config.demo.cacheHours * 3_600_000;
    for (const path of repos.backfill.removeOlderThan(stationId, join(audioCacheDir, stationId), before)) {
      rm(path, { force: true }).catch((err: unknown) => logger.warn('could not delete an old cache file', { path, error: String(err) }));
    }
  }

  #storeAis(msg: Extract<FromStationWorker, { type: 'ais' }>): void {
    this.#d.ais.ingestDemo(msg.reports);
  }
}
