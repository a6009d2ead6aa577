/**
 * The physical check behind the labels: for each class, at what ranges ships were audible (SNR ≥ 6 dB)
 * or inaudible (SNR < −3 dB) in the simulated scenes, to compare with ship-noise.md §6.
 */
import { DEFAULT_POLICY } from './labels.ts';
import type { TruthLog } from './sim-dataset.ts';

export interface ClassRangeSummary {
  classId: string;
  observations: number;
  /** Median and 90th percentile range (km) of audible observations. */
  audibleMedianKm: number;
  audibleP90Km: number;
  /** Fraction of observations within 5 km that were audible. */
  audibleWithin5Km: number;
  /** 10th percentile range (km) of inaudible observations. */
  inaudibleP10Km: number;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
}

/** One row per ship class seen in `log`, in class order. */
export function summarizeTruth(log: TruthLog): ClassRangeSummary[] {
  const classes = [...new Set(log.map((o) => o.classId))].sort();
  return classes.map((classId) => {
    const rows = log.filter((o) => o.classId === classId);
    const audible = rows.filter((o) => o.snrDb >= DEFAULT_POLICY.audibleDb).map((o) => o.rangeM / 1000);
    const inaudible = rows.filter((o) => o.snrDb < DEFAULT_POLICY.clearDb).map((o) => o.rangeM / 1000);
    const near = rows.filter((o) => o.rangeM <= 5000);
    return {
      classId,
      observations: rows.length,
      audibleMedianKm: quantile(audible, 0.5),
      audibleP90Km: quantile(audible, 0.9),
      audibleWithin5Km: near.length ? near.filter((o) => o.snrDb >= DEFAULT_POLICY.audibleDb).length / near.length : Number.NaN,
      inaudibleP10Km: quantile(inaudible, 0.1),
    };
  });
}
