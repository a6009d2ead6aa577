/**
 * The metrics of one model version over a time range (docs/labels-and-metrics.md, "Scoring rules"):
 *  - multi-class models are scored on segments whose truth is exactly one class: `single`, or
 *    `background` (class E); the prediction is the argmax;
 *  - multi-label models are scored on every non-ambiguous segment (single, multi, background) by class
 *    sets over the model's classes; a class is predicted when p ≥ its threshold (manifest, default
 *    0.5), and the argmax when none is (the seed's rule);
 *  - segments without a label, ambiguous ones, and (multi-class) truths outside the model's classes
 *    are left out and counted.
 */
import type { ModelMetrics, SeriesPoint } from '../../shared/metrics.ts';
import { auroc } from './auroc.ts';
import { CalibrationTally } from './calibration.ts';
import { addMultiLabelRow, emptyTally, multiClassScores, multiLabelScores, type MultiLabelTally } from './classification.ts';
import type { ModelColumns, SegmentsCache } from './dataset.ts';
import { driftOf } from './drift.ts';
import { STATUS } from './truth.ts';

export type TruthFn = (segmentId: number) => { status: number; mask: number };

/** What scoring one model needs. */
export interface ScoringInput {
  model: ModelColumns;
  task: 'multi-class' | 'multi-label';
  /** Per model class (multi-label). */
  thresholds: number[];
  segments: SegmentsCache;
  from: number;
  to: number;
  station: number | undefined;
  truth: TruthFn;
  /** Truth at every labelled range, for performance by range. */
  ranges: { rangeKm: number; truth: TruthFn }[];
}

type Exclusion = keyof ModelMetrics['excluded'];

/** Confusion matrix (multi-class) or tally (multi-label) that scores are computed from. */
class Accumulator {
  readonly k: number;
  readonly multiLabel: boolean;
  readonly confusion: Int32Array;
  readonly tally: MultiLabelTally;

  constructor(k: number, multiLabel: boolean) {
    this.k = k;
    this.multiLabel = multiLabel;
    this.confusion = new Int32Array(multiLabel ? 0 : k * k);
    this.tally = emptyTally(multiLabel ? k : 0);
  }

  add(t: number, p: number): void {
    if (this.multiLabel) addMultiLabelRow(this.tally, t, p);
    else this.confusion[t * this.k + p]++;
  }

  scores(classes: readonly string[]) {
    return this.multiLabel ? multiLabelScores(this.tally, classes) : { ...multiClassScores(this.confusion, classes), samplesF1: null };
  }
}

/** The truth and prediction of row i in model-local form (class index, or class-index bit mask), or why it is left out. */
function evaluate(inp: ScoringInput, i: number, truth: TruthFn): { t: number; p: number } | Exclusion {
  const { model: m } = inp;
  const { status, mask } = truth(m.segmentId.data[i]);
  if (status === STATUS.none) return 'unlabelled';
  if (status === STATUS.ambiguous) return 'ambiguous';
  const k = m.classes.length;
  if (inp.task === 'multi-class') {
    if (status === STATUS.multi) return 'notSingle';
    const t = m.bits.indexOf(mask);
    return t < 0 ? 'outsideClasses' : { t, p: m.argmax.data[i] };
  }
  let t = 0;
  let p = 0;
  for (let c = 0; c < k; c++) {
    if (mask & m.bits[c]) t |= 1 << c;
    if (m.probs.data[i * k + c] >= inp.thresholds[c]) p |= 1 << c;
  }
  return { t, p: p === 0 ? 1 << m.argmax.data[i] : p };
}

/** Row indices of the model inside [from, to) (segment start) at the requested station. */
function rowsInRange(inp: ScoringInput, from: number, to: number): number[] {
  const out: number[] = [];
  const { segmentId } = inp.model;
  for (let i = 0; i < segmentId.length; i++) {
    const id = segmentId.data[i];
    const start = inp.segments.start.get(id);
    if (!(start >= from && start < to)) continue;
    if (inp.station !== undefined && inp.segments.station.get(id) !== inp.station) continue;
    out.push(i);
  }
  return out;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

function seriesOf(buckets: Map<number, Accumulator>, classes: readonly string[]): SeriesPoint[] {
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([t, acc]) => {
    const { overall } = acc.scores(classes);
    return { t, accuracy: overall.accuracy, precisionWeighted: overall.precisionWeighted, recallWeighted: overall.recallWeighted, f1Weighted: overall.f1Weighted, support: overall.support };
  });
}

const bucketAcc = (map: Map<number, Accumulator>, key: number, k: number, ml: boolean) => {
  let acc = map.get(key);
  if (!acc) map.set(key, (acc = new Accumulator(k, ml)));
  return acc;
};

/** Scores of one model: overall, per class, confusion, series, by range, calibration, uncertainty AUROC, drift. */
export function scoreModel(inp: ScoringInput): Omit<ModelMetrics, 'name' | 'status' | 'channels' | 'task'> {
  const { model: m } = inp;
  const k = m.classes.length;
  const ml = inp.task === 'multi-label';
  const overall = new Accumulator(k, ml);
  const daily = new Map<number, Accumulator>();
  const hourly = new Map<number, Accumulator>();
  const calibration = new CalibrationTally();
  const excluded = { unlabelled: 0, ambiguous: 0, notSingle: 0, outsideClasses: 0 };
  const scored: number[] = [];
  const errors: number[] = [];
  const rows = rowsInRange(inp, inp.from, inp.to);
  for (const i of rows) {
    const r = evaluate(inp, i, inp.truth);
    if (typeof r === 'string') {
      excluded[r]++;
      continue;
    }
    const start = inp.segments.start.get(m.segmentId.data[i]);
    overall.add(r.t, r.p);
    bucketAcc(daily, Math.floor(start / DAY) * DAY, k, ml).add(r.t, r.p);
    bucketAcc(hourly, Math.floor(start / HOUR) * HOUR, k, ml).add(r.t, r.p);
    if (ml) for (let c = 0; c < k; c++) calibration.add(m.probs.data[i * k + c], ((r.t >> c) & 1) === 1);
    else calibration.add(m.maxProb.data[i], r.t === r.p);
    scored.push(i);
    errors.push(r.t === r.p ? 0 : 1);
  }
  const s = overall.scores(m.classes);
  return {
    modelId: m.modelId, modelVersion: m.modelVersion, classes: m.classes, predictions: rows.length, excluded,
    overall: s.overall, ...(ml ? { samplesF1: s.samplesF1 } : {}), perClass: s.perClass,
    confusion: ml ? [] : Array.from({ length: k }, (_, t) => Array.from(overall.confusion.subarray(t * k, t * k + k))),
    ...(ml ? { confusionPerClass: overall.tally.counts.map((c) => [[s.overall.support - c.tp - c.fp - c.fn, c.fp], [c.fn, c.tp]]) } : {}),
    daily: seriesOf(daily, m.classes), hourly: seriesOf(hourly, m.classes),
    byRange: inp.ranges.map((r) => byRange(inp, rows, r.rangeKm, r.truth)),
    calibration: calibration.result(), uncertainty: uncertaintyAurocs(m, scored, errors), drift: driftOf(dailyHistory(inp)),
  };
}

function byRange(inp: ScoringInput, rows: readonly number[], rangeKm: number, truth: TruthFn): ModelMetrics['byRange'][number] {
  const acc = new Accumulator(inp.model.classes.length, inp.task === 'multi-label');
  for (const i of rows) {
    const r = evaluate(inp, i, truth);
    if (typeof r !== 'string') acc.add(r.t, r.p);
  }
  const { overall } = acc.scores(inp.model.classes);
  return { rangeKm, accuracy: overall.accuracy, f1Macro: overall.f1Macro, f1Weighted: overall.f1Weighted, support: overall.support };
}

/** Daily accuracy over the model's whole history before `to` (the drift baseline is its own past). */
function dailyHistory(inp: ScoringInput): { accuracy: number | null; support: number }[] {
  const days = new Map<number, { n: number; hit: number }>();
  for (const i of rowsInRange(inp, -Infinity, inp.to)) {
    const r = evaluate(inp, i, inp.truth);
    if (typeof r === 'string') continue;
    const day = Math.floor(inp.segments.start.get(inp.model.segmentId.data[i]) / DAY);
    const d = days.get(day) ?? { n: 0, hit: 0 };
    d.n++;
    if (r.t === r.p) d.hit++;
    days.set(day, d);
  }
  return [...days.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => ({ accuracy: d.hit / d.n, support: d.n }));
}

/** AUROC of each uncertainty measure for flagging errors; measures a model does not report are left out. */
function uncertaintyAurocs(m: ModelColumns, rows: readonly number[], errors: readonly number[]): ModelMetrics['uncertainty'] {
  const measures: [string, (i: number) => number][] = [
    ['entropy', (i) => m.entropy.data[i]],
    ['margin', (i) => 1 - m.margin.data[i]],
    ['maxProb', (i) => 1 - m.maxProb.data[i]],
    ['aleatoric', (i) => m.aleatoric.data[i]],
    ['epistemic', (i) => m.epistemic.data[i]],
  ];
  const nErrors = errors.reduce((s, e) => s + e, 0);
  return measures.flatMap(([measure, score]) => {
    const scores = Float64Array.from(rows, score);
    if (scores.length > 0 && scores.some((x) => Number.isNaN(x))) return [];
    return [{ measure, auroc: auroc(scores, errors), n: rows.length, errors: nErrors }];
  });
}
