/** Command-line options shared by `aiw info` and `aiw features`: recording-time rules and channel layout. */
import { recordingTimeSchema, type RecordingTimeSettings } from '../../../shared/signal-settings.ts';
import { UsageError } from '../args.ts';

export const SIGNAL_OPTIONS = {
  'time-pattern': { type: 'string' },
  'tz-offset': { type: 'string' },
  sidecar: { type: 'string' },
} as const;

export const SIGNAL_USAGE = `  --time-pattern P  start times from file names: auto (default), iso-basic, ymd_hms, mars, or a regex
                    with named groups year|yy, month, day, hour, minute[, second, frac]
  --tz-offset MIN   offset of the file-name clock from UTC in minutes (default 0; names ending in Z are UTC)
  --sidecar S       auto (default: use <stem>.hdr when present), hdr (require it) or none`;

const BUILT_IN = ['auto', 'iso-basic', 'ymd_hms', 'mars'];

/** The recording-time settings from the parsed option values (UsageError when invalid). */
export function recordingTimeFromOptions(values: Record<string, unknown>): RecordingTimeSettings {
  const pattern = values['time-pattern'] as string | undefined;
  const tz = values['tz-offset'] as string | undefined;
  const parsed = recordingTimeSchema.safeParse({
    pattern: pattern === undefined ? undefined : BUILT_IN.includes(pattern) ? pattern : { regex: pattern },
    tzOffsetMinutes: tz === undefined ? undefined : Number(tz),
    sidecar: values.sidecar,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${issue.path[0] === 'tzOffsetMinutes' ? 'tz-offset' : issue.path[0] === 'sidecar' ? 'sidecar' : 'time-pattern'}: ${issue.message}`);
  }
  return parsed.data;
}
