/**
 * Settings of the truth-label engine (config key `labels`, docs/labels-and-metrics.md): the ranges
 * labelled, the range the live view uses, the buffer ring, and the AIS timing limits that decide
 * coverage and when a label is final.
 */
import { z } from 'zod';

export const labelsConfigSchema = z.strictObject({
  /** Ranges every segment is labelled at, km (the seed's radii). */
  rangesKm: z.array(z.number().positive().max(500)).min(1).max(24).default([20, 40, 60, 80, 100, 120]),
  /** The one range the live view and the Metrics page start with, km (added to `rangesKm` when missing). */
  liveRangeKm: z.number().positive().max(500).default(20),
  /** Width of the ring beyond a range in which a vessel makes the label ambiguous, km. */
  bufferKm: z.number().min(0).max(100).default(10),
  /** Reports further apart are not joined (the vessel's position between them is unknown), ms. */
  maxGapMs: z.number().int().min(10_000).max(3_600_000).default(600_000),
  /** A report within this time of an unknown stretch bounds where the vessel can have been, ms. */
  staleMs: z.number().int().min(0).max(3_600_000).default(600_000),
  /** Coverage is fresh when no AIS silence longer than this touches the segment, ms. */
  coverageGapMs: z.number().int().min(10_000).max(3_600_000).default(600_000),
  /** Extra wait after AIS data time passes a segment's end + the longest of the three limits above, ms. */
  settleMs: z.number().int().min(0).max(3_600_000).default(60_000),
});

export type LabelsConfig = z.infer<typeof labelsConfigSchema>;

export const DEFAULT_LABELS_CONFIG: LabelsConfig = labelsConfigSchema.parse({});

/** The engine's view of the config: sorted unique ranges including the live one, and derived delays. */
export interface LabelOptions extends LabelsConfig {
  /** How far beyond a window AIS is read: max(maxGapMs, staleMs, coverageGapMs). */
  lookMs: number;
  /** A label is final once AIS data time ≥ its end + finalDelayMs (= lookMs + settleMs). */
  finalDelayMs: number;
  /** Speed assumed for reports without speed over ground, m/s (30 kn). */
  assumedSpeedMps: number;
}

/** Resolves the config into engine options. */
export function labelOptions(config: LabelsConfig = DEFAULT_LABELS_CONFIG): LabelOptions {
  const rangesKm = [...new Set([...config.rangesKm, config.liveRangeKm])].sort((a, b) => a - b);
  const lookMs = Math.max(config.maxGapMs, config.staleMs, config.coverageGapMs);
  return { ...config, rangesKm, lookMs, finalDelayMs: lookMs + config.settleMs, assumedSpeedMps: 30 * (1852 / 3600) };
}
