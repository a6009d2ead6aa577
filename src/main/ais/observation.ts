/**
 * The normalised records every AIS source produces, whatever its wire format: position fixes and
 * static-data updates. NMEA messages, MarineCadastre CSV rows, aisstream.io JSON and SeaVision
 * records all become these before the plausibility gate and storage.
 */
import type { DecodedMessage } from './types.ts';

/** One position report of one vessel. Speeds in knots, angles in degrees true, time epoch ms. */
export interface PositionFix {
  mmsi: number;
  time: number;
  lat: number | null;
  lon: number | null;
  sog: number | null;
  cog: number | null;
  heading: number | null;
  /** AIS message type it came from (1–3, 9, 18, 19, 27); 1 when the format does not say. */
  msgType: number;
  /** Raw UTC-second field when known (63 = positioning system inoperative). */
  second?: number | null;
  /** Which source delivered it (source id, or the tag-block station for NMEA with `s:`). */
  source: string;
}

/** Static and voyage data of one vessel; absent fields are unknown, not cleared. */
export interface StaticUpdate {
  mmsi: number;
  /** Epoch ms the data was received. */
  at: number;
  source: string;
  name?: string;
  callsign?: string;
  imo?: number;
  shipType?: number;
  /** Text designation ("Bulk Carrier") from a source that gives the type as text (formats/ship-type.ts). */
  designation?: string;
  /** Deadweight, tonnes, from a source that carries it (AIS does not). */
  deadweightT?: number;
  toBow?: number;
  toStern?: number;
  toPort?: number;
  toStarboard?: number;
  /** Overall length and beam (m) when a format gives them instead of the four distances. */
  lengthM?: number;
  beamM?: number;
  draughtM?: number;
  destination?: string;
  /** `MM-DDThh:mmZ` as broadcast. */
  eta?: string;
  transponder?: 'A' | 'B';
}

/** What a source hands to the ingest. */
export type Observation = { kind: 'position'; fix: PositionFix } | { kind: 'static'; data: StaticUpdate };

const text = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};
const positive = (value: number | null | undefined): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

/** Drops undefined fields so that merging never overwrites a known value with an unknown one. */
export function compactStatic(update: StaticUpdate): StaticUpdate {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(update)) if (value !== undefined) out[key] = value;
  return out as unknown as StaticUpdate;
}

/** Dimension fields of a message, 0 (= unknown) dropped. */
function dims(m: { to_bow?: number; to_stern?: number; to_port?: number; to_starboard?: number }) {
  return { toBow: positive(m.to_bow), toStern: positive(m.to_stern), toPort: positive(m.to_port), toStarboard: positive(m.to_starboard) };
}

function fixOf(m: DecodedMessage & { lat: number | null; lon: number | null }, time: number, source: string): PositionFix {
  const rec = m as unknown as Record<string, number | null | undefined>;
  const num = (key: string) => (typeof rec[key] === 'number' ? (rec[key] as number) : null);
  return {
    mmsi: m.mmsi, time, lat: m.lat, lon: m.lon, sog: num('speed'), cog: num('course'), heading: num('heading'),
    msgType: m.type, second: num('second'), source,
  };
}

/**
 * The observations carried by one decoded message. `time` is used when the message has no
 * `receivedAt` (no tag block); `source` names the feed. Base stations (4, 11) and aids to
 * navigation (21) are not vessels and yield nothing.
 */
export function observationsOf(m: DecodedMessage, time: number, source: string): Observation[] {
  const at = m.receivedAt ?? time;
  const from = m.source ? `${source}:${m.source}` : source;
  if ('unsupported' in m) return [];
  switch (m.type) {
    case 1: case 2: case 3: case 9: case 18: case 27:
      return [{ kind: 'position', fix: fixOf(m, at, from) }];
    case 19:
      return [
        { kind: 'position', fix: fixOf(m, at, from) },
        { kind: 'static', data: compactStatic({ mmsi: m.mmsi, at, source: from, name: text(m.shipname), shipType: m.shiptype ?? undefined, ...dims(m), transponder: 'B' }) },
      ];
    case 5:
      return [{ kind: 'static', data: compactStatic({
        mmsi: m.mmsi, at, source: from, name: text(m.shipname), callsign: text(m.callsign), imo: m.imo ?? undefined,
        shipType: m.shiptype ?? undefined, ...dims(m), draughtM: m.draught ?? undefined, destination: text(m.destination),
        eta: m.month === null && m.day === null ? undefined : m.eta, transponder: 'A',
      }) }];
    case 24:
      if (m.partno === 0) return [{ kind: 'static', data: compactStatic({ mmsi: m.mmsi, at, source: from, name: text(m.shipname), transponder: 'B' }) }];
      return [{ kind: 'static', data: compactStatic({
        mmsi: m.mmsi, at, source: from, shipType: m.shiptype ?? undefined, callsign: text(m.callsign), ...dims(m), transponder: 'B',
      }) }];
    default:
      return [];
  }
}
