/**
 * Recording start times from file names.
 *
 * Built-in patterns (digits must not be part of a longer digit run):
 *  - 'iso-basic': YYYYMMDDTHHMMSS[.fff][Z] anywhere, e.g. SanctSound_CI01_03_smallboat_20190825T191712Z.wav
 *  - 'ymd_hms':   YYYYMMDD_HHMMSS, e.g. site3_20200811_120000.wav
 *  - 'mars':      MBARI MARS names: YYYYMMDD[_T-]HHMMSS[Z] (MARS_20200811_120000.wav,
 *                 MARS-20200811T120000Z.wav) or the 12-digit YYMMDDHHMMSS form (MARS_200811120000.wav)
 *  - { regex }:   a custom regular expression with named groups `year` (or `yy`), `month`, `day`,
 *                 `hour`, `minute`, optional `second`, optional `frac` (fraction-of-second digits).
 *
 * `tzOffsetMinutes` is the offset of the file-name clock from UTC (+120 for UTC+2): the result is
 * local − offset. A name that ends its time with 'Z' states UTC itself, so the offset is ignored.
 */
import { AppError } from '../../shared/errors.ts';

/** How a station's file names encode their start time. */
export type TimePattern = 'iso-basic' | 'ymd_hms' | 'mars' | { regex: string };

const ISO_BASIC = /(?<!\d)(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})T(?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})(?:\.(?<frac>\d{1,9}))?(?<z>Z)?(?!\d)/g;
const YMD_HMS = /(?<!\d)(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})_(?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})(?!\d)/g;
const MARS_LONG = /(?<!\d)(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})[_T-]?(?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})(?<z>Z)?(?!\d)/g;
const MARS_SHORT = /(?<!\d)(?<yy>\d{2})(?<month>\d{2})(?<day>\d{2})(?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})(?!\d)/g;

const BUILT_IN: Record<Exclude<TimePattern, { regex: string }>, RegExp[]> = {
  'iso-basic': [ISO_BASIC],
  ymd_hms: [YMD_HMS],
  mars: [MARS_LONG, MARS_SHORT],
};

const customCache = new Map<string, RegExp>();

/** Compiles (and caches) a custom pattern; throws CONFIG_INVALID when it cannot work. */
export function compileCustomPattern(source: string): RegExp {
  const cached = customCache.get(source);
  if (cached) return cached;
  let re: RegExp;
  try {
    re = new RegExp(source, 'g');
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `time pattern ${JSON.stringify(source)} is not a valid regular expression`, { cause: err });
  }
  const needs = ['month', 'day', 'hour', 'minute'];
  const missing = needs.filter((g) => !source.includes(`(?<${g}>`));
  if (!source.includes('(?<year>') && !source.includes('(?<yy>')) missing.unshift('year or yy');
  if (missing.length > 0) {
    throw new AppError('CONFIG_INVALID', `time pattern ${JSON.stringify(source)} lacks named group(s): ${missing.join(', ')}`);
  }
  customCache.set(source, re);
  return re;
}

/** Start time (epoch ms, UTC) encoded in a file name, or undefined when the pattern finds none. */
export function parseRecordingTime(fileName: string, pattern: TimePattern, tzOffsetMinutes = 0): number | undefined {
  const regexes = typeof pattern === 'string' ? BUILT_IN[pattern] : [compileCustomPattern(pattern.regex)];
  if (!regexes) throw new AppError('CONFIG_INVALID', `unknown time pattern ${JSON.stringify(pattern)}`);
  for (const re of regexes) {
    for (const match of fileName.matchAll(re)) {
      const t = timeFromGroups(match.groups ?? {}, tzOffsetMinutes);
      if (t !== undefined) return t;
    }
  }
  return undefined;
}

function timeFromGroups(g: Record<string, string | undefined>, tzOffsetMinutes: number): number | undefined {
  const year = g.year !== undefined ? Number(g.year) : expandTwoDigitYear(Number(g.yy));
  const [month, day, hour, minute] = [g.month, g.day, g.hour, g.minute].map(Number);
  const second = g.second !== undefined ? Number(g.second) : 0;
  const ms = g.frac ? Math.round(Number(`0.${g.frac}`) * 1000) : 0;
  if (![year, month, day, hour, minute, second].every(Number.isInteger)) return undefined;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second) + ms;
  // Date.UTC rolls 31 April over to 1 May: reject dates that do not exist.
  if (new Date(local).getUTCDate() !== day) return undefined;
  return g.z ? local : local - tzOffsetMinutes * 60_000;
}

/** MARS two-digit years: 70–99 → 19xx, 00–69 → 20xx. */
function expandTwoDigitYear(yy: number): number {
  return yy >= 70 ? 1900 + yy : 2000 + yy;
}

/** Formats a time the way a built-in pattern writes it (for fixtures, exports and round-trip tests). */
export function formatRecordingTime(epochMs: number, pattern: 'iso-basic' | 'ymd_hms' | 'mars' | 'mars-short', tzOffsetMinutes = 0): string {
  const local = new Date(epochMs + (pattern === 'iso-basic' ? 0 : tzOffsetMinutes * 60_000));
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const ymd = `${p(local.getUTCFullYear(), 4)}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}`;
  const hms = `${p(local.getUTCHours())}${p(local.getUTCMinutes())}${p(local.getUTCSeconds())}`;
  switch (pattern) {
    case 'iso-basic':
      return `${ymd}T${hms}Z`;
    case 'ymd_hms':
    case 'mars':
      return `${ymd}_${hms}`;
    case 'mars-short':
      return `${ymd.slice(2)}${hms}`;
  }
}
