/**
 * The demo station's simulated AIS as one more source: the station worker's reports go through the
 * same plausibility gate, batching and health accounting as a real receiver's.
 */
import type { AisReport } from '../../demo/ais-report.ts';
import type { Observation } from '../observation.ts';
import { compactStatic } from '../observation.ts';
import { RateGuard, observationSink, type AisSource, type SourceContext } from './source.ts';

/** Observations of one simulated report (static fields ride along every few minutes). */
export function demoObservations(r: AisReport, source: string): Observation[] {
  const out: Observation[] = [{
    kind: 'position',
    fix: {
      mmsi: r.mmsi, time: r.time, lat: r.lat, lon: r.lon, sog: r.sog ?? null, cog: r.cog ?? null, heading: r.heading ?? null,
      msgType: r.heading === undefined ? 18 : 1, source,
    },
  }];
  if (r.shipName !== undefined || r.shipType !== undefined) {
    out.push({
      kind: 'static',
      data: compactStatic({
        mmsi: r.mmsi, at: r.time, source, name: r.shipName, callsign: r.callsign, shipType: r.shipType,
        lengthM: r.lengthM, beamM: r.beamM, transponder: r.heading === undefined ? 'B' : 'A',
      }),
    });
  }
  return out;
}

/** Receives report batches from the demo station runner. */
export class DemoAisSource implements AisSource {
  readonly id: string;
  readonly #ctx: SourceContext;
  readonly #sink: ReturnType<typeof observationSink>;

  constructor(id: string, ctx: SourceContext) {
    this.id = id;
    this.#ctx = ctx;
    this.#sink = observationSink(ctx, new RateGuard(0));
  }

  async start(): Promise<void> {
    this.#ctx.health.setState('connected', 'simulated AIS of the demo station');
  }

  async stop(): Promise<void> {
    this.#ctx.health.setState('stopped');
  }

  /** Ingests one batch of simulated reports. */
  ingest(reports: readonly AisReport[]): void {
    for (const r of reports) this.#sink(demoObservations(r, this.id), r.time);
  }
}
