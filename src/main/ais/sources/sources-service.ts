/**
 * All AIS sources of a running workstation: builds them from the `ais` config, starts and stops
 * them, watches for stalls, and publishes health snapshots when they change.
 */
import type { AisSourceHealth } from '../../../shared/ais.ts';
import type { Logger } from '../../app/logger.ts';
import type { SecretStore } from '../../app/secrets.ts';
import type { AisReport } from '../../demo/ais-report.ts';
import type { AisIngest } from '../ingest.ts';
import { AisstreamSource, SeavisionSource } from './api-sources.ts';
import type { AisConfig, AisSourceConfig } from './config.ts';
import { DemoAisSource } from './demo-source.ts';
import { SourceHealth } from './health.ts';
import { TcpClientSource, TcpServerSource, UdpSource } from './net-sources.ts';
import { ReplaySource } from './replay-source.ts';
import type { AisSource, SourceContext } from './source.ts';

/** Services the sources share. */
export interface AisSourcesDeps {
  ingest: AisIngest;
  logger: Logger;
  secrets?: SecretStore;
  sensor: () => { lat: number; lon: number } | undefined;
  /** Called with every source's health when something changed (at most once per `publishMs`). */
  onChange?: (health: AisSourceHealth[]) => void;
  publishMs?: number;
}

interface Entry {
  source: AisSource;
  health: SourceHealth;
  stallAfterMs: number;
}

const DEMO_SOURCE_ID = 'demo';

/** Runs the configured sources and the demo source. */
export class AisSourcesService {
  readonly #d: AisSourcesDeps;
  readonly #entries = new Map<string, Entry>();
  #timer: NodeJS.Timeout | undefined;
  #lastPublished = '';

  constructor(deps: AisSourcesDeps) {
    this.#d = deps;
  }

  /** Builds and starts every enabled source of `sources` (a failing one is marked, the others still start). */
  async start(sources: AisConfig['sources'], withDemo: boolean): Promise<void> {
    if (withDemo) await this.#add(DEMO_SOURCE_ID, 'demo', 'Demo station (simulated)', (ctx) => new DemoAisSource(DEMO_SOURCE_ID, ctx), 600_000);
    for (const cfg of sources.filter((s) => s.enabled)) await this.#addConfigured(cfg);
    this.#d.ingest.start();
    this.#timer = setInterval(() => this.#tick(), this.#d.publishMs ?? 1000);
    this.#timer.unref();
  }

  /** Stops every source and flushes the ingest. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all([...this.#entries.values()].map((e) => e.source.stop().catch(() => undefined)));
    this.#entries.clear();
    this.#d.ingest.stop();
  }

  /**
   * Stops the source `id` (when running) and starts `cfg` in its place when given and enabled: a source
   * added, changed or removed in the app, or one whose API key changed (keys are read at start).
   */
  async replace(id: string, cfg: AisSourceConfig | undefined): Promise<void> {
    const running = this.#entries.get(id);
    this.#entries.delete(id);
    await running?.source.stop().catch(() => undefined);
    if (cfg?.enabled) await this.#addConfigured(cfg);
    this.#lastPublished = ''; // publish the change on the next tick even if the counters look alike
  }

  /** Health of every source. */
  status(): AisSourceHealth[] {
    return [...this.#entries.values()].map((e) => e.health.snapshot(this.#d.ingest.countsOf(e.health.id)));
  }

  /** The running source with this id (tests, the demo wiring). */
  source(id: string): AisSource | undefined {
    return this.#entries.get(id)?.source;
  }

  /** Hands simulated reports of the demo station to the demo source (dropped when it is not running). */
  ingestDemo(reports: readonly AisReport[]): void {
    const demo = this.#entries.get(DEMO_SOURCE_ID)?.source;
    if (demo instanceof DemoAisSource) demo.ingest(reports);
  }

  #addConfigured(cfg: AisSourceConfig): Promise<void> {
    return this.#add(cfg.id, cfg.kind, labelOf(cfg), (ctx) => createSource(cfg, ctx), cfg.stallAfterS * 1000);
  }

  async #add(id: string, kind: AisSourceHealth['kind'], label: string, make: (ctx: SourceContext) => AisSource, stallAfterMs: number): Promise<void> {
    const health = new SourceHealth(id, kind, label);
    const logger = this.#d.logger.child(`ais/${id}`);
    const ctx: SourceContext = { ingest: this.#d.ingest, health, logger, secrets: this.#d.secrets, sensor: this.#d.sensor };
    try {
      const source = make(ctx);
      this.#entries.set(id, { source, health, stallAfterMs });
      await source.start();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      health.error(message);
      health.setState('error', message);
      logger.error(`AIS source ${id} failed to start: ${message}`);
      if (!this.#entries.has(id)) this.#entries.set(id, { source: { id, start: async () => undefined, stop: async () => undefined }, health, stallAfterMs });
    }
  }

  /** Stall detection and change publication. */
  #tick(): void {
    for (const e of this.#entries.values()) {
      if (!e.health.checkStall(e.stallAfterMs)) continue;
      const silent = `${Math.round(e.stallAfterMs / 1000)} s`;
      if (e.health.state === 'stalled') this.#d.logger.warn(`AIS source ${e.health.id} stalled: no message for ${silent}`);
      else this.#d.logger.info(`AIS source ${e.health.id} is receiving again`);
    }
    const status = this.status();
    const key = JSON.stringify(status.map((s) => [s.state, s.messages, s.errors, s.clients, s.dropped, s.rejected]));
    if (key === this.#lastPublished) return;
    this.#lastPublished = key;
    this.#d.onChange?.(status);
  }
}

function createSource(cfg: AisSourceConfig, ctx: SourceContext): AisSource {
  switch (cfg.kind) {
    case 'tcp-client': return new TcpClientSource(cfg, ctx);
    case 'tcp-server': return new TcpServerSource(cfg, ctx);
    case 'udp': return new UdpSource(cfg, ctx);
    case 'replay': return new ReplaySource(cfg, ctx);
    case 'aisstream': return new AisstreamSource(cfg, ctx);
    case 'seavision': return new SeavisionSource(cfg, ctx);
  }
}

function labelOf(cfg: AisSourceConfig): string {
  switch (cfg.kind) {
    case 'tcp-client': return `NMEA TCP client ${cfg.host}:${cfg.port}`;
    case 'tcp-server': return `NMEA TCP server ${cfg.host}:${cfg.port}`;
    case 'udp': return `NMEA UDP ${cfg.host}:${cfg.port}`;
    case 'replay': return `Replay ${cfg.path}`;
    case 'aisstream': return 'aisstream.io';
    case 'seavision': return 'SeaVision';
  }
}
