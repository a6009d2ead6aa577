/** Where a recording's absolute start time comes from when analysing loose files (see audio/start-time.ts). */
import type { RecordingTimeSettings } from '../../shared/signal-settings.ts';
import { DEFAULT_RECORDING_TIME, resolveStartTime, type StartTimeSource } from '../audio/start-time.ts';

export type { StartTimeSource };

/** The recording's start: sidecar header, else a built-in file-name pattern, else its mtime minus its duration. */
export function recordingStart(
  path: string,
  durationS: number,
  settings: RecordingTimeSettings = DEFAULT_RECORDING_TIME,
): Promise<{ time: number; source: StartTimeSource }> {
  return resolveStartTime(path, durationS, settings);
}
