/**
 * AIS source settings that cross the API boundary: one source's configuration (the same schema as the
 * `ais.sources` entries of the `--config` file, validated strictly) and a source as the Settings UI
 * sees it: where it is defined and whether its API key is set (never the key itself).
 * Documented in docs/ais-sources.md.
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

/** One AIS source (discriminated by `kind`). */
export const aisSourceConfigSchema = z.discriminatedUnion('kind', [tcpClient, tcpServer, udp, replay, aisstream, seavision]);

/** The kinds that need an API key, and the environment variable that may hold it (the secret store wins). */
export const API_KEY_ENV = { aisstream: 'AIW_AISSTREAM_API_KEY', seavision: 'AIW_SEAVISION_API_KEY' } as const;

/** True for a source that needs an API key. */
export function needsApiKey(config: AisSourceConfig): config is Extract<AisSourceConfig, { kind: keyof typeof API_KEY_ENV }> {
  return Object.hasOwn(API_KEY_ENV, config.kind);
}

/** A source as the settings UI lists it. */
export const aisSourceEntrySchema = z.object({
  config: aisSourceConfigSchema,
  /** `config`: from the --config file (read-only in the app); `app`: added in the app (kept in the settings). */
  origin: z.enum(['config', 'app']),
  /** For aisstream/SeaVision: where the key would come from (`store` wins over `env`), and the variable name. */
  apiKey: z.object({ state: z.enum(['store', 'env', 'missing']), env: z.string() }).optional(),
});

export type AisSourceConfig = z.infer<typeof aisSourceConfigSchema>;
export type AisSourceConfigInput = z.input<typeof aisSourceConfigSchema>;
export type AisSourceEntry = z.infer<typeof aisSourceEntrySchema>;
