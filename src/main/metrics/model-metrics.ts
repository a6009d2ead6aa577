/**
 * The metrics of one model version over [from, to), assembled from its aggregates (aggregate.ts).
 * Scoring rules (docs/labels-and-metrics.md): multi-class models on segments whose truth is exactly one
 * class — `single`, or `background` (class E) — with the argmax as the prediction; multi-label models on
 * every non-ambiguous segment by class sets over the model's classes (p ≥ threshold, else the argmax);
 * unlabelled, ambiguous and (multi-class) multi-ship segments and truths outside the model's classes are
 * left out and counted. Buckets wholly inside the range are taken as they are; the edge buckets are
 * rebuilt from their whole hours and the rows of their edge hours.
 */
type ModelAggregate = ScoredModel;
import type { ModelMetrics, SeriesPoint } from '../../shared/metrics.ts';
import { addRowTo, BucketAgg, DAY, EXCLUSIONS, HOUR, UNSET, type ScoredModel } from './aggregate.ts';
import { driftOf } from './drift.ts';
import { splitAuroc, sweepAuroc } from './score-order.ts';

/** What one model's metrics are made of. */
export interface MetricsInput {
  /** The aggregate at the requested range. */
  main: ModelAggregate;
  /** Aggregates at every labelled range (detailed sections only). */
  ranges?: { rangeKm: number; agg: ModelAggregate }[];
  from: number;
  to: number;
}

/** First position in a time order whose row starts at or after t. */
function firstAtOrAfter(order: Int32Array, start: Float64Array, t: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (start[order[mid]] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Adds the aggregate's rows with start in [a, b) into `out`. */
function addRows(agg: ModelAggregate, out: BucketAgg, a: number, b: number): void {
  const m = agg.model;
  const order = m.timeOrder();
  for (let o = firstAtOrAfter(order, m.start.data, a); o < order.length && m.start.data[order[o]] < b; o++) {
    const e = agg.evals[order[o]];
    if (e !== UNSET) addRowTo(m, agg.multiLabel, out, order[o], e, 1);
  }
}

/** [a, b) summed into a new bucket: its whole hours from the hourly buckets, the rest from the rows. */
function partial(agg: ModelAggregate, a: number, b: number): BucketAgg {
  const out = new BucketAgg(agg.model.classes.length, agg.multiLabel);
  const firstWhole = Math.ceil(a / HOUR) * HOUR;
  const lastWhole = Math.floor(b / HOUR) * HOUR;
  if (firstWhole >= lastWhole) {
    addRows(agg, out, a, b);
    return out;
  }
  for (let h = firstWhole; h < lastWhole; h += HOUR) {
    const bucket = agg.hours.get(h);
    if (bucket) out.merge(bucket);
  }
  addRows(agg, out, a, firstWhole);
  addRows(agg, out, lastWhole, b);
  return out;
}

/** The buckets of `map` (of `width`) covering [from, to), edge buckets rebuilt from their rows; keyed by bucket start. */
function collect(agg: ModelAggregate, map: Map<number, BucketAgg>, width: number, from: number, to: number): [number, BucketAgg][] {
  const out: [number, BucketAgg][] = [];
  for (const [key, bucket] of map) {
    if (key + width <= from || key >= to) continue;
    const whole = key >= from && key + width <= to;
    out.push([key, whole ? bucket : partial(agg, Math.max(from, key), Math.min(to, key + width))]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

const total = (agg: ModelAggregate, buckets: [number, BucketAgg][]) =>
  buckets.reduce((sum, [, b]) => sum.merge(b), new BucketAgg(agg.model.classes.length, agg.multiLabel));

function series(agg: ModelAggregate, buckets: [number, BucketAgg][]): SeriesPoint[] {
  return buckets.map(([t, b]) => {
    const { overall: o } = b.scores(agg.model.classes);
    return { t, accuracy: o.accuracy, precisionWeighted: o.precisionWeighted, recallWeighted: o.recallWeighted, f1Weighted: o.f1Weighted, support: o.support };
  }).filter((p) => p.support > 0);
}

/** AUROC of each uncertainty measure for flagging errors over the scored rows of [from, to). */
function uncertainty(agg: ModelAggregate, from: number, to: number): ModelMetrics['uncertainty'] {
  const m = agg.model;
  const outcome = new Int8Array(m.length).fill(-1);
  let n = 0;
  let errors = 0;
  for (let i = 0; i < m.length; i++) {
    const e = agg.evals[i];
    const s = m.start.data[i];
    if (e < 0 || !(s >= from && s < to)) continue;
    outcome[i] = e >> 8 === (e & 255) ? 0 : 1;
    n++;
    errors += outcome[i];
  }
  return m.measures().flatMap(({ name, score }) => {
    const auc = m.transient ? splitAuroc(score, outcome) : sweepAuroc(m.orderBy(name, score), score, outcome);
    return Number.isNaN(auc) ? [] : [{ measure: name, auroc: auc, n, errors }];
  });
}

/** Every section of a model's metrics (the detailed ones when `ranges` is given). */
export function modelMetrics(inp: MetricsInput): Omit<ModelMetrics, 'name' | 'status' | 'channels' | 'task' | 'detailed'> {
  const { main: agg, from, to } = inp;
  const m = agg.model;
  const k = m.classes.length;
  const days = collect(agg, agg.days, DAY, from, to);
  const all = total(agg, days);
  const sc = all.scores(m.classes);
  const excluded = Object.fromEntries(EXCLUSIONS.map((name, i) => [name, all.excluded[i]])) as ModelMetrics['excluded'];
  const history = collect(agg, agg.days, DAY, -Infinity, to).map(([, b]) => {
    const { overall: o } = b.scores(m.classes);
    return { accuracy: o.accuracy, support: o.support };
  });
  const detail = inp.ranges !== undefined;
  return {
    modelId: m.modelId, modelVersion: m.modelVersion, classes: m.classes,
    predictions: sc.overall.support + EXCLUSIONS.reduce((s, _, i) => s + all.excluded[i], 0), excluded,
    overall: sc.overall, ...(agg.multiLabel ? { samplesF1: sc.samplesF1 } : {}), perClass: sc.perClass,
    confusion: agg.multiLabel ? [] : Array.from({ length: k }, (_, t) => Array.from(all.confusion.subarray(t * k, t * k + k))),
    ...(agg.multiLabel ? { confusionPerClass: all.tally.counts.map((c) => [[all.tally.rows - c.tp - c.fp - c.fn, c.fp], [c.fn, c.tp]]) } : {}),
    daily: series(agg, days),
    hourly: detail ? series(agg, collect(agg, agg.hours, HOUR, from, to)) : [],
    byRange: (inp.ranges ?? []).map(({ rangeKm, agg: r }) => {
      const { overall: o } = total(r, collect(r, r.days, DAY, from, to)).scores(m.classes);
      return { rangeKm, accuracy: o.accuracy, f1Macro: o.f1Macro, f1Weighted: o.f1Weighted, support: o.support };
    }),
    calibration: detail ? all.calibration.result() : { bins: [], ece: null, n: 0 },
    uncertainty: detail ? (agg.remembered?.('uncertainty', from, to, () => uncertainty(agg, from, to)) ?? uncertainty(agg, from, to)) : [],
    drift: driftOf(history),
  };
}
