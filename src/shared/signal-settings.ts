/**
 * Signal-chain settings of a station (or of one `aiw` run): where recording start times come
 * from, how far apart consecutive files may be and still count as one continuous stream,
 * the channel layout, and station-wide conditioning. See docs/signal-chain.md.
 */
import { z } from 'zod';
import { conditioningSchema } from './feature-spec.ts';

/** File-name time patterns (src/main/audio/recording-time.ts); 'auto' tries each built-in one. */
export const fileTimePatternSchema = z.union([
  z.enum(['auto', 'iso-basic', 'ymd_hms', 'mars']),
  z.strictObject({ regex: z.string().min(1) }),
]);

export const recordingTimeSchema = z.strictObject({
  pattern: fileTimePatternSchema.default('auto'),
  /** Offset of the file-name clock from UTC in minutes (+120 for UTC+2); names ending in Z are UTC. */
  tzOffsetMinutes: z.number().int().min(-900).max(900).default(0),
  /**
   * Sidecar header beside each recording: 'hdr' = the MARS `<stem>.hdr` (day-of-year, time, year,
   * UTC); 'auto' uses it when present; 'none' ignores it. A sidecar wins over the file name.
   */
  sidecar: z.enum(['auto', 'hdr', 'none']).default('auto'),
});

export const stationSignalSchema = z.strictObject({
  recordingTime: recordingTimeSchema.default({ pattern: 'auto', tzOffsetMinutes: 0, sidecar: 'auto' }),
  /**
   * A file starting within this many ms of the previous file's end continues the stream (the seed
   * used 10 s); a larger distance is recorded as a gap (or, backwards, an overlap that is trimmed).
   */
  gapToleranceMs: z.number().min(0).max(60_000).default(50),
  /** Channel names in file order, e.g. ["pressure", "x", "y", "z"] for the seed's vector sensor. */
  channelLayout: z.array(z.string().min(1).max(32)).min(1).max(16).optional(),
  /** Applied to every channel of the stream before models and the display see it. */
  conditioning: conditioningSchema.optional(),
});

export type FileTimePattern = z.infer<typeof fileTimePatternSchema>;
export type RecordingTimeSettings = z.infer<typeof recordingTimeSchema>;
export type StationSignalSettings = z.infer<typeof stationSignalSchema>;
