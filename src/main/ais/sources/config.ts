/**
 * The `ais` section of the `--config` file: any number of sources, the plausibility limits and
 * retention. Validated strictly (unknown keys are errors). Documented in docs/ais-sources.md.
 */
import { z } from 'zod';
import { aisSourceConfigSchema } from '../../../shared/ais-sources.ts';

export { aisSourceConfigSchema, type AisSourceConfig } from '../../../shared/ais-sources.ts';

export const aisConfigSchema = z.strictObject({
  sources: z.array(aisSourceConfigSchema).max(64).default([]),
  /** Positions older than this many days before the newest stored one are deleted (0 = keep everything). */
  retentionDays: z.number().min(0).default(90),
  maxShipSpeedKnots: z.number().positive().default(60),
  /** A fix implying more than this speed from the vessel's previous fix is rejected as a jump. */
  maxJumpKnots: z.number().positive().default(100),
});

export type AisConfig = z.infer<typeof aisConfigSchema>;

/** The default `ais` section (no extra sources; the demo station's AIS is always on with the demo). */
export const DEFAULT_AIS_CONFIG: AisConfig = aisConfigSchema.parse({});
