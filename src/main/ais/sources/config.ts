/**
 * The `ais` section of the `--config` file: any number of sources, the plausibility limits and
 * retention. Validated strictly (unknown keys are errors). Documented in docs/ais-sources.md.
 */
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (1–64)');
const port = z.number().int().min(0).max(65535);

const common = {
  id,
  enabled: z.boolean().default(true),
  /** A source silent for longer than this while connected is reported as stalled. */
  stallAfterS: z.number().positive().max(86_400).default(120),
  /** Flood guard: messages beyond this rate are dropped and counted (0 = no limit). */
  maxMessagesPerSecond: z.number().min(0).default(0),
};

const tcpClient = z.strictObject({ ...common, kind: z.literal('tcp-client'), host: z.string().min(1).default('127.0.0.1'), port });
const tcpServer = z.strictObject({ ...common, kind: z.literal('tcp-server'), host: z.string().min(1).default('127.0.0.1'), port, maxClients: z.number().int().positive().default(16) });
const udp = z.strictObject({ ...common, kind: z.literal('udp'), host: z.string().min(1).default('127.0.0.1'), port: port.default(10110) });
const replay = z.strictObject({
  ...common,
  kind: z.literal('replay'),
  path: z.string().min(1),
  format: z.enum(['auto', 'nmea', 'csv', 'aisstream-jsonl']).default('auto'),
  /** Multiple of real time by the data's own times; 0 = as fast as storage allows. */
  speed: z.number().min(0).max(100_000).default(1),
  /** Move the file's times so that its first record is "now" (makes an old log look live). */
  shiftToNow: z.boolean().default(false),
  loop: z.boolean().default(false),
});
const boundingBox = z.tuple([z.tuple([z.number(), z.number()]), z.tuple([z.number(), z.number()])]);
const aisstream = z.strictObject({
  ...common,
  kind: z.literal('aisstream'),
  url: z.string().url().default('wss://stream.aisstream.io/v0/stream'),
  /** Name of the API key in the secret store; the env variable AIW_AISSTREAM_API_KEY also works. */
  apiKeySecret: z.string().default('aisstream-api-key'),
  /** [[lat, lon], [lat, lon]] corners; default: a square of `radiusKm` around the sensor. */
  boundingBoxes: z.array(boundingBox).max(50).optional(),
  radiusKm: z.number().positive().max(2000).default(100),
});
const seavision = z.strictObject({
  ...common,
  kind: z.literal('seavision'),
  baseUrl: z.string().url().default('https://api.seavision.volpe.dot.gov'),
  apiKeySecret: z.string().default('seavision-api-key'),
  radiusMiles: z.number().positive().max(500).default(100),
  intervalS: z.number().min(1).max(3600).default(45),
  /** Age of the fixes asked for, hours (the API returns the latest fix of each vessel seen within it). */
  ageHours: z.number().positive().max(2160).default(1),
  stallAfterS: z.number().positive().max(86_400).default(300),
});

export const aisSourceConfigSchema = z.discriminatedUnion('kind', [tcpClient, tcpServer, udp, replay, aisstream, seavision]);

export const aisConfigSchema = z.strictObject({
  sources: z.array(aisSourceConfigSchema).max(64).default([]),
  /** Positions older than this many days before the newest stored one are deleted (0 = keep everything). */
  retentionDays: z.number().min(0).default(90),
  maxShipSpeedKnots: z.number().positive().default(60),
  /** A fix implying more than this speed from the vessel's previous fix is rejected as a jump. */
  maxJumpKnots: z.number().positive().default(100),
});

export type AisSourceConfig = z.infer<typeof aisSourceConfigSchema>;
export type AisConfig = z.infer<typeof aisConfigSchema>;

/** The default `ais` section (no extra sources; the demo station's AIS is always on with the demo). */
export const DEFAULT_AIS_CONFIG: AisConfig = aisConfigSchema.parse({});
