/**
 * The AIS side of a running workstation: the ingest over the database, the configured sources plus
 * the demo source, retention, and the vessel-picture queries the API serves.
 */
import type { AisSourceHealth } from '../../shared/ais.ts';
import type { Logger } from '../app/logger.ts';
import type { SecretStore } from '../app/secrets.ts';
import type { AisReport } from '../demo/ais-report.ts';
import type { Db } from '../storage/database.ts';
import { createVesselDb, type VesselDb } from '../vessels/vessel-db.ts';
import { AisIngest } from './ingest.ts';
import { createAisStore } from './ingest-store.ts';
import type { AisConfig } from './sources/config.ts';
import { AisSourcesService } from './sources/sources-service.ts';

/** What the AIS service needs. */
export interface AisServiceDeps {
  db: Db;
  config: AisConfig;
  logger: Logger;
  secrets?: SecretStore;
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
  readonly #d: AisServiceDeps;
  #retentionTimer: NodeJS.Timeout | undefined;

  constructor(deps: AisServiceDeps) {
    this.#d = deps;
    const { config, logger } = deps;
    this.ingest = new AisIngest({
      store: createAisStore(deps.db), logger: logger.child('ingest'),
      limits: { maxShipSpeedKnots: config.maxShipSpeedKnots, maxJumpKnots: config.maxJumpKnots },
    });
    this.sources = new AisSourcesService({ ingest: this.ingest, logger, secrets: deps.secrets, sensor: deps.sensor, onChange: deps.onSourcesChanged });
    this.vessels = createVesselDb(deps.db);
  }

  /** Starts the sources (the demo source too when the demo station runs) and hourly retention. */
  async start(withDemo: boolean): Promise<void> {
    await this.sources.start(this.#d.config, withDemo);
    this.#prune();
    this.#retentionTimer = setInterval(() => this.#prune(), RETENTION_EVERY_MS);
    this.#retentionTimer.unref();
  }

  /** Stops the sources and writes what is queued. */
  async stop(): Promise<void> {
    clearInterval(this.#retentionTimer);
    await this.sources.stop();
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
