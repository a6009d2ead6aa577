/**
 * The ingest's writes: position fixes into `ais_positions` (and the first fix of each minute into
 * `ais_track_minutes`), merged static data into `vessels` with a `vessel_static_history` row per change.
 * One transaction per batch keeps 50,000+ fixes/s within reach of SQLite on one core.
 */
import type { Db } from '../storage/database.ts';
import type { PositionFix, StaticUpdate } from './observation.ts';

/** A fix that passed the gate: coordinates are known numbers. */
export type StoredFix = PositionFix & { lat: number; lon: number };

/** A batch of accepted observations. `minutes` are the fixes that open a new (mmsi, minute). */
export interface IngestBatch {
  fixes: readonly StoredFix[];
  minutes: readonly StoredFix[];
  statics: readonly StaticUpdate[];
}

/** Where the ingest writes; an interface so tests and benchmarks can count instead of store. */
export interface AisStore {
  write(batch: IngestBatch): void;
  /** The stored static data of a vessel (to merge into), or undefined when unknown. */
  loadStatic(mmsi: number): StaticUpdate | undefined;
}

interface VesselRow {
  mmsi: number; name: string | null; callsign: string | null; imo: number | null; ship_type: number | null;
  length_m: number | null; beam_m: number | null;
  to_bow: number | null; to_stern: number | null; to_port: number | null; to_starboard: number | null;
  draught_m: number | null; designation: string | null; deadweight_t: number | null; destination: string | null; eta: string | null; transponder: string | null;
  source: string | null; updated_at: number;
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const orUndef = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** Length and beam from the reference-point distances, when both parts are known. */
export function lengthAndBeam(s: Pick<StaticUpdate, 'toBow' | 'toStern' | 'toPort' | 'toStarboard' | 'lengthM' | 'beamM'>) {
  const length = s.toBow !== undefined && s.toStern !== undefined ? s.toBow + s.toStern : s.lengthM;
  const beam = s.toPort !== undefined && s.toStarboard !== undefined ? s.toPort + s.toStarboard : s.beamM;
  return { length, beam };
}

/** The SQLite store of the ingest. */
export function createAisStore(db: Db): AisStore {
  const insertFix = db.prepare(`INSERT INTO ais_positions (mmsi, time, lat, lon, sog, cog, heading, source)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertMinute = db.prepare('INSERT OR IGNORE INTO ais_track_minutes (mmsi, minute, time, lat, lon) VALUES (?, ?, ?, ?, ?)');
  const upsertVessel = db.prepare(`
    INSERT INTO vessels (mmsi, name, callsign, imo, ship_type, length_m, beam_m, destination, updated_at,
      to_bow, to_stern, to_port, to_starboard, draught_m, eta, transponder, source, designation, deadweight_t)
    VALUES (@mmsi, @name, @callsign, @imo, @shipType, @lengthM, @beamM, @destination, @at,
      @toBow, @toStern, @toPort, @toStarboard, @draughtM, @eta, @transponder, @source, @designation, @deadweightT)
    ON CONFLICT (mmsi) DO UPDATE SET name = excluded.name, callsign = excluded.callsign, imo = excluded.imo,
      ship_type = excluded.ship_type, length_m = excluded.length_m, beam_m = excluded.beam_m,
      destination = excluded.destination, updated_at = excluded.updated_at, to_bow = excluded.to_bow,
      to_stern = excluded.to_stern, to_port = excluded.to_port, to_starboard = excluded.to_starboard,
      draught_m = excluded.draught_m, eta = excluded.eta, transponder = excluded.transponder, source = excluded.source,
      designation = excluded.designation, deadweight_t = excluded.deadweight_t`);
  const insertHistory = db.prepare('INSERT INTO vessel_static_history (mmsi, at, data) VALUES (?, ?, ?)');
  const selectVessel = db.prepare<[number], VesselRow>('SELECT * FROM vessels WHERE mmsi = ?');

  const writeStatic = (s: StaticUpdate) => {
    const { length, beam } = lengthAndBeam(s);
    upsertVessel.run({
      mmsi: s.mmsi, name: orNull(s.name), callsign: orNull(s.callsign), imo: orNull(s.imo), shipType: orNull(s.shipType),
      lengthM: orNull(length), beamM: orNull(beam), destination: orNull(s.destination), at: s.at,
      toBow: orNull(s.toBow), toStern: orNull(s.toStern), toPort: orNull(s.toPort), toStarboard: orNull(s.toStarboard),
      draughtM: orNull(s.draughtM), eta: orNull(s.eta), transponder: orNull(s.transponder), source: s.source,
      designation: orNull(s.designation), deadweightT: orNull(s.deadweightT),
    });
    insertHistory.run(s.mmsi, s.at, JSON.stringify(s));
  };

  const write = db.transaction((batch: IngestBatch) => {
    for (const f of batch.fixes) insertFix.run(f.mmsi, f.time, f.lat, f.lon, f.sog, f.cog, f.heading, f.source);
    for (const f of batch.minutes) insertMinute.run(f.mmsi, Math.floor(f.time / 60_000), f.time, f.lat, f.lon);
    for (const s of batch.statics) writeStatic(s);
  });

  return {
    write: (batch) => write(batch),
    loadStatic(mmsi) {
      const r = selectVessel.get(mmsi);
      if (r === undefined) return undefined;
      return {
        mmsi, at: r.updated_at, source: r.source ?? 'unknown', name: orUndef(r.name), callsign: orUndef(r.callsign),
        imo: orUndef(r.imo), shipType: orUndef(r.ship_type), designation: orUndef(r.designation), deadweightT: orUndef(r.deadweight_t), toBow: orUndef(r.to_bow), toStern: orUndef(r.to_stern),
        toPort: orUndef(r.to_port), toStarboard: orUndef(r.to_starboard), lengthM: orUndef(r.length_m), beamM: orUndef(r.beam_m), draughtM: orUndef(r.draught_m),
        destination: orUndef(r.destination), eta: orUndef(r.eta),
        transponder: r.transponder === 'A' || r.transponder === 'B' ? r.transponder : undefined,
      };
    },
  };
}
