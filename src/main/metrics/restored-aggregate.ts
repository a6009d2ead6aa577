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

}

/**
 * Buckets built from stored counts, kept between requests while the counts are the same arrays (the
 * store replaces an hour's array when it rebuilds the hour): a warm request reuses each day's sum and
 * the scores of every bucket instead of re-adding ~8,000 hours.
 */
export class BucketMemo {
  readonly #hours = new WeakMap<Float64Array, BucketAgg>();
  readonly #days = new Map<string, { parts: Float64Array[]; bucket: BucketAgg }>();

  /** The bucket of one stored hour. */
  hour(k: number, multiLabel: boolean, counts: Float64Array): BucketAgg {
    let b = this.#hours.get(counts);
    if (!b) this.#hours.set(counts, (b = BucketAgg.fromArray(k, multiLabel, counts).seal()));
    return b;
  }

  /** The bucket of a context's day: its hours' counts added in time order (the same sum, bit for bit, as always). */
  day(key: string, day: number, k: number, multiLabel: boolean, parts: Float64Array[]): BucketAgg {
    const id = `${key}|${day}`;
    const hit = this.#days.get(id);
    if (hit && hit.parts.length === parts.length && hit.parts.every((p, i) => p === parts[i])) return hit.bucket;
    const sum = parts[0].slice();
    for (let p = 1; p < parts.length; p++) for (let i = 0; i < sum.length; i++) sum[i] += parts[p][i];
    const bucket = BucketAgg.fromArray(k, multiLabel, sum).seal();
    this.#days.set(id, { parts, bucket });
    return bucket;
  }

  /** Fills a context's day buckets (and the hourly ones `keepHour` asks for) from its stored hours (in time order). */
  restore(agg: RestoredAggregate, key: string, hours: readonly number[], counts: Map<number, Float64Array>, keepHour: (h: number) => boolean): void {
    const k = agg.model.classes.length;
    let day = Number.NaN;
    let parts: Float64Array[] = [];
    const flush = () => parts.length && agg.days.set(day, this.day(key, day, k, agg.multiLabel, parts));
    for (const h of hours) { // in time order: a day's hours are added in the same order as always
      const c = counts.get(h)!;
      if (keepHour(h)) agg.hours.set(h, this.hour(k, agg.multiLabel, c));
      const d = Math.floor(h / DAY) * DAY;
      if (d !== day) {
        flush();
        [day, parts] = [d, []];
      }
      parts.push(c);
    }
    flush();
  }
}
