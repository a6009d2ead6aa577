/** A scoring context restored from the metrics store (metrics-store.ts): what model-metrics.ts reads. */
import { BucketAgg, DAY, UNSET, type ScoredModel } from './aggregate.ts';
import type { ModelColumns } from './dataset.ts';

/** The last row-level result per context and kind, with what it was computed from. */
export type ResultMemo = Map<string, { model: ModelColumns; parts: Int32Array[]; from: number; to: number; value: unknown }>;

/** A context's buckets restored from the store, with the rows of the hours a request reads row by row. */
export class RestoredAggregate implements ScoredModel {
  readonly model: ModelColumns;
  readonly multiLabel: boolean;
  readonly days = new Map<number, BucketAgg>();
  readonly hours = new Map<number, BucketAgg>();
  readonly evals: Int32Array;
  /** The stored evaluation arrays `evals` was filled from (their identity says nothing changed). */
  readonly parts: Int32Array[] = [];
  readonly #daySums = new Map<number, Float64Array>();
  readonly #memo: ResultMemo;
  readonly #key: string;

  constructor(model: ModelColumns, multiLabel: boolean, memo: ResultMemo, key: string) {
    this.model = model;
    this.multiLabel = multiLabel;
    this.evals = new Int32Array(model.length).fill(UNSET);
    this.#memo = memo;
    this.#key = key;
  }

  /** Row-level results (AUROC sorts every row) are reused while the rows and their evaluations are the same objects. */
  remembered<T>(what: string, from: number, to: number, compute: () => T): T {
    const key = `${this.#key}|${what}`;
    const hit = this.#memo.get(key);
    const same = hit && hit.model === this.model && hit.from === from && hit.to === to && hit.parts.length === this.parts.length &&
      hit.parts.every((p, i) => p === this.parts[i]);
    if (same) return hit.value as T;
    const value = compute();
    this.#memo.set(key, { model: this.model, parts: [...this.parts], from, to, value });
    return value;
  }

  /** Adds an hour's counts to its day (and keeps the hour as a bucket when asked: only some are read). */
  addHour(hour: number, counts: Float64Array, keepHour: boolean): void {
    const day = Math.floor(hour / DAY) * DAY;
    const sum = this.#daySums.get(day);
    if (sum) for (let i = 0; i < sum.length; i++) sum[i] += counts[i];
    else this.#daySums.set(day, counts.slice());
    if (keepHour) this.hours.set(hour, BucketAgg.fromArray(this.model.classes.length, this.multiLabel, counts));
  }

  /** Turns the day sums into buckets once every hour is in. */
  close(): this {
    for (const [day, sum] of this.#daySums) this.days.set(day, BucketAgg.fromArray(this.model.classes.length, this.multiLabel, sum));
    return this;
  }
}
