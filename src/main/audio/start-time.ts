/**
 * A recording's absolute start time, from (in order) its sidecar header, its file name, or —
 * when neither says — its modification time minus its duration (flagged as such).
 */
import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors.ts';
import { basename } from 'node:path';
import type { RecordingTimeSettings } from '../../shared/signal-settings.ts';
import { parseRecordingTime, type TimePattern } from './recording-time.ts';
import { readSidecarTime } from './sidecar-time.ts';

/** Where a start time came from. */
export type StartTimeSource = 'sidecar header' | 'file name' | 'modification time';

const BUILT_IN_PATTERNS: readonly TimePattern[] = ['iso-basic', 'ymd_hms', 'mars'];

/** Defaults: any built-in file-name pattern, UTC, sidecar when present. */
export const DEFAULT_RECORDING_TIME: RecordingTimeSettings = { pattern: 'auto', tzOffsetMinutes: 0, sidecar: 'auto' };

/** The start time from the file name alone, or undefined. */
export function startFromName(path: string, settings: Pick<RecordingTimeSettings, 'pattern' | 'tzOffsetMinutes'>): number | undefined {
  const patterns = settings.pattern === 'auto' ? BUILT_IN_PATTERNS : [settings.pattern];
  for (const pattern of patterns) {
    const t = parseRecordingTime(basename(path), pattern, settings.tzOffsetMinutes);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** The recording's start time (epoch ms, UTC) and its source; see the module comment. */
export async function resolveStartTime(
  path: string,
  durationS: number,
  settings: RecordingTimeSettings = DEFAULT_RECORDING_TIME,
): Promise<{ time: number; source: StartTimeSource }> {
  if (settings.sidecar !== 'none') {
    const sidecar = await readSidecarTime(path);
    if (sidecar) return { time: sidecar.time, source: 'sidecar header' };
    if (settings.sidecar === 'hdr') throw new AppError('AUDIO_UNREADABLE', `${path}: no sidecar header (.hdr) beside the recording`);
  }
  const fromName = startFromName(path, settings);
  if (fromName !== undefined) return { time: fromName, source: 'file name' };
  const { mtimeMs } = await stat(path);
  return { time: Math.round(mtimeMs - durationS * 1000), source: 'modification time' };
}
