/** The `tiles` section of the config file: retention of display spectrogram tiles (see tile-retention.ts). */
import { z } from 'zod';

export const tilesConfigSchema = z.strictObject({
  /** Levels 0–2 (the finest) of audio older than this many days are deleted (0: kept by age). */
  fineMaxAgeDays: z.number().min(0).max(3650).default(2),
  /** All tiles together stay under this many bytes, oldest audio deleted first (0: no quota). */
  maxBytes: z.number().int().min(0).default(5 * 1024 ** 3),
  /** How often the retention runs. */
  pruneIntervalMinutes: z.number().min(1).max(1440).default(60),
});

export type TilesConfig = z.infer<typeof tilesConfigSchema>;

export const DEFAULT_TILES_CONFIG: TilesConfig = tilesConfigSchema.parse({});
