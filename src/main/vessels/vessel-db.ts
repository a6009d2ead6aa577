/**
 * Read queries over the AIS tables (ais_positions, ais_track_minutes, vessels, vessel_static_history),
 * and retention. Prepared once per database.
 */
import type { StaticRecord } from '../../shared/ais.ts';
import type { Db } from '../storage/database.ts';
import { notPinnedSql, PINNED_AIS_MARGIN_MS } from '../sessions/pinned-sql.ts';
import { VESSEL_DESIGNATION_SQL } from '../classes/mapping-repo.ts';
import type { TrackFix } from './interpolate.ts';

interface StaticRow {
  mmsi: number; name: string | null; callsign: string | null; imo: number | null; ship_type: number | null;
  length_m: number | null; beam_m: number | null; destination: string | null; updated_at: number;
  to_bow: number | null; to_stern: number | null; to_port: number | null; to_starboard: number | null;
  draught_m: number | null; eta: string | null; transponder: string | null; source: string | null;
}

/** A decimated track row: one fix per vessel per minute. */
export interface MinuteFix {
  mmsi: number;
  time: number;
  lat: number;
  lon: number;
}

const undef = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function staticFromRow(r: StaticRow): StaticRecord {
  const rec: StaticRecord = {
    at: r.updated_at, source: r.source ?? 'unknown', name: undef(r.name), callsign: undef(r.callsign), imo: undef(r.imo),
    shipType: undef(r.ship_type), toBow: undef(r.to_bow), toStern: undef(r.to_stern), toPort: undef(r.to_port),
    toStarboard: undef(r.to_starboard), lengthM: undef(r.length_m), beamM: undef(r.beam_m), draughtM: undef(r.draught_m),
    destination: undef(r.destination), eta: undef(r.eta),
    transponder: r.transponder === 'A' || r.transponder === 'B' ? r.transponder : undefined,
  };
  return Object.fromEntries(Object.entries(rec).filter(([, v]) => v !== undefined)) as StaticRecord;
}

/** The query set over one database. */
export function createVesselDb(db: Db) {
  const q = {
    active: db.prepare<[number, number], number>('SELECT DISTINCT mmsi FROM ais_track_minutes WHERE minute BETWEEN ? AND ?').pluck(),
    between: db.prepare<[number, number, number], TrackFix>('SELECT time, lat, lon, sog, cog, heading FROM ais_positions WHERE mmsi = ? AND time BETWEEN ? AND ? ORDER BY time'),
    before: db.prepare<[number, number], TrackFix>('SELECT time, lat, lon, sog, cog, heading FROM ais_positions WHERE mmsi = ? AND time <= ? ORDER BY time DESC LIMIT 1'),
    after: db.prepare<[number, number], TrackFix>('SELECT time, lat, lon, sog, cog, heading FROM ais_positions WHERE mmsi = ? AND time > ? ORDER BY time LIMIT 1'),
    // One vessel's minute track, keeping the minutes divisible by `step` (the primary key makes this a range scan).
    // Aligned to absolute minutes, not to the window start: as the window slides the kept points stay the
    // same, so an incremental fetch (`since`) continues a track fetched before instead of shifting it.
    minutes: db.prepare<[number, number, number, number], MinuteFix>(
      'SELECT mmsi, time, lat, lon FROM ais_track_minutes WHERE mmsi = ? AND minute BETWEEN ? AND ? AND minute % ? = 0 ORDER BY minute'),
    lastMinute: db.prepare<[number, number, number], MinuteFix>(
      'SELECT mmsi, time, lat, lon FROM ais_track_minutes WHERE mmsi = ? AND minute BETWEEN ? AND ? ORDER BY minute DESC LIMIT 1'),
    vessel: db.prepare<[number], StaticRow>('SELECT * FROM vessels WHERE mmsi = ?'),
    designation: db.prepare<[number], string>(`SELECT ${VESSEL_DESIGNATION_SQL} FROM vessels WHERE mmsi = ?`).pluck(),
    history: db.prepare<[number, number], { at: number; data: string }>('SELECT at, data FROM vessel_static_history WHERE mmsi = ? ORDER BY at DESC LIMIT ?'),
    seen: db.prepare<[number], { first: number | null; last: number | null; n: number }>('SELECT min(time) AS first, max(time) AS last, count(*) AS n FROM ais_positions WHERE mmsi = ?'),
    newest: db.prepare<[], number | null>('SELECT max(time) FROM ais_positions').pluck(),
    // AIS around pinned sessions is kept (sessions, issue 8).
    prunePositions: db.prepare(`DELETE FROM ais_positions WHERE time < ?
      ${notPinnedSql(db, { start: 'ais_positions.time - 1', end: 'ais_positions.time + 1', marginMs: PINNED_AIS_MARGIN_MS })}`),
    pruneMinutes: db.prepare(`DELETE FROM ais_track_minutes WHERE minute < ?
      ${notPinnedSql(db, { start: 'ais_track_minutes.minute * 60000', end: 'ais_track_minutes.minute * 60000 + 60000', marginMs: PINNED_AIS_MARGIN_MS })}`),
  };
  return {
    /** MMSIs with at least one stored fix in [t0, t1] (minute resolution). */
    activeMmsis: (t0: number, t1: number): number[] => q.active.all(Math.floor(t0 / 60_000), Math.floor(t1 / 60_000)),
    /** Every fix of one vessel in [t0, t1], in time order. */
    fixesBetween: (mmsi: number, t0: number, t1: number): TrackFix[] => q.between.all(mmsi, t0, t1),
    /** The last fix at or before t and the first after it. */
    fixesAround: (mmsi: number, t: number) => ({ before: q.before.get(mmsi, t), after: q.after.get(mmsi, t) }),
    /**
     * A vessel's track over [t0, t1] from the minute table: at most about `maxPoints` points (the minutes
     * divisible by n), always ending with the newest one. With `since`, only the points after it.
     */
    minuteTrack(mmsi: number, t0: number, t1: number, maxPoints: number, since?: number): MinuteFix[] {
      const m0 = Math.floor(t0 / 60_000);
      const m1 = Math.floor(t1 / 60_000);
      const step = Math.max(1, Math.ceil((m1 - m0 + 1) / maxPoints));
      const from = since === undefined ? m0 : Math.max(m0, Math.floor(since / 60_000));
      let rows = q.minutes.all(mmsi, from, m1, step);
      if (since !== undefined) rows = rows.filter((r) => r.time > since);
      const last = step > 1 ? q.lastMinute.get(mmsi, from, m1) : undefined;
      if (last !== undefined && rows.at(-1)?.time !== last.time && !(since !== undefined && last.time <= since)) rows.push(last);
      return rows;
    },
    /** Current static data of a vessel. */
    staticOf: (mmsi: number): StaticRecord | undefined => {
      const row = q.vessel.get(mmsi);
      return row === undefined ? undefined : staticFromRow(row);
    },
    /** The designation a class mapping classifies: text designation, else ship-type code, else '' (no static data). */
    designationOf: (mmsi: number): string => (q.designation.get(mmsi) as string | undefined) ?? '',
    /** Static data as it changed, newest first. */
    staticHistory: (mmsi: number, limit = 50): StaticRecord[] =>
      q.history.all(mmsi, limit).map((r) => ({ ...(JSON.parse(r.data) as StaticRecord), at: r.at })),
    /** First and last report time and the number of reports of a vessel. */
    seen: (mmsi: number) => q.seen.get(mmsi) ?? { first: null, last: null, n: 0 },
    /**
     * Deletes positions older than `days` before the newest stored one (data time, so a replayed
     * historical log is kept for as long as live data would be). Returns the rows deleted.
     */
    prune(days: number): number {
      const newest = q.newest.get();
      if (days <= 0 || newest === null || newest === undefined) return 0;
      const cutoff = newest - days * 86_400_000;
      return db.transaction(() => q.prunePositions.run(cutoff).changes + q.pruneMinutes.run(Math.floor(cutoff / 60_000)).changes)();
    },
  };
}
export type VesselDb = ReturnType<typeof createVesselDb>;
