/**
 * SeaVision (US DOT Volpe) vessel records, as returned by `GET /v1/vessels?latitude&longitude&radius&age`
 * with the key in the `x-api-key` header: one latest fix per vessel with its static data, e.g.
 * `{ mmsi, imoNumber, name, callSign, vesselType: "70-Cargo", latitude, longitude, SOG, COG, heading,
 *    navStatus: "0-Underway(Engine)", timeOfFix: <epoch s>, length, beam }` (fields per the seed's use of it).
 * A `vesselType` given as text only ("Bulk Carrier") is the vessel's text designation; a `deadweight`
 * (or `dwt`) field, when present, is kept for the Classes page.
 */
import type { Observation } from '../observation.ts';
import { compactStatic } from '../observation.ts';
import { deadweightOf, shipTypeFields } from './ship-type.ts';

type Row = Record<string, unknown>;

const num = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};
const pos = (v: unknown): number | undefined => {
  const n = num(v);
  return n !== null && n > 0 ? n : undefined;
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
/** Case-insensitive field lookup: the API's capitalisation (SOG, COG, callSign) is not uniform. */
const field = (row: Row, name: string): unknown => {
  if (name in row) return row[name];
  const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : row[key];
};

/** The code of a `"NN-Name"` vessel type (or a plain number). */
export function seavisionTypeCode(value: unknown): number | undefined {
  return shipTypeFields(value).shipType;
}

/** Observations of one SeaVision vessel record. */
export function seavisionObservations(row: unknown, source: string): Observation[] {
  if (typeof row !== 'object' || row === null) return [];
  const r = row as Row;
  const mmsi = num(field(r, 'mmsi'));
  if (mmsi === null) return [];
  const seconds = num(field(r, 'timeOfFix'));
  const time = seconds === null ? Number.NaN : seconds > 1e11 ? seconds : seconds * 1000;
  const heading = num(field(r, 'heading'));
  const sog = num(field(r, 'sog'));
  const cog = num(field(r, 'cog'));
  const out: Observation[] = [{
    kind: 'position',
    fix: {
      mmsi, time, lat: num(field(r, 'latitude')), lon: num(field(r, 'longitude')), msgType: 1, source,
      sog: sog === null || sog >= 102.3 ? null : sog,
      cog: cog === null || cog >= 360 || cog < 0 ? null : cog,
      heading: heading === null || heading >= 360 || heading < 0 ? null : heading,
    },
  }];
  const data = compactStatic({
    mmsi, at: time, source, name: str(field(r, 'name')), callsign: str(field(r, 'callSign')), imo: pos(field(r, 'imoNumber')),
    ...shipTypeFields(field(r, 'vesselType')), lengthM: pos(field(r, 'length')), beamM: pos(field(r, 'beam')),
    deadweightT: deadweightOf(field(r, 'deadweight') ?? field(r, 'dwt')),
  });
  if (Object.keys(data).length > 3 && Number.isFinite(time)) out.push({ kind: 'static', data });
  return out;
}
