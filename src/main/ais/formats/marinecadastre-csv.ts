/**
 * MarineCadastre.gov (BOEM/NOAA) AIS CSV: one decoded fix per row with the vessel's static data, e.g.
 * `MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass`.
 * Columns are found by name (case-insensitive), so subsets and other orders work; unknown columns are ignored.
 */
import type { Observation } from '../observation.ts';
import { compactStatic } from '../observation.ts';
import { deadweightOf, shipTypeFields } from './ship-type.ts';

/** A parsed header: column name (lower case) → index. */
export type CsvHeader = ReadonlyMap<string, number>;

/** Splits one CSV line (RFC 4180 quotes supported). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

/** The header of a MarineCadastre file, or null when the line is not one (no MMSI/LAT/LON/time columns). */
export function parseCsvHeader(line: string): CsvHeader | null {
  const names = splitCsvLine(line.replace(/^\uFEFF/, '')).map((n) => n.trim().toLowerCase());
  const header = new Map(names.map((n, i) => [n, i]));
  const has = (...keys: string[]) => keys.every((k) => header.has(k));
  return has('mmsi', 'lat', 'lon') && (header.has('basedatetime') || header.has('timestamp')) ? header : null;
}

const numberOrNull = (text: string | undefined): number | null => {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
};
const positiveOrUndef = (text: string | undefined): number | undefined => {
  const n = numberOrNull(text);
  return n !== null && n > 0 ? n : undefined;
};
const textOrUndef = (text: string | undefined): string | undefined => (text?.trim() ? text.trim() : undefined);

/** MarineCadastre times are UTC without a zone (`2023-01-01T00:00:03`). */
function parseUtc(text: string | undefined): number {
  if (!text) return Number.NaN;
  const t = text.trim();
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t.replace(' ', 'T')}Z`);
}

/** IMO numbers appear as `IMO9234567` or `9234567`. */
function imoOf(text: string | undefined): number | undefined {
  const n = numberOrNull(text?.replace(/^IMO/i, ''));
  return n !== null && n > 0 ? n : undefined;
}

/** The observations of one data row; `source` names the feed. A row without a usable MMSI or time yields none. */
export function csvRowObservations(line: string, header: CsvHeader, source: string): Observation[] {
  const cells = splitCsvLine(line);
  const col = (name: string) => {
    const i = header.get(name);
    return i === undefined ? undefined : cells[i];
  };
  const mmsi = numberOrNull(col('mmsi'));
  const time = parseUtc(col('basedatetime') ?? col('timestamp'));
  if (mmsi === null || !Number.isInteger(mmsi)) return [];
  const heading = numberOrNull(col('heading'));
  const sog = numberOrNull(col('sog'));
  const cog = numberOrNull(col('cog'));
  const transceiver = textOrUndef(col('transceiverclass'))?.toUpperCase();
  const out: Observation[] = [{
    kind: 'position',
    fix: {
      mmsi, time, lat: numberOrNull(col('lat')), lon: numberOrNull(col('lon')),
      // 102.3 kn, 360° and 511° are AIS "not available" values that these files keep as numbers.
      sog: sog === null || sog >= 102.3 ? null : sog,
      cog: cog === null || cog >= 360 || cog < 0 ? null : cog,
      heading: heading === null || heading >= 360 || heading < 0 ? null : heading,
      msgType: transceiver === 'B' ? 18 : 1, source,
    },
  }];
  const data = compactStatic({
    mmsi, at: time, source, name: textOrUndef(col('vesselname')), callsign: textOrUndef(col('callsign')), imo: imoOf(col('imo')),
    ...shipTypeFields(col('vesseltype')), deadweightT: deadweightOf(col('deadweight') ?? col('dwt')), lengthM: positiveOrUndef(col('length')), beamM: positiveOrUndef(col('width')),
    draughtM: positiveOrUndef(col('draft')), transponder: transceiver === 'A' || transceiver === 'B' ? transceiver : undefined,
  });
  if (Object.keys(data).length > 3 && Number.isFinite(time)) out.push({ kind: 'static', data });
  return out;
}
