/** Where a recording's absolute start time comes from when analysing loose files. */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseRecordingTime, type TimePattern } from '../audio/recording-time.ts';

export type StartTimeSource = 'file name' | 'modification time';

const TIME_PATTERNS: readonly TimePattern[] = ['iso-basic', 'ymd_hms', 'mars'];

/** The recording's start: from its name when a known pattern matches, else its mtime minus its duration. */
export async function recordingStart(path: string, durationS: number): Promise<{ time: number; source: StartTimeSource }> {
  for (const pattern of TIME_PATTERNS) {
    const t = parseRecordingTime(basename(path), pattern);
    if (t !== undefined) return { time: t, source: 'file name' };
  }
  const { mtimeMs } = await stat(path);
  return { time: Math.round(mtimeMs - durationS * 1000), source: 'modification time' };
}

