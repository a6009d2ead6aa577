/**
 * Field-by-field comparison of our decodes with reference decodes (gpsd JSON, libais JSON).
 * Test support: it documents, in code, every convention where we deliberately differ.
 *
 * Normalisations (each one is a documented difference, not a fudge):
 * - our `null` equals the reference's raw "not available" sentinel (gpsd reports lat 91,
 *   speed 102.3, heading 511, draught 0, … or the string "nan"/"n/a");
 * - gpsd's `turn` is a string ("fastleft", "nan", "0.00") or a whole number: fast turns are ±720
 *   for us, numbers are compared by magnitude rounded to whole °/min (gpsd squares away the sign);
 * - gpsd 3.22 prints type 27 positions to 0.1° and its status as a legend text (spelt "manoeuverability";
 *   ours is the ITU's "manoeuvrability");
 * - gpsd's `speed` "fast" is our 102.2 kn (1022 kn for type 9);
 * - gpsd's `vendorid` is the pre-2010 7-character field; ours is the 3-character manufacturer
 *   id of ITU-R M.1371-5, so only the first 3 characters are compared;
 * - gpsd merges type 24 parts A and B into one record; we emit them separately, so consecutive
 *   A+B of one MMSI are merged before comparing;
 * - libais stores floats as float32 and IMO as a string; booleans may be 0/1;
 * - libais tag-block fields map to our `source` / `receivedAt`.
 */
import { navigationStatusText } from './legends.ts';
import type { DecodedMessage } from './types.ts';

/** Result of comparing one reference source. */
export interface ComparisonReport {
  /** Reference records examined. */
  records: number;
  /** Reference records with no matching decode of ours. */
  missing: number;
  /** Our decodes the reference did not produce (e.g. gpsd's stricter length checks). */
  extra: number;
  compared: number;
  equal: number;
  /** Reference fields we do not produce, with counts. */
  uncovered: Record<string, number>;
  mismatches: { type: number; mmsi: number; field: string; ours: unknown; theirs: unknown }[];
}

type Json = Record<string, unknown>;

/** Reference keys that carry no decoded value (metadata, legends, spare bits, libais comm-state detail). */
const IGNORED = new Set([
  'class', 'device', 'scaled', 'spare', 'spare2', 'spare3', 'spare4', 'tagblock_T', 'tagblock_q', 'tagblock_group',
  'sync_state', 'slot_timeout', 'slot_number', 'slot_offset', 'received_stations', 'utc_hour', 'utc_min', 'utc_spare',
  'slot_increment', 'slots_to_allocate', 'keep_flag', 'transmission_ctl', 'commstate_cs_fill', 'commstate_flag',
]);

/** Reference key → our key, where the names differ. */
const RENAMED: Record<string, string> = { part_num: 'partno', tagblock_station: 'source', tagblock_timestamp: 'receivedAt' };

/** "Not available" raw values per field, keyed `field` or `type:field`. */
const SENTINELS: Record<string, readonly unknown[]> = {
  lat: [91, '91'], lon: [181, '181'], speed: [102.3, 'nan'], '9:speed': [1023, 'nan'], '27:speed': [63],
  course: [360, 'nan'], '27:course': [511], heading: [511], draught: [0], imo: [0, '0'], shiptype: [0],
  alt: [4095, 'nan'], turn: ['nan', 'n/a', null], month: [0], day: [0], hour: [24], minute: [60], second: [60],
  year: [0],
};

const TEXT_KEYS_WITH_NUMERIC_REF = new Set(['turn', 'speed', 'alt', 'course']);

/** Compares reference records with our decodes (both in stream order). */
export function compareWithReference(ours: DecodedMessage[], theirs: Json[], style: 'gpsd' | 'libais'): ComparisonReport {
  const candidates = style === 'gpsd' ? mergeType24(ours) : ours.map((m) => ({ ...m }) as Json);
  const report: ComparisonReport = { records: 0, missing: 0, extra: 0, compared: 0, equal: 0, uncovered: {}, mismatches: [] };
  const used = new Set<number>();
  let cursor = 0;
  for (const expected of theirs) {
    report.records++;
    const index = findMatch(candidates, expected, cursor, used);
    if (index < 0) {
      report.missing++;
      report.compared += Object.keys(expected).filter((k) => !IGNORED.has(k) && !k.endsWith('_text')).length;
      continue;
    }
    used.add(index);
    cursor = index + 1;
    compareRecord(candidates[index], expected, style, report);
  }
  report.extra = candidates.length - used.size;
  return report;
}

/** Agreement in percent (equal / compared). */
export function agreementPercent(report: ComparisonReport): number {
  return report.compared === 0 ? 100 : (100 * report.equal) / report.compared;
}

/** Next unused decode of ours with the same type and MMSI, looking a little ahead of the cursor. */
function findMatch(candidates: Json[], expected: Json, cursor: number, used: Set<number>): number {
  const from = Math.max(0, cursor - 5);
  for (let i = from; i < Math.min(candidates.length, cursor + 40); i++) {
    const c = candidates[i];
    if (!used.has(i) && c.type === expected.type && c.mmsi === expected.mmsi) return i;
  }
  return -1;
}

/** Merges each type 24 part A with the next part B of the same MMSI, as gpsd reports them. */
function mergeType24(messages: DecodedMessage[]): Json[] {
  const out: Json[] = [];
  const openA = new Map<number, Json>();
  for (const m of messages) {
    if (m.type !== 24 || !('partno' in m)) {
      out.push({ ...m });
    } else if (m.partno === 0) {
      openA.set(m.mmsi, { ...m });
    } else {
      const a = openA.get(m.mmsi);
      if (a === undefined) continue; // gpsd drops a B without A
      openA.delete(m.mmsi);
      out.push({ ...a, ...m, shipname: a.shipname, merged: true });
    }
  }
  return out;
}

function compareRecord(ours: Json, expected: Json, style: 'gpsd' | 'libais', report: ComparisonReport): void {
  const type = expected.type as number;
  for (const [rawKey, theirs] of Object.entries(expected)) {
    if (IGNORED.has(rawKey) || rawKey.endsWith('_text')) continue;
    const key = ourKey(rawKey, type, ours);
    if (!(key in ours)) {
      report.uncovered[`${type}:${rawKey}`] = (report.uncovered[`${type}:${rawKey}`] ?? 0) + 1;
      continue;
    }
    report.compared++;
    if (valuesAgree(key, type, ours[key], theirs, style)) report.equal++;
    else report.mismatches.push({ type, mmsi: expected.mmsi as number, field: rawKey, ours: ours[key], theirs });
  }
}

function ourKey(rawKey: string, type: number, ours: Json): string {
  if (rawKey === 'timestamp' && type !== 4 && type !== 11) return 'receivedAt';
  if (rawKey === 'part') return 'partno';
  if (rawKey === 'partno' && ours.merged === true) return 'merged';
  return RENAMED[rawKey] ?? rawKey;
}

/** A legend text compared loosely: case, and gpsd 3.22's spelling "manoeuverability" (ours: "manoeuvrability"). */
const legendKey = (text: string): string => text.toLowerCase().replace('manoeuverability', 'manoeuvrability');

function valuesAgree(key: string, type: number, ours: unknown, theirs: unknown, style: 'gpsd' | 'libais'): boolean {
  if (ours === null) return (SENTINELS[`${type}:${key}`] ?? SENTINELS[key] ?? []).includes(theirs);
  if (key === 'receivedAt') return new Date(ours as number).toISOString().slice(0, 19) === String(theirs).slice(0, 19);
  if (key === 'partno') return ours === theirs || ['A', 'B'][ours as number] === theirs;
  if (key === 'vendorid' && style === 'gpsd') return String(theirs).slice(0, 3) === ours;
  if (key === 'turn' && style === 'gpsd') return turnAgrees(ours as number, String(theirs));
  if (key === 'status' && typeof theirs === 'string') return legendKey(navigationStatusText(ours as number)) === legendKey(theirs);
  if (type === 27 && (key === 'lat' || key === 'lon') && style === 'gpsd') return Math.abs((ours as number) - Number(theirs)) <= 0.05 + 1e-9;
  if (key === 'speed' && theirs === 'fast') return ours === (type === 9 ? 1022 : 102.2);
  if (typeof ours === 'boolean') return Number(ours) === Number(theirs);
  if (key === 'turn' && typeof theirs === 'number') return Math.abs((ours as number) - theirs) <= 0.05 + 1e-9;
  if (typeof ours === 'number' && (typeof theirs === 'number' || TEXT_KEYS_WITH_NUMERIC_REF.has(key) || key === 'imo')) {
    const t = Number(theirs);
    return Math.abs(ours - t) <= 1e-6 + 1.2e-7 * Math.abs(t);
  }
  return ours === theirs;
}

function turnAgrees(ours: number, theirs: string): boolean {
  if (theirs === 'fastright') return ours === 720;
  if (theirs === 'fastleft') return ours === -720;
  const magnitude = Number(theirs);
  return Number.isFinite(magnitude) && Math.abs(Math.abs(ours) - magnitude) <= 0.5 + 1e-9;
}
