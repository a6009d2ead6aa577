/**
 * aisstream.io messages (the WebSocket stream, or a JSON-lines recording of it): an envelope
 * `{ MessageType, MetaData: { MMSI, time_utc, … }, Message: { <MessageType>: { … } } }` whose payload
 * keeps the raw AIS values, "not available" sentinels included (lat 91, lon 181, Sog 102.3, Cog 360,
 * TrueHeading 511). See docs/ais-sources.md.
 */
import type { Observation, PositionFix, StaticUpdate } from '../observation.ts';
import { compactStatic } from '../observation.ts';
import { shipTypeFields } from './ship-type.ts';

type Payload = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.replace(/@+$/, '').trim() ? v.replace(/@+$/, '').trim() : undefined);
const pos = (v: unknown): number | undefined => {
  const n = num(v);
  return n !== null && n > 0 ? n : undefined;
};
const orNullAbove = (v: number | null, limit: number): number | null => (v === null || v >= limit || v < 0 ? null : v);

/** `2022-12-29 18:22:32.318353 +0000 UTC` (Go's time format) or ISO 8601 → epoch ms. */
export function parseAisstreamTime(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  const go = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(\.\d+)? ([+-]\d{4})/.exec(text);
  if (go === null) return Date.parse(text);
  const frac = go[3] ? go[3].slice(0, 4) : '';
  return Date.parse(`${go[1]}T${go[2]}${frac}${go[4].slice(0, 3)}:${go[4].slice(3)}`);
}

const POSITION_TYPES: Record<string, number> = {
  PositionReport: 1, StandardClassBPositionReport: 18, ExtendedClassBPositionReport: 19,
  LongRangeAisBroadcastMessage: 27, StandardSearchAndRescueAircraftReport: 9,
};

function positionOf(p: Payload, mmsi: number, time: number, msgType: number, source: string): PositionFix {
  const lat = num(p.Latitude);
  const lon = num(p.Longitude);
  return {
    mmsi, time, msgType, source,
    lat: lat === null || Math.abs(lat) >= 91 ? null : lat,
    lon: lon === null || Math.abs(lon) >= 181 ? null : lon,
    sog: orNullAbove(num(p.Sog), msgType === 27 ? 63 : 102.3),
    cog: orNullAbove(num(p.Cog), 360),
    heading: orNullAbove(num(p.TrueHeading), 360),
    second: num(p.Timestamp),
  };
}

function dimensionsOf(p: Payload): Partial<StaticUpdate> {
  const d = (p.Dimension ?? {}) as Payload;
  return { toBow: pos(d.A), toStern: pos(d.B), toPort: pos(d.C), toStarboard: pos(d.D) };
}

function etaOf(p: Payload): string | undefined {
  const e = (p.Eta ?? {}) as Payload;
  const [mo, d, h, mi] = [num(e.Month), num(e.Day), num(e.Hour), num(e.Minute)];
  if (!mo || !d) return undefined;
  const pad = (n: number | null, fallback: number) => String(n ?? fallback).padStart(2, '0');
  return `${pad(mo, 0)}-${pad(d, 0)}T${pad(h, 24)}:${pad(mi, 60)}Z`;
}

function staticOf(type: string, p: Payload, mmsi: number, at: number, source: string): StaticUpdate | null {
  const base = { mmsi, at, source };
  if (type === 'ShipStaticData') {
    return compactStatic({
      ...base, name: str(p.Name), callsign: str(p.CallSign), imo: pos(p.ImoNumber), ...shipTypeFields(p.Type), ...dimensionsOf(p),
      draughtM: pos(p.MaximumStaticDraught), destination: str(p.Destination), eta: etaOf(p), transponder: 'A',
    });
  }
  if (type === 'ExtendedClassBPositionReport') {
    return compactStatic({ ...base, name: str(p.Name), ...shipTypeFields(p.Type), ...dimensionsOf(p), transponder: 'B' });
  }
  if (type === 'StaticDataReport') {
    const a = (p.ReportA ?? {}) as Payload;
    const b = (p.ReportB ?? {}) as Payload;
    return compactStatic({
      ...base, name: a.Valid === false ? undefined : str(a.Name),
      ...(b.Valid === false ? {} : { ...shipTypeFields(b.ShipType), callsign: str(b.CallSign), ...dimensionsOf(b) }),
      transponder: 'B',
    });
  }
  return null;
}

/** Observations of one aisstream envelope (already parsed); unknown message types yield none. */
export function aisstreamObservations(envelope: unknown, source: string, fallbackTime: number): Observation[] {
  if (typeof envelope !== 'object' || envelope === null) return [];
  const { MessageType: type, MetaData: meta, Message: message } = envelope as Payload;
  if (typeof type !== 'string' || typeof message !== 'object' || message === null) return [];
  const payload = (message as Payload)[type];
  if (typeof payload !== 'object' || payload === null) return [];
  const p = payload as Payload;
  const metadata = (meta ?? {}) as Payload;
  const mmsi = num(metadata.MMSI) ?? num(p.UserID);
  if (mmsi === null) return [];
  const parsed = parseAisstreamTime(metadata.time_utc);
  const time = Number.isFinite(parsed) ? parsed : fallbackTime;
  const out: Observation[] = [];
  if (type in POSITION_TYPES) out.push({ kind: 'position', fix: positionOf(p, mmsi, time, POSITION_TYPES[type], source) });
  const data = staticOf(type, p, mmsi, time, source);
  if (data !== null && Object.keys(data).length > 3) out.push({ kind: 'static', data });
  return out;
}

/** Parses one JSON line and returns its observations; a line that is not JSON yields null (count it). */
export function aisstreamLineObservations(line: string, source: string, fallbackTime: number): Observation[] | null {
  let envelope: unknown;
  try {
    envelope = JSON.parse(line);
  } catch {
    return null;
  }
  return aisstreamObservations(envelope, source, fallbackTime);
}
