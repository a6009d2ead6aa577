/**
 * Remote (SFTP) station configuration: where recordings are pulled from and how.
 *
 * Used by the `--config` file of headless mode (`stations: [...]`, docs/stations.md) and by
 * the Stations page. Secrets never appear here in clear: a config only names where a
 * secret comes from (an environment variable, a 0600 file, or the desktop's secret store).
 */
import { z } from 'zod';
import { recordingTimeSchema, stationSignalSchema } from './signal-settings.ts';

/** Where a secret (password, key passphrase) is read from. Never the secret itself. */
export const secretRefSchema = z.union([
  z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') }),
  z.strictObject({ file: z.string().min(1) }),
  z.strictObject({ store: z.string().min(1).max(200) }),
]);

export const stationAuthSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('key'),
    /** OpenSSH or PEM private key file on this machine. */
    privateKeyPath: z.string().min(1),
    passphrase: secretRefSchema.optional(),
  }),
  z.strictObject({
    method: z.literal('agent'),
    /** ssh-agent socket; default $SSH_AUTH_SOCK. */
    socket: z.string().min(1).optional(),
  }),
  z.strictObject({ method: z.literal('password'), password: secretRefSchema }),
]);

/** How file names encode the recording start time (see src/main/audio/recording-time.ts). */
export const timePatternSchema = z.union([
  z.enum(['iso-basic', 'ymd_hms', 'mars']),
  z.strictObject({ regex: z.string().min(1) }),
]);

/** SHA256 host key fingerprint as OpenSSH prints it: base64 without padding, "SHA256:" prefix optional. */
export const fingerprintSchema = z
  .string()
  .regex(/^(SHA256:)?[A-Za-z0-9+/]{43}=?$/, 'a SHA256 fingerprint such as SHA256:pUah…iw (ssh-keygen -l -E sha256)')
  .transform((s) => s.replace(/^SHA256:/, '').replace(/=$/, ''));

export const transferOptionsSchema = z.strictObject({
  /** Files downloaded at the same time. */
  parallel: z.number().int().min(1).max(16).default(2),
  /** Bytes per second for this station, all transfers together; 0 = unlimited. */
  bandwidthLimitBps: z.number().int().min(0).default(0),
  /** oldest-first keeps the stream in time order; newest-first catches up after a long outage. */
  order: z.enum(['oldest-first', 'newest-first']).default('oldest-first'),
});

export const stationIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, "_" or "-"')
  .refine((id) => id !== 'demo', '"demo" is the built-in demo station');

export const remoteStationConfigSchema = z.strictObject({
  id: stationIdSchema,
  name: z.string().min(1).max(200),
  enabled: z.boolean().default(true),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(22),
  user: z.string().min(1),
  auth: stationAuthSchema,
  /** Pinned host key; without it the first connection asks (desktop) or is refused (headless). */
  hostKeyFingerprint: fingerprintSchema.optional(),
  /** Headless only: accept and pin the key seen on the first connection. */
  trustOnFirstUse: z.boolean().default(false),
  /** Absolute folder on the station, listed recursively. */
  remoteRoot: z.string().min(1).regex(/^\//, 'an absolute path'),
  /** Glob on the file name (not the folder): `*`, `?`, `[abc]`, `{wav,flac}`. */
  include: z.string().min(1).default('*.{wav,flac,WAV,FLAC}'),
  timePattern: timePatternSchema.default('iso-basic'),
  /** Offset of the file-name clock from UTC in minutes (names ending in Z are UTC anyway). */
  tzOffsetMinutes: z.number().int().min(-900).max(900).default(0),
  /**
   * `<stem>.hdr` sidecar headers (MARS): 'auto' downloads one beside its recording when the station
   * has it and takes its start time over the name's; 'hdr' requires it; 'none' never looks.
   * The other signal settings below come from the same schema (src/shared/signal-settings.ts).
   */
  sidecar: recordingTimeSchema.shape.sidecar,
  /** A recording starting within this many ms of the previous one's end continues the stream. */
  gapToleranceMs: stationSignalSchema.shape.gapToleranceMs,
  /** Station-wide conditioning (DC-blocking high-pass, gain) before the display and every model. */
  conditioning: stationSignalSchema.shape.conditioning,
  pollIntervalS: z.number().min(1).max(86_400).default(60),
  /** A file whose mtime is older than this is taken on first sight (no second poll needed). */
  stableAfterS: z.number().min(0).max(86_400).default(600),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  depthM: z.number().min(0).optional(),
  /** Channel names in file order; the first is the pressure channel models read by default. */
  channelLayout: z.array(z.string().min(1)).min(1).max(16).default(['pressure']),
  /** Expected sample rate (Hz); learned from the first recording when absent. */
  sampleRate: z.number().int().positive().optional(),
  transfer: transferOptionsSchema.default({ parallel: 2, bandwidthLimitBps: 0, order: 'oldest-first' }),
  /** Seconds of lag (newest remote recording − newest analysed audio) before the station is "behind". */
  behindWarningS: z.number().positive().default(900),
});

/** Cache limits shared by all remote stations. */
export const ingestSettingsSchema = z.strictObject({
  /** Stop downloading while the cache volume has less free space than this. */
  minFreeBytes: z.number().int().min(0).default(1024 ** 3),
  /** Delete analysed recordings older than this many days (0 = keep forever). */
  maxAgeDays: z.number().min(0).default(0),
  /** Keep the audio cache of remote stations under this many bytes (0 = no limit). */
  maxCacheBytes: z.number().int().min(0).default(0),
});

export type SecretRef = z.infer<typeof secretRefSchema>;
export type StationAuth = z.infer<typeof stationAuthSchema>;
export type TimePatternConfig = z.infer<typeof timePatternSchema>;
export type RemoteStationConfig = z.infer<typeof remoteStationConfigSchema>;
export type RemoteStationConfigInput = z.input<typeof remoteStationConfigSchema>;
export type IngestSettings = z.infer<typeof ingestSettingsSchema>;

/** Health of a remote station's ingest, part of its `stations:status` entry. */
export const stationIngestHealthSchema = z.object({
  connection: z.enum(['connecting', 'connected', 'retrying', 'refused', 'stopped']),
  /** user@host:port, for display. */
  endpoint: z.string(),
  lastContactAt: z.number().optional(),
  nextAttemptAt: z.number().optional(),
  /** Files seen but not yet stable. */
  settling: z.number().int(),
  /** Files stable and waiting for (or in) download. */
  backlog: z.number().int(),
  downloading: z.number().int(),
  /** Downloaded recordings not analysed yet. */
  awaitingAnalysis: z.number().int(),
  downloaded: z.number().int(),
  bytesPerSecond: z.number(),
  /** Newest remote recording start − end of the newest analysed audio. */
  lagMs: z.number().optional(),
  /** Files given up on (permission denied, checksum mismatch, …) plus connection failures since start. */
  failures: z.number().int(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.number() }).optional(),
  recentFailures: z.array(z.object({ path: z.string(), reason: z.string() })),
  diskLow: z.boolean(),
  /** Restarts of the station's crashed or hung worker threads (SFTP transfers, analysis) since start. */
  workerCrashes: z.number().int().optional(),
  lastCrash: z.object({ worker: z.enum(['sftp', 'analysis']), reason: z.string(), at: z.number() }).optional(),
  hostKey: z
    .object({
      state: z.enum(['trusted', 'unknown', 'changed']),
      trusted: z.string().optional(),
      /** The key the server presents that nobody trusted yet (shown for the analyst to verify). */
      offered: z.string().optional(),
      keyType: z.string().optional(),
    })
    .optional(),
});

export type StationIngestHealth = z.infer<typeof stationIngestHealthSchema>;

/** A remote station's settings and where they come from: the --config file (read-only in the UI) or the app. */
export const remoteStationEntrySchema = z.object({
  source: z.enum(['file', 'app']),
  config: remoteStationConfigSchema,
  /** Whether a secret the station needs from the secret store is there (never the secret itself). */
  secretsPresent: z.boolean(),
});

export type RemoteStationEntry = z.infer<typeof remoteStationEntrySchema>;
