/**
 * Pure helpers of the Metrics page: number formatting, the time window presets, and report series
 * as uPlot columns (x in seconds), so the page's content is unit-tested without a canvas.
 */
import type { ModelMetrics, SeriesPoint } from '../../../shared/metrics.ts';
import { alignSeries, modelKeyOf, type Column } from '../charts/chart-data.ts';

/** 0.8123 → "0.812"; null → "—". */
export function fmt(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** An hourly axis tick (x in seconds): the UTC date at midnight, else "HH:MM" (a week of hours ticks at midnights). */
export function hourTick(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : iso.slice(11, 16);
}

/** 0.8123 → "81.2 %". */
export function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`;
}

export const WINDOWS = [
  { id: '1d', label: 'last 24 h', ms: 86_400_000 },
  { id: '7d', label: 'last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'last 30 days', ms: 30 * 86_400_000 },
  { id: '90d', label: 'last 90 days', ms: 90 * 86_400_000 },
] as const;
export type WindowId = (typeof WINDOWS)[number]['id'];

/** [from, to) of a window ending at the end of the UTC day holding `now` (whole days: cached buckets). */
export function windowRange(id: WindowId, now: number): { from: number; to: number } {
  const day = 86_400_000;
  const to = Math.ceil((now + 1) / day) * day;
  const ms = WINDOWS.find((w) => w.id === id)!.ms;
  return { from: to - Math.max(day, Math.ceil(ms / day) * day), to };
}

/** "id@version", the same key the charts use for a model version. */
export { modelKeyOf };

type SeriesMetric = Exclude<keyof SeriesPoint, 't' | 'support'>;

/** One line per model of a series metric over time (x: bucket start in seconds). */
export function seriesColumns(models: readonly ModelMetrics[], pick: (m: ModelMetrics) => SeriesPoint[], metric: SeriesMetric): { labels: string[]; data: Column[] } {
  return alignSeries(models.map((m) => ({ label: modelKeyOf(m), points: pick(m).map((p): [number, number | null] => [p.t / 1000, p[metric]]) })));
}

/** Reliability diagram columns: bin centre, accuracy per bin, mean confidence per bin, the diagonal. */
export function reliabilityColumns(m: ModelMetrics): Column[] {
  const bins = m.calibration.bins.filter((b) => b.count > 0);
  return [bins.map((b) => (b.lo + b.hi) / 2), bins.map((b) => b.accuracy), bins.map((b) => b.meanConfidence), bins.map((b) => (b.lo + b.hi) / 2)];
}

/** Performance by range: range km, accuracy, macro F1, weighted F1. */
export function rangeColumns(m: ModelMetrics): Column[] {
  return [m.byRange.map((r) => r.rangeKm), m.byRange.map((r) => r.accuracy), m.byRange.map((r) => r.f1Macro), m.byRange.map((r) => r.f1Weighted)];
}

/** The largest count of a confusion matrix (for shading cells). */
export function confusionMax(matrix: readonly (readonly number[])[]): number {
  return matrix.reduce((m, row) => Math.max(m, ...row), 0);
}
