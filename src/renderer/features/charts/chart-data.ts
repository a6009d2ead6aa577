/**
 * Turns predictions into uPlot's aligned columns: the x column is the segment midpoint in
 * seconds (uPlot's time scale), every other column one series, null where a series has no value.
 * Pure, so the charts' content is unit-tested without a canvas.
 */
import type { Prediction } from '../../../shared/domain.ts';
import { callsDisagreement } from '../../../shared/disagreement.ts';

export type Column = (number | null)[];

export interface ProbabilitySeries {
  /** Class ids, one probability line each. */
  classes: string[];
  /** Whether each class has an uncertainty band (±1 standard deviation over the MC passes). */
  banded: boolean;
  /** x, then per class: p, and when banded also p + sd and p − sd (clamped to [0, 1]). */
  data: Column[];
}

export const UNCERTAINTY_METRICS = ['epistemic', 'aleatoric', 'entropy', 'disagreement'] as const;
export type UncertaintyMetric = (typeof UNCERTAINTY_METRICS)[number];

export interface UncertaintySeries {
  labels: string[];
  data: Column[];
  /** y axis label. */
  unit: string;
}

export const modelKeyOf = (p: Pick<Prediction, 'modelId' | 'modelVersion'>): string => `${p.modelId}@${p.modelVersion}`;
const midpoint = (p: Pick<Prediction, 'segmentStart' | 'segmentEnd'>): number => (p.segmentStart + p.segmentEnd) / 2000;

/** The models present in the predictions, in order of first appearance. */
export function modelKeys(predictions: readonly Prediction[]): string[] {
  return [...new Set(predictions.map(modelKeyOf))];
}

/**
 * Rows in time order as chart points, with a point of no row between two rows that leave time
 * uncovered (no audio, the app not running, a failed prediction): the lines break there instead
 * of joining across the gap.
 */
function withGapBreaks(rows: readonly Prediction[]): { x: number; row: Prediction | null }[] {
  const points: { x: number; row: Prediction | null }[] = [];
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    if (prev && row.segmentStart > prev.segmentEnd) points.push({ x: (prev.segmentEnd + row.segmentStart) / 2000, row: null });
    points.push({ x: midpoint(row), row });
  });
  return points;
}

/** One model's class probabilities over time, with ±1 sd bands when it is an MC model. */
export function probabilityTimeline(predictions: readonly Prediction[], modelKey: string): ProbabilitySeries {
  const rows = predictions.filter((p) => modelKeyOf(p) === modelKey).sort((a, b) => a.segmentStart - b.segmentStart);
  const classes = rows[0]?.classes ?? [];
  const banded = rows.some((p) => p.uncertainty.variance !== undefined);
  const points = withGapBreaks(rows);
  const data: Column[] = [points.map((pt) => pt.x)];
  classes.forEach((_, k) => {
    const p = points.map(({ row }) => row?.probs[k] ?? null);
    data.push(p);
    if (!banded) return;
    const sd = points.map(({ row }) => (row?.uncertainty.variance?.[k] === undefined ? null : Math.sqrt(row.uncertainty.variance[k]!)));
    data.push(p.map((v, i) => (v === null || sd[i] === null ? null : Math.min(1, v + sd[i]!))));
    data.push(p.map((v, i) => (v === null || sd[i] === null ? null : Math.max(0, v - sd[i]!))));
  });
  return { classes, banded, data };
}

/** Merges (x, y) points of several series into aligned columns on the union of their x values. */
export function alignSeries(series: readonly { label: string; points: readonly [number, number | null][] }[]): { labels: string[]; data: Column[] } {
  const xs = [...new Set(series.flatMap((s) => s.points.map(([x]) => x)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const data: Column[] = [xs];
  for (const s of series) {
    const column: Column = new Array<number | null>(xs.length).fill(null);
    for (const [x, y] of s.points) column[index.get(x)!] = y;
    data.push(column);
  }
  return { labels: series.map((s) => s.label), data };
}

const METRIC: Record<Exclude<UncertaintyMetric, 'disagreement'>, (p: Prediction) => number | undefined> = {
  epistemic: (p) => p.uncertainty.epistemic,
  aleatoric: (p) => p.uncertainty.aleatoric,
  entropy: (p) => p.uncertainty.entropy,
};

/**
 * The chosen metric over time: one series per model (epistemic and aleatoric exist for MC models
 * only), or for disagreement two series across models (share of models off the majority vote, and
 * the normalised Jensen–Shannon divergence), per segment predicted by at least two multi-class models.
 */
export function uncertaintySeries(predictions: readonly Prediction[], metric: UncertaintyMetric): UncertaintySeries {
  if (metric === 'disagreement') return disagreementSeries(predictions);
  const pick = METRIC[metric];
  const series = modelKeys(predictions)
    .map((key) => ({
      label: key,
      points: predictions.filter((p) => modelKeyOf(p) === key).map((p): [number, number | null] => [midpoint(p), pick(p) ?? null]),
    }))
    .filter((s) => s.points.some(([, y]) => y !== null));
  return { ...alignSeries(series), unit: 'bits' };
}

function disagreementSeries(predictions: readonly Prediction[]): UncertaintySeries {
  const bySegment = new Map<number, Prediction[]>();
  for (const p of predictions) {
    if (p.uncertainty.labelEntropy !== undefined) continue; // multi-label: no single vote
    bySegment.set(p.segmentId, [...(bySegment.get(p.segmentId) ?? []), p]);
  }
  const votes: [number, number | null][] = [];
  const jsd: [number, number | null][] = [];
  for (const calls of bySegment.values()) {
    const d = callsDisagreement(calls);
    if (!d) continue;
    votes.push([midpoint(calls[0]!), d.disagreement]);
    jsd.push([midpoint(calls[0]!), d.jsdNorm]);
  }
  return { ...alignSeries([{ label: 'off-majority share', points: votes }, { label: 'JSD (normalised)', points: jsd }]), unit: '0 … 1' };
}
