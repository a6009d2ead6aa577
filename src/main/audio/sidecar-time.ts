/**
 * Recording start times from sidecar header files.
 *
 * MARS `.hdr` (seed-spec §3.2): a text header beside each WAV with the same stem, whose
 * whitespace-separated tokens 9–11 (0-based) are day-of-year, HH:MM:SS.ffffff and year, UTC,
 * e.g. `… 223 12:00:00.000000 2020`. Headers seen with other token counts are handled by taking
 * the first day-of-year / time / year triple when tokens 9–11 are not one.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { AppError } from '../../shared/errors.ts';

const DOY = /^\d{1,3}$/;
const HMS = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const YEAR = /^\d{4}$/;
/** A header larger than this is not a header. */
const MAX_HEADER_BYTES = 64 * 1024;

/** Epoch ms of (year, day-of-year, HH:MM:SS.fff) UTC, or undefined when any part is out of range. */
function tripleTime(doyToken: string, hmsToken: string, yearToken: string): number | undefined {
  const hms = HMS.exec(hmsToken);
  if (!DOY.test(doyToken) || !hms || !YEAR.test(yearToken)) return undefined;
  const [year, doy] = [Number(yearToken), Number(doyToken)];
  const [h, m, s] = [Number(hms[1]), Number(hms[2]), Number(hms[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (doy < 1 || doy > (leap ? 366 : 365) || h > 23 || m > 59 || s > 59) return undefined;
  // Microseconds are kept as a fraction of a millisecond: times are epoch ms (floating point).
  const frac = hms[4] ? Number(`0.${hms[4]}`) * 1000 : 0;
  return Date.UTC(year, 0, doy, h, m, s) + frac;
}

/** The start time in a MARS `.hdr` text, or undefined when it holds none. */
export function parseHdrTime(text: string): number | undefined {
  const tokens = text.trim().split(/\s+/);
  const atNine = tokens.length >= 12 ? tripleTime(tokens[9], tokens[10], tokens[11]) : undefined;
  if (atNine !== undefined) return atNine;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const t = tripleTime(tokens[i], tokens[i + 1], tokens[i + 2]);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** The `.hdr` path beside an audio file (same folder and stem), trying `.hdr` then `.HDR`. */
export function sidecarCandidates(audioPath: string): string[] {
  const stem = basename(audioPath, extname(audioPath));
  return ['.hdr', '.HDR'].map((ext) => join(dirname(audioPath), stem + ext));
}

/**
 * Reads the sidecar of `audioPath`: undefined when there is none; AUDIO_UNREADABLE when one exists
 * but holds no start time (a broken header should not silently fall back to another clock).
 */
export async function readSidecarTime(audioPath: string): Promise<{ time: number; path: string } | undefined> {
  for (const path of sidecarCandidates(audioPath)) {
    let text: string;
    try {
      const buf = await readFile(path);
      text = buf.subarray(0, MAX_HEADER_BYTES).toString('latin1');
    } catch {
      continue;
    }
    const time = parseHdrTime(text);
    if (time === undefined) {
      throw new AppError('AUDIO_UNREADABLE', `${path}: sidecar header holds no "day-of-year HH:MM:SS.ffffff year" start time`);
    }
    return { time, path };
  }
  return undefined;
}
