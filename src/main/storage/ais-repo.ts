/** AIS positions (time series) and vessel static data with history. */
import type { Db } from './database.ts';

export interface PositionReport {
  mmsi: number;
  time: number;
  lat: number;
  lon: number;
  sog?: number;
  cog?: number;
  heading?: number;
  source: string;
}

export interface VesselStatic {
  mmsi: number;
  name?: string;
  callsign?: string;
  imo?: number;
  shipType?: number;
  lengthM?: number;
  beamM?: number;
  destination?: string;
}

export function createAisRepo(db: Db) {
  const insertPos = db.prepare(`
    INSERT INTO ais_positions (mmsi, time, lat, lon, sog, cog, heading, source)
    VALUES (@mmsi, @time, @lat, @lon, @sog, @cog, @heading, @source)`);
  const upsertVessel = db.prepare(`
    INSERT INTO vessels (mmsi, name, callsign, imo, ship_type, length_m, beam_m, destination, updated_at)
    VALUES (@mmsi, @name, @callsign, @imo, @shipType, @lengthM, @beamM, @destination, @at)
    ON CONFLICT (mmsi) DO UPDATE SET name = coalesce(excluded.name, name), callsign = coalesce(excluded.callsign, callsign),
      imo = coalesce(excluded.imo, imo), ship_type = coalesce(excluded.ship_type, ship_type),
      length_m = coalesce(excluded.length_m, length_m), beam_m = coalesce(excluded.beam_m, beam_m),
      destination = coalesce(excluded.destination, destination), updated_at = excluded.updated_at`);
  const history = db.prepare('INSERT INTO vessel_static_history (mmsi, at, data) VALUES (?, ?, ?)');
  const countPos = db.prepare<[], number>('SELECT count(*) FROM ais_positions');

  const nullable = (v: unknown) => (v === undefined ? null : v);

  return {
    insertPositions(batch: readonly PositionReport[]): void {
      db.transaction(() => {
        for (const p of batch) {
          insertPos.run({ ...p, sog: nullable(p.sog), cog: nullable(p.cog), heading: nullable(p.heading) });
        }
      })();
    },
    upsertVessel(v: VesselStatic, at: number): void {
      db.transaction(() => {
        upsertVessel.run({
          mmsi: v.mmsi, name: nullable(v.name), callsign: nullable(v.callsign), imo: nullable(v.imo),
          shipType: nullable(v.shipType), lengthM: nullable(v.lengthM), beamM: nullable(v.beamM),
          destination: nullable(v.destination), at,
        });
        history.run(v.mmsi, at, JSON.stringify(v));
      })();
    },
    countPositions(): number {
      return countPos.pluck().get() as number;
    },
  };
}
export type AisRepo = ReturnType<typeof createAisRepo>;
