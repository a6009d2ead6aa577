/**
 * Additive scoring state of one model version for one truth (range, mapping version, truth source,
 * station): every row's evaluation, and per UTC day and hour the confusion counts (or multi-label
 * tally), exclusions and calibration bins. The metrics store builds it an hour at a time and keeps the
 * hourly buckets and evaluations in SQLite (metrics-store.ts); `sync` can also keep it current
 * incrementally (new rows added, rows whose label changed re-evaluated).
 */
import { AppError } from '../../shared/errors.ts';
import type { TruthSource } from '../../shared/metrics.ts';
import { CalibrationTally } from './calibration.ts';
import { addMultiLabelRow, emptyTally, mergeTally, multiClassScores, multiLabelScores, type MultiLabelTally } from './classification.ts';
import type { ModelColumns } from './dataset.ts';
import { STATUS, type DerivedTruth, type FactsCache, type TruthArrays } from './truth.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** Evaluation codes below zero: the row is left out (−1 − index in EXCLUSIONS); UNSET: not evaluated yet. */
export const EXCLUSIONS = ['unlabelled', 'ambiguous', 'notSingle', 'outsideClasses'] as const;
export const UNSET = -100;

/** Everything that adds up over the rows of a bucket. */
export class BucketAgg {
  readonly k: number;
  readonly multiLabel: boolean;
  readonly confusion: Float64Array;
  readonly tally: MultiLabelTally;
  readonly excluded = new Float64Array(EXCLUSIONS.length);
  readonly calibration = new CalibrationTally();
  #sealed = false;
  #scores: ReturnType<BucketAgg['computeScores']> | undefined;

  constructor(k: number, multiLabel: boolean) {
    this.k = k;
    this.multiLabel = multiLabel;
    this.confusion = new Float64Array(multiLabel ? 0 : k * k);
    this.tally = emptyTally(multiLabel ? k : 0);
  }

  /** Marks the bucket as final (buckets restored from the metrics store are shared between requests): its scores are computed once. */
  seal(): this {
    this.#sealed = true;
    return this;
  }

  merge(o: BucketAgg): this {
    if (this.#sealed) throw new AppError('INTERNAL', 'a sealed metrics bucket cannot change');
    for (let i = 0; i < this.confusion.length; i++) this.confusion[i] += o.confusion[i];
    if (this.multiLabel) mergeTally(this.tally, o.tally);
    for (let i = 0; i < this.excluded.length; i++) this.excluded[i] += o.excluded[i];
    this.calibration.merge(o.calibration);
    return this;
  }

  /** Every count as one flat array (stored per hour by metrics-store.ts). */
  toArray(): Float64Array {
    const t = this.tally;
    const c = this.calibration;
    return Float64Array.from([
      ...this.confusion, ...this.excluded, ...c.count, ...c.confidence, ...c.hits,
      ...t.counts.flatMap((x) => [x.tp, x.fp, x.fn]), t.exact, t.rows, t.samplesF1,
    ]);
  }

  /** The bucket `toArray` wrote. */
  static fromArray(k: number, multiLabel: boolean, a: Float64Array): BucketAgg {
    const b = new BucketAgg(k, multiLabel);
    let o = 0;
    const take = (into: Float64Array) => {
      into.set(a.subarray(o, o + into.length));
      o += into.length;
    };
    for (const into of [b.confusion, b.excluded, b.calibration.count, b.calibration.confidence, b.calibration.hits]) take(into);
    for (const x of b.tally.counts) [x.tp, x.fp, x.fn] = [a[o++], a[o++], a[o++]];
    [b.tally.exact, b.tally.rows, b.tally.samplesF1] = [a[o], a[o + 1], a[o + 2]];
    return b;
  }

  /** The bucket's scores (of a sealed bucket: computed once, the same object each time — callers do not modify it). */
  scores(classes: readonly string[]): ReturnType<BucketAgg['computeScores']> {
    if (!this.#sealed) return this.computeScores(classes);
    return (this.#scores ??= this.computeScores(classes));
  }

  computeScores(classes: readonly string[]) {
    return this.multiLabel ? multiLabelScores(this.tally, classes) : { ...multiClassScores(this.confusion, classes), samplesF1: null };
  }
}

/** The truth a model is scored against: AIS (derived at a range under a mapping version) and/or verifications. */
export interface TruthView {
  ais: DerivedTruth;
  verified: TruthArrays;
  source: TruthSource;
}

function statusAndMask(v: TruthView, id: number): [number, number] {
  if (v.source !== 'ais') {
    const s = v.verified.status.get(id);
    if (s !== 0) return [s, v.verified.mask.get(id)];
    if (v.source === 'verified-only') return [0, 0];
  }
  return [v.ais.status.get(id), v.ais.mask.get(id)];
}

/** What the metrics read from a model's scoring state (in memory: ModelAggregate; stored: metrics-store.ts). */
export interface ScoredModel {
  readonly model: ModelColumns;
  readonly multiLabel: boolean;
  /** Buckets by UTC day and hour start. */
  readonly days: Map<number, BucketAgg>;
  readonly hours: Map<number, BucketAgg>;
  /** Evaluation of each row of `model` (see ModelAggregate), UNSET when not scored in this context. */
  readonly evals: Int32Array;
  /** A result computed from these rows and evaluations over [from, to) before, when they have not changed since (else undefined). */
  remembered?<T>(what: string, from: number, to: number, compute: () => T): T;
}

/** Adds (sign 1) or removes (−1) row i of `m` with evaluation e into a bucket. */
export function addRowTo(m: ModelColumns, multiLabel: boolean, b: BucketAgg, i: number, e: number, sign: number): void {
  if (e < 0) {
    b.excluded[-1 - e] += sign;
    return;
  }
  const t = e >> 8;
  const p = e & 255;
  const k = m.classes.length;
  if (multiLabel) {
    addMultiLabelRow(b.tally, t, p, sign);
    for (let c = 0; c < k; c++) b.calibration.add(m.probs.data[i * k + c], ((t >> c) & 1) === 1, sign);
  } else {
    b.confusion[t * k + p] += sign;
    b.calibration.add(m.maxProb.data[i], t === p, sign);
  }
}

export class ModelAggregate implements ScoredModel {
  readonly model: ModelColumns;
  readonly view: TruthView;
  readonly multiLabel: boolean;
  readonly thresholds: number[];
  readonly station: number | undefined;
  readonly days = new Map<number, BucketAgg>();
  readonly hours = new Map<number, BucketAgg>();
  evals = new Int32Array(0);
  #rows = 0;
  #factsRead = 0;
  #epoch = 0;
  readonly #localOfMask = new Int32Array(32).fill(-1);

  constructor(model: ModelColumns, view: TruthView, o: { multiLabel: boolean; thresholds: number[]; station: number | undefined }) {
    this.model = model;
    this.view = view;
    this.multiLabel = o.multiLabel;
    this.thresholds = o.thresholds;
    this.station = o.station;
    model.bits.forEach((bit, c) => (this.#localOfMask[bit] = c));
  }

  /** Brings the state up to date: new rows, then rows whose segment's label changed since the last sync. */
  sync(facts: FactsCache): void {
    const n = this.model.length;
    if (this.evals.length < n) {
      const grown = new Int32Array(Math.max(n, this.evals.length * 2)).fill(UNSET);
      grown.set(this.evals);
      this.evals = grown;
    }
    if (this.#epoch !== facts.epoch) {
      this.#epoch = facts.epoch;
      this.#factsRead = facts.changes.length;
      for (let i = 0; i < this.#rows; i++) this.#set(i);
    }
    for (; this.#rows < n; this.#rows++) this.#set(this.#rows);
    for (; this.#factsRead < facts.changes.length; this.#factsRead++) {
      const row = this.model.rowOf.get(facts.changes[this.#factsRead]);
      if (row >= 0 && row < this.#rows) this.#set(row);
    }
  }

  /** (Re-)evaluates row i and moves its contribution. */
  #set(i: number): void {
    const m = this.model;
    if (this.station !== undefined && m.station.data[i] !== this.station) return;
    const e = this.#evaluate(i);
    const old = this.evals[i];
    if (old === e) return;
    if (old !== UNSET) this.#apply(i, old, -1);
    this.evals[i] = e;
    this.#apply(i, e, 1);
  }

  /** (t << 8) | p with t, p model-local (class index, or bit mask for multi-label), or an exclusion code. */
  #evaluate(i: number): number {
    const m = this.model;
    const [status, mask] = statusAndMask(this.view, m.segmentId.data[i]);
    if (status === STATUS.none) return -1;
    if (status === STATUS.ambiguous) return -2;
    const best = m.argmax.data[i];
    if (!this.multiLabel) {
      if (status === STATUS.multi) return -3;
      const t = this.#localOfMask[mask];
      return t < 0 ? -4 : (t << 8) | best;
    }
    const k = m.classes.length;
    let t = 0;
    let p = 0;
    for (let c = 0; c < k; c++) {
      if (mask & m.bits[c]) t |= 1 << c;
      if (m.probs.data[i * k + c] >= this.thresholds[c]) p |= 1 << c;
    }
    return (t << 8) | (p === 0 ? 1 << best : p);
  }

  #apply(i: number, e: number, sign: number): void {
    const start = this.model.start.data[i];
    this.addRow(this.#bucket(this.days, DAY, start), i, e, sign);
    this.addRow(this.#bucket(this.hours, HOUR, start), i, e, sign);
  }

  #bucket(map: Map<number, BucketAgg>, width: number, time: number): BucketAgg {
    const key = Math.floor(time / width) * width;
    let b = map.get(key);
    if (!b) map.set(key, (b = new BucketAgg(this.model.classes.length, this.multiLabel)));
    return b;
  }

  /** Adds (sign 1) or removes (−1) row i with evaluation e into a bucket. */
  addRow(b: BucketAgg, i: number, e: number, sign: number): void {
    addRowTo(this.model, this.multiLabel, b, i, e, sign);
  }
}
