/**
 * The `--config FILE` of headless mode (JSON), validated strictly: an unknown or
 * misspelt key is an error, not a silently ignored setting. Documented in docs/config.md.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { formatZodError } from '../api/router.ts';
import { ingestSettingsSchema, remoteStationConfigSchema } from '../../shared/station-config.ts';
import { aisConfigSchema, DEFAULT_AIS_CONFIG } from '../ais/sources/config.ts';
import { DEFAULT_TILES_CONFIG, tilesConfigSchema } from '../tiles/tiles-config.ts';
import { DEFAULT_LABELS_CONFIG, labelsConfigSchema } from '../labels/options.ts';

export const configSchema = z.strictObject({
  /** Name recorded on every analyst action (deploys, activations, label edits). */
  analyst: z.string().min(1).default('analyst'),
  /** Model runtime (docs/config.md). */
  models: z
    .strictObject({
      /** Watchdog per inference run, ms: a model that takes longer is killed, marked failed and restarted with backoff. */
      runTimeoutMs: z.number().int().min(500).max(600_000).default(15_000),
    })
    .default({ runTimeoutMs: 15_000 }),
  demo: z
    .strictObject({
      enabled: z.boolean().default(true),
      seed: z.number().int().default(1),
      speed: z.number().positive().max(1000).default(1),
      /** Hours of demo audio kept in cache/audio/demo for backfill and review (0: none). */
      cacheHours: z.number().min(0).max(168).default(2),
      /** Length of one demo cache file, seconds. */
      cacheFileSeconds: z.number().int().min(10).max(3600).default(600),
    })
    .default({ enabled: true, seed: 1, speed: 1, cacheHours: 2, cacheFileSeconds: 600 }),
  /** Remote SFTP stations (docs/stations.md). */
  stations: z
    .array(remoteStationConfigSchema)
    .default([])
    .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'station ids must be unique'),
  /** Cache guard and retention of downloaded recordings (docs/stations.md). */
  ingest: ingestSettingsSchema.default({ minFreeBytes: 1024 ** 3, maxAgeDays: 0, maxCacheBytes: 0 }),
  /** Retention of display spectrogram tiles: fine levels by age, a size quota (docs/signal-chain.md). */
  tiles: tilesConfigSchema.default(DEFAULT_TILES_CONFIG),
  /** AIS sources, plausibility limits and retention (docs/ais-sources.md). */
  ais: aisConfigSchema
    .default(DEFAULT_AIS_CONFIG)
    .refine((a) => new Set(a.sources.map((s) => s.id)).size === a.sources.length, 'AIS source ids must be unique'),
  /** Truth labels: ranges, buffer ring, AIS timing limits (docs/labels-and-metrics.md). */
  labels: labelsConfigSchema.default(DEFAULT_LABELS_CONFIG),
});

export type AppConfig = z.infer<typeof configSchema>;

export async function loadConfig(file: string | undefined): Promise<AppConfig> {
  if (!file) return configSchema.parse({});
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `cannot read config ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `config ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('CONFIG_INVALID', `config ${file}: ${formatZodError(parsed.error)}`);
  return parsed.data;
}
