/**
 * The AIS side of a running workstation: the ingest over the database, the configured sources plus
 * the demo source, retention, and the vessel-picture queries the API serves.
 */
import type { AisSourceHealth } from '../../shared/ais.ts';
import { needsApiKey, type AisSourceConfig, type AisSourceEntry } from '../../shared/ais-sources.ts';
import type { Logger } from '../app/logger.ts';
import type { SecretStore } from '../app/secrets.ts';
import type { AisReport } from '../demo/ais-report.ts';
import type { Db } from '../storage/database.ts';
import type { SettingsRepo } from '../storage/settings-repo.ts';
import { createVesselDb, type VesselDb } from '../vessels/vessel-db.ts';
import { AisIngest } from './ingest.ts';
import { createAisStore } from './ingest-store.ts';
import { AisSourceConfigs } from './source-configs.ts';
import type { AisConfig } from './sources/config.ts';
import { AisSourcesService } from './sources/sources-service.ts';

/** What the AIS service needs. */
export interface AisServiceDeps {
  db: Db;
  config: AisConfig;
  logger: Logger;
  secrets?: SecretStore;
  /** Where sources added in the app are kept (without it only the config file's sources exist). */
  settings?: SettingsRepo;
  /** The sensor the area sources (SeaVision, aisstream) centre on. */
  sensor: () => { lat: number; lon: number } | undefined;
  onSourcesChanged?: (health: AisSourceHealth[]) => void;
}

const RETENTION_EVERY_MS = 3_600_000;

/** Owns the ingest, the sources and retention. */
export class AisService {
  readonly ingest: AisIngest;
  readonly sources: AisSourcesService;
  readonly vessels: VesselDb;
  /** The configured sources (config file and app) and their API keys. */
  readonly configs: AisSourceConfigs;
  readonly #d: AisServiceDeps;
  #retentionTimer: NodeJS.Timeout | undefined;
  #started = false;

  constructor(deps: AisServiceDeps) {
    this.#d = deps;
    const { config, logger } = deps;
    this.ingest = new AisIngest({
      store: createAisStore(deps.db), logger: logger.child('ingest'),
      limits: { maxShipSpeedKnots: config.maxShipSpeedKnots, maxJumpKnots: config.maxJumpKnots },
    });
    this.sources = new AisSourcesService({ ingest: this.ingest, logger, secrets: deps.secrets, sensor: deps.sensor, onChange: deps.onSourcesChanged });
    this.vessels = createVesselDb(deps.db);
    this.configs = new AisSourceConfigs({ settings: deps.settings, secrets: deps.secrets, fileSources: config.sources, logger: logger.child('sources') });
  }

  /** Starts the sources (the demo source too when the demo station runs) and hourly retention. */
  async start(withDemo: boolean): Promise<void> {
    await this.sources.start(this.configs.all(), withDemo);
    this.#started = true;
    this.#prune();
    this.#retentionTimer = setInterval(() => this.#prune(), RETENTION_EVERY_MS);
    this.#retentionTimer.unref();
  }

  /** Stops the sources and writes what is queued. */
  async stop(): Promise<void> {
    this.#started = false;
    clearInterval(this.#retentionTimer);
    await this.sources.stop();
  }

  /** Adds or replaces a source defined in the app, with its API key when one is typed in; (re)starts it. */
  async saveSource(config: AisSourceConfig, apiKey?: string): Promise<AisSourceEntry> {
    if (apiKey !== undefined) await this.configs.setApiKey(config, apiKey); // first: a key for a keyless kind fails before anything is saved
    this.configs.saveAppSource(config);
    if (apiKey !== undefined && needsApiKey(config)) await this.#restartUsersOf(config);
    else await this.#restart(config.id, config);
    return this.configs.entry(config, 'app');
  }

  /** Removes a source defined in the app and stops it (its stored positions stay). */
  async deleteSource(id: string): Promise<void> {
    this.configs.deleteAppSource(id);
    await this.#restart(id, undefined);
  }

  /** Stores (or with null removes) the API key of any aisstream/SeaVision source and restarts the sources that use it. */
  async setApiKey(id: string, apiKey: string | null): Promise<AisSourceEntry> {
    const { config, origin } = this.configs.get(id);
    await this.configs.setApiKey(config, apiKey);
    await this.#restartUsersOf(config);
    return this.configs.entry(config, origin);
  }

  async #restart(id: string, config: AisSourceConfig | undefined): Promise<void> {
    if (this.#started) await this.sources.replace(id, config);
  }

  /** Restarts every running source reading the same secret as `config` (API keys are read at start). */
  async #restartUsersOf(config: AisSourceConfig): Promise<void> {
    if (!needsApiKey(config)) return;
    for (const other of this.configs.all()) {
      if (needsApiKey(other) && other.apiKeySecret === config.apiKeySecret) await this.#restart(other.id, other);
    }
  }

  /** Simulated reports of the demo station (they enter through the demo source like any feed). */
  ingestDemo(reports: readonly AisReport[]): void {
    this.sources.ingestDemo(reports);
  }

  #prune(): void {
    try {
      const deleted = this.vessels.prune(this.#d.config.retentionDays);
      if (deleted > 0) this.#d.logger.info(`AIS retention: deleted ${deleted} rows older than ${this.#d.config.retentionDays} days`);
    } catch (err) {
      this.#d.logger.error(`AIS retention failed: ${String(err)}`);
    }
  }
}
