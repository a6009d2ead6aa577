/**
 * The service container: builds every service for one data folder, starts them in
 * order and stops them in reverse. Both shells (Electron and headless) and the CLI
 * use it, so they share one database, one model registry and one pipeline.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiRouter } from '../api/router.ts';
import { createRouter } from '../api/router.ts';
import { createHandlers } from '../api/handlers.ts';
import { InferenceService } from '../inference/inference-service.ts';
import { ModelRegistry } from '../models/model-registry.ts';
import { BackfillService } from '../models/backfill-service.ts';
import type { ValidationOptions } from '../models/deploy-validation.ts';
import { LiveStations } from '../pipeline/live-stations.ts';
import { IngestService } from '../ingest/ingest-service.ts';
import { AisService } from '../ais/ais-service.ts';
import { TileService } from '../tiles/tiles-service.ts';
import { SessionService } from '../sessions/session-service.ts';
import { TruthServices } from '../labels/truth-services.ts';
import { openDatabase, type Db } from '../storage/database.ts';
import { createRepositories, type Repositories } from '../storage/repositories.ts';
import { loadConfig, type AppConfig } from './config.ts';
import { EventBus } from './event-bus.ts';
import { createLogger, fileSink, type Logger } from './logger.ts';
import { bundledModelsDir, dataPaths, type DataPaths } from './paths.ts';
import type { SecretStore } from './secrets.ts';
import { APP_VERSION } from './version.ts';

export interface ContainerOptions {
  dataDir: string;
  mode: 'desktop' | 'headless' | 'cli';
  demoSpeed?: number;
  configFile?: string;
  secrets?: SecretStore;
  /** Live stations on start (off for one-shot CLI commands). */
  live?: boolean;
  /** Analyst name for this run (CLI --analyst); otherwise settings, then config `analyst`. */
  analyst?: string;
  /** Deploy validation settings (CLI --timeout). */
  validation?: ValidationOptions;
  /** HOOK (desktop): the Electron shell passes a file dialog for model packages (`models:deploy-dialog`). */
  pickModelPackage?: () => Promise<string | undefined>;
  logger?: Logger;
}

export interface AppContainer {
  readonly router: ApiRouter;
  readonly dataDir: string;
  readonly paths: DataPaths;
  readonly repos: Repositories;
  readonly registry: ModelRegistry;
  readonly inference: InferenceService;
  readonly backfill: BackfillService;
  /** Class mapping versions, truth labels, verifications and metrics (issue 7). */
  readonly truth: TruthServices;
  /** Sessions: list, pin, export and import `.aiwsession` files (issue 8). */
  readonly sessions: SessionService;
  readonly config: AppConfig;
  readonly logger: Logger;
  /** Records the bundled model packages not yet in the registry (first start). */
  deployBundledModels(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createContainer(opts: ContainerOptions): Promise<AppContainer> {
  const paths = dataPaths(opts.dataDir);
  for (const dir of [paths.root, paths.audioCache, paths.tileCache, paths.logs, paths.models]) mkdirSync(dir, { recursive: true });
  const logger = opts.logger ?? createLogger(fileSink(join(paths.logs, 'aiw.log')));
  const config = await loadConfig(opts.configFile);
  if (opts.demoSpeed !== undefined) config.demo.speed = opts.demoSpeed;
  const db = openDatabase(paths.database);
  const repos = createRepositories(db);
  const bus = new EventBus();
  const inference = new InferenceService({
    logger: logger.child('inference'), timeoutMs: config.models.runTimeoutMs, failOnRunError: true,
  });
  const analyst = {
    get: (): string => opts.analyst ?? repos.settings.get('analyst', config.analyst),
    set: (name: string) => repos.settings.set('analyst', name),
  };
  const registry = new ModelRegistry({
    repo: repos.models, events: repos.modelEvents, inference, modelsDir: paths.models, logger: logger.child('models'),
    actor: analyst.get, onChange: () => onModelsChanged(),
    validation: { runTimeoutMs: config.models.runTimeoutMs, ...opts.validation },
  });
  const backfill = new BackfillService({
    repos, registry, inference, logger: logger.child('backfill'), actor: analyst.get,
    onProgress: (job) => bus.emit('backfill:progress', job),
    onPredictions: (predictions) => bus.emit('predictions:added', predictions),
  });
  const ais = new AisService({
    db, config: config.ais, logger: logger.child('ais'), secrets: opts.secrets, settings: repos.settings,
    sensor: () => repos.stations.list()[0],
    onSourcesChanged: (health) => bus.emit('ais:sources-changed', health),
  });
  const tiles = new TileService({
    repo: repos.tiles, root: paths.tileCache, logger: logger.child('tiles'),
    ...(opts.live !== false ? { retention: config.tiles, pruneIntervalMs: config.tiles.pruneIntervalMinutes * 60_000 } : {}),
  });
  const truth = new TruthServices({
    db, repos, config: config.labels, logger, analyst: analyst.get, appVersion: APP_VERSION, exportsDir: join(paths.root, 'exports'),
    onMappingChanged: (version) => bus.emit('classes:mapping-changed', { version }),
  });
  const stations = new LiveStations({
    repos, bus, registry, inference, logger: logger.child('stations'), config, ais, audioCacheDir: paths.audioCache, tiles,
  });
  const sessions = new SessionService({
    db, paths, stations: () => repos.stations.list(), appVersion: APP_VERSION, logger: logger.child('sessions'), flushTiles: () => tiles.idle(),
    afterImport: (r) => r.mappingChanged && void truth.labels.rederive(truth.mapping.currentVersion()),
  });
  const ingest = new IngestService({
    repos, paths, live: stations, bus, logger: logger.child('ingest'), config, secrets: opts.secrets, isPinned: (id) => sessions.isRecordingPinned(id),
  });
  const onModelsChanged = () => {
    bus.emit('models:changed', registry.info());
    stations.refreshModels();
  };
  const startedAt = Date.now();
  const router = createRouter(
    createHandlers({
      repos, registry, stations, ais, backfill, analyst, ingest, tiles, truth, sessions,
      ...(opts.pickModelPackage ? { pickModelPackage: opts.pickModelPackage } : {}),
      info: { mode: opts.mode, dataDir: paths.root, startedAt, version: APP_VERSION },
    }),
    bus,
    logger.child('api'),
  );
  return {
    router, dataDir: paths.root, paths, repos, registry, inference, backfill, truth, sessions, config, logger,
    deployBundledModels: () => registry.deployBundled(bundledModelsDir()),
    async start() {
      await registry.deployBundled(bundledModelsDir());
      await registry.startActive();
      registry.startWatching();
      if (opts.live !== false) await ais.start(config.demo.enabled);
      if (opts.live !== false && config.demo.enabled) stations.startDemo();
      if (opts.live !== false) await ingest.start();
      if (opts.live !== false) truth.start();
    },
    async stop() {
      registry.stopWatching();
      await backfill.stop();
      await ingest.stop();
      await stations.stop();
      await truth.stop();
      await tiles.close();
      await ais.stop();
      await inference.stop();
      closeDb(db, logger);
    },
  };
}

function closeDb(db: Db, logger: Logger): void {
  try {
    db.close();
  } catch (err) {
    logger.error('closing the database failed', { error: String(err) });
  }
}
