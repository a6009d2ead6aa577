/**
 * The scoring state of every model, kept per UTC hour in SQLite (migration 0012) so a Metrics request
 * — the first one after a start included — only reads and sums small rows:
 * - `metrics_model_hours`: per model version and hour, its predictions as packed numbers (segment,
 *   start, station, uncertainty scores, probabilities) — what edge hours and AUROC need;
 * - `metrics_hours`: per context (model version, range, mapping version, truth source, station) and
 *   hour, the additive counts (confusion or multi-label tally, exclusions, calibration bins) and each
 *   row's evaluation;
 * - `metrics_label_hours`: labelled and final segments per hour and station.
 * Nothing is rewritten in place: new predictions, label facts and verifications since the last look
 * (cursors in `metrics_cursors`) mark the hours they touch stale, and a stale or missing hour is
 * rebuilt from the database on the next request with the same code as always (ModelAggregate over
 * the hour's rows), so the numbers are the same as a full recomputation.
 */
import type { TruthSource } from '../../shared/metrics.ts';
import type { ClassMapping } from '../classes/mapping-repo.ts';
import type { FactVessel } from '../labels/derive.ts';
import type { VerificationsRepo } from '../labels/verifications-repo.ts';
import type { Db } from '../storage/database.ts';
import { BucketAgg, HOUR, ModelAggregate } from './aggregate.ts';
import { ModelColumns } from './dataset.ts';
import { queries } from './metrics-store-queries.ts';
import { BucketMemo, RestoredAggregate, type ResultMemo } from './restored-aggregate.ts';
import { DerivedTruth, FactsCache, verifiedTruth, type TruthArrays } from './truth.ts';

/** A model version with predictions. */
export interface StoredModel {
  key: string;
  id: string;
  version: string;
  classes: string[];
}

/** What a context scores against. */
export interface StoreContext {
  rangeKm: number;
  bufferKm: number;
  mappingVersion: number;
  mapping: ClassMapping;
  truth: TruthSource;
  stationId?: string;
}

/** How a model is scored (from its manifest). */
export interface Scoring {
  multiLabel: boolean;
  thresholds: number[];
}

const FIXED = 7; // segment, start, station, entropy, margin, aleatoric, epistemic; then the probabilities
const hourOf = (t: number) => Math.floor(t / HOUR) * HOUR;
const ctxKey = (m: StoredModel, c: StoreContext) => `${m.key}|${c.rangeKm}|${c.mappingVersion}|${c.truth}|${c.stationId ?? '*'}`;
const f64 = (b: Buffer) => new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const i32 = (b: Buffer) => new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const blob = (a: Float64Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** One hour of a model's predictions. */
interface HourRows { rows: Float64Array; stations: string[] }

/** An hour's rows and label facts while its contexts are scored. */
interface HourInput { stations: string[]; columns: ModelColumns; facts: FactsCache }

/** A context of a request: its key, and its counts and evaluations by hour (kept between requests). */
interface ContextState { ctx: StoreContext; key: string; counts: Map<number, Float64Array>; evals: Map<number, Int32Array> }

/** Several hours of a model's rows as columns, and where each hour's rows are. */
interface Assembled { parts: HourRows[]; rows: ModelColumns; offsets: Map<number, { start: number; length: number }> }

/** Two-level map get-or-create. */
function inner<V>(outer: Map<string, Map<number, V>>, key: string): Map<number, V> {
  let m = outer.get(key);
  if (!m) outer.set(key, (m = new Map()));
  return m;
}

export class MetricsStore {
  readonly #db: Db;
  readonly #q: ReturnType<typeof queries>;
  readonly #verifications: VerificationsRepo;
  #verified: { stamp: number; truth: TruthArrays } | undefined;
  /**
   * What requests have read, kept between them and dropped with the stored rows by `invalidate`: per
   * context its counts (a context present holds every stored hour) and evaluations by hour, per model
   * its packed rows by hour and its hours.
   */
  readonly #memo = {
    counts: new Map<string, Map<number, Float64Array>>(),
    evals: new Map<string, Map<number, Int32Array>>(),
    rows: new Map<string, Map<number, HourRows>>(),
    hours: new Map<string, number[]>(),
    assembled: new Map<string, Assembled>(),
    results: new Map() as ResultMemo,
    buckets: new BucketMemo(),
  };

  constructor(db: Db, verifications: VerificationsRepo) {
    this.#db = db;
    this.#q = queries(db);
    this.#verifications = verifications;
  }

  /** Marks the hours touched by predictions, label facts and verifications written since the last call as stale. */
  invalidate(): void {
    const q = this.#q;
    this.#db.transaction(() => {
      const preds = q.newPredictions.all(q.cursor.get('predictions') ?? 0);
      for (const p of preds) {
        const key = `${p.model_id}@${p.model_version}`;
        q.addModel.run(key, p.model_id, p.model_version, p.classes);
        q.staleModelHour.run(key, p.hour);
        q.dropModelCtxHour.run(p.hour, key.length + 1, `${key}|`);
        this.#forget(p.hour, (ctx) => ctx.startsWith(`${key}|`));
        this.#memo.rows.get(key)?.delete(p.hour);
        this.#memo.hours.delete(key);
      }
      // Imported sessions bring facts with their original (older) times: count the labels of new predictions' hours too.
      for (const hour of new Set(preds.map((p) => p.hour))) {
        q.dropLabelHour.run(hour);
        q.countLabelHour.run({ hour });
      }
      if (preds.length) q.setCursor.run('predictions', Math.max(...preds.map((p) => p.last)));
      const facts = q.newFacts.all(q.cursor.get('facts') ?? -1);
      for (const f of facts) {
        q.dropCtxHour.run(f.hour);
        q.dropLabelHour.run(f.hour);
        q.countLabelHour.run({ hour: f.hour });
        this.#forget(f.hour, () => true);
      }
      if (facts.length) q.setCursor.run('facts', Math.max(...facts.map((f) => f.last)));
      const verified = q.newVerifications.all(q.cursor.get('verifications') ?? 0);
      for (const v of verified) {
        q.dropVerifiedCtxHour.run(v.hour);
        this.#forget(v.hour, (ctx) => !ctx.includes('|ais|'));
      }
      if (verified.length) q.setCursor.run('verifications', Math.max(...verified.map((v) => v.last)));
    })();
  }

  /** Drops an hour of the contexts `which` selects from what requests have read. */
  #forget(hour: number, which: (ctx: string) => boolean): void {
    for (const map of [this.#memo.counts, this.#memo.evals]) {
      for (const [ctx, hours] of map) if (which(ctx)) hours.delete(hour);
    }
  }

  /** Every model version with predictions, by id and version. */
  models(): StoredModel[] {
    return this.#q.models.all().map((r) => ({ key: r.model, id: r.id, version: r.version, classes: JSON.parse(r.classes) as string[] }));
  }

  /** Labelled and final segments starting in [from, to): whole hours from the store, the edges counted. */
  labelCounts(from: number, to: number, stationId?: string): { labelled: number; final: number } {
    const station = stationId ?? null;
    const firstWhole = Math.ceil(from / HOUR) * HOUR;
    const lastWhole = hourOf(to);
    const parts = firstWhole >= lastWhole
      ? [this.#q.labelCountsExact.get({ from, to, station })]
      : [this.#q.labelCounts.get({ from: firstWhole, to: lastWhole, station }), this.#q.labelCountsExact.get({ from, to: firstWhole, station }),
        this.#q.labelCountsExact.get({ from: lastWhole, to, station })];
    return {
      labelled: parts.reduce((n, r) => n + (r?.labelled ?? 0), 0),
      final: parts.reduce((n, r) => n + (r?.final ?? 0), 0),
    };
  }

  /**
   * A model's scoring state in each context: every hour before `to` summed from the store (missing or
   * stale hours rebuilt first), plus the rows and evaluations of `rowHours` (edge hours; every hour of
   * the range for the model shown in detail); hourly buckets only where `keepHour` says they are read.
   */
  scored(m: StoredModel, ctxs: readonly StoreContext[], scoring: Scoring, to: number, rowHours: readonly number[],
    keepHour: (hour: number, ctx: StoreContext) => boolean): RestoredAggregate[] {
    const memo = this.#memo;
    let all = memo.hours.get(m.key);
    if (!all) memo.hours.set(m.key, (all = this.#q.modelHours.all(m.key)));
    const hours = all.filter((h) => h < to);
    const known = new Set(hours);
    const { rows, offsets } = this.#assemble(m, [...new Set(rowHours)].filter((h) => known.has(h)).sort((a, b) => a - b));
    const states = ctxs.map((ctx) => this.#context(m, ctx));
    this.#fill(m, states, scoring, hours);
    return states.map(({ ctx, key, counts, evals }) => {
      const agg = new RestoredAggregate(rows, scoring.multiLabel, this.#memo.results, key);
      this.#memo.buckets.restore(agg, key, hours, counts, (h) => keepHour(h, ctx));
      for (const [h, o] of offsets) {
        const e = evals.get(h)!;
        agg.evals.set(e.subarray(0, o.length), o.start);
        agg.parts.push(e);
      }
      return agg;
    });
  }

  /** A context's counts and evaluations by hour: what requests have read, else what the store holds. */
  #context(m: StoredModel, ctx: StoreContext): ContextState {
    const memo = this.#memo;
    const key = ctxKey(m, ctx);
    if (!memo.counts.has(key)) {
      const stored = this.#q.ctxCounts.all(key);
      memo.counts.set(key, new Map(stored.map((r) => [r.hour, f64(r.counts)])));
      memo.evals.set(key, new Map(stored.map((r) => [r.hour, i32(r.evals)])));
    }
    return { ctx, key, counts: memo.counts.get(key)!, evals: inner(memo.evals, key) };
  }

  /** Scores the hours some context lacks, hour by hour (rows and facts read once for all contexts), in one transaction. */
  #fill(m: StoredModel, states: readonly ContextState[], scoring: Scoring, hours: readonly number[]): void {
    const missing = hours.filter((h) => states.some((s) => !s.counts.has(h)));
    if (missing.length === 0) return;
    const twins = this.#aisTwins(m, states);
    this.#db.transaction(() => {
      for (const hour of missing) {
        let input: HourInput | undefined;
        for (const s of states) {
          if (s.counts.has(hour)) continue;
          const built = this.#copiedHour(s, twins.get(s), hour) ?? this.#scoreHour(m, s, scoring, hour, (input ??= this.#hourInput(m, hour)));
          s.counts.set(hour, built.counts);
          s.evals.set(hour, built.evals);
        }
      }
    })();
  }

  /**
   * For each "AIS, verified where verified" context, the same context under AIS truth, with the hours
   * that hold a verified segment: any other hour scores the same under both truths, so it is copied
   * (the first request for verified truth over a month then costs about a read, not a re-scoring).
   */
  #aisTwins(m: StoredModel, states: readonly ContextState[]): Map<ContextState, { ais: ContextState; verifiedHours: Set<number> }> {
    const verified = states.filter((s) => s.ctx.truth === 'verified');
    if (verified.length === 0) return new Map();
    const verifiedHours = new Set(this.#q.verifiedHours.all());
    return new Map(verified.map((s) => [s, { ais: this.#context(m, { ...s.ctx, truth: 'ais' }), verifiedHours }]));
  }

  /** The AIS twin's stored hour as this context's (stored under its key too), when no segment of the hour is verified. */
  #copiedHour(state: ContextState, twin: { ais: ContextState; verifiedHours: Set<number> } | undefined, hour: number): { counts: Float64Array; evals: Int32Array } | undefined {
    const counts = twin?.ais.counts.get(hour);
    const evals = twin?.ais.evals.get(hour);
    if (!counts || !evals || twin!.verifiedHours.has(hour)) return undefined;
    this.#q.saveCtx.run(state.key, hour, blob(counts), blob(evals));
    return { counts: counts.slice(), evals: evals.slice() }; // own arrays: memos downstream key on them
  }

  /** An hour's rows (as columns) and label facts, shared by the contexts scored for it. */
  #hourInput(m: StoredModel, hour: number): HourInput {
    const modelRows = inner(this.#memo.rows, m.key);
    let hourRows = modelRows.get(hour);
    if (!hourRows) modelRows.set(hour, (hourRows = this.#hourRows(m, hour)));
    const columns = new ModelColumns(m.id, m.version, m.classes, { transient: true });
    this.#appendRows(columns, hourRows);
    const facts = new FactsCache();
    for (const f of this.#q.hourFacts.all(hour, hour + HOUR)) {
      facts.add({ segmentId: f.segment_id, coverage: f.coverage, final: f.final === 1, vessels: JSON.parse(f.vessels) as FactVessel[] });
    }
    return { stations: hourRows.stations, columns, facts };
  }

  /**
   * The rows of `hours` as one set of columns in time order, with each hour's place; the last set of a
   * model is kept while its hours' rows are unchanged (the detail model's month is ~100,000 rows).
   */
  #assemble(m: StoredModel, hours: readonly number[]): Assembled {
    const modelRows = inner(this.#memo.rows, m.key);
    const parts = hours.map((h) => {
      let hr = modelRows.get(h);
      if (!hr) modelRows.set(h, (hr = this.#hourRows(m, h)));
      return hr;
    });
    const last = this.#memo.assembled.get(m.key);
    if (last && last.parts.length === parts.length && last.parts.every((p, i) => p === parts[i])) return last;
    const rows = new ModelColumns(m.id, m.version, m.classes, { transient: true });
    const offsets = new Map<number, { start: number; length: number }>();
    hours.forEach((h, i) => {
      const start = rows.length;
      this.#appendRows(rows, parts[i]);
      offsets.set(h, { start, length: rows.length - start });
    });
    const made = { parts, rows, offsets };
    this.#memo.assembled.set(m.key, made);
    return made;
  }

  /** Scores one hour of a model in a context (the same code as the in-memory aggregate) and stores it. */
  #scoreHour(m: StoredModel, state: ContextState, scoring: Scoring, hour: number, input: HourInput): { counts: Float64Array; evals: Int32Array } {
    const { ctx, key } = state;
    const { columns, facts, stations } = input;
    const ais = new DerivedTruth(facts, ctx.rangeKm, ctx.bufferKm, ctx.mapping);
    ais.update();
    const station = ctx.stationId === undefined ? undefined : stations.indexOf(ctx.stationId);
    const agg = new ModelAggregate(columns, { ais, verified: this.#verifiedTruth(), source: ctx.truth }, {
      ...scoring, station: station === -1 ? Number.NaN : station,
    });
    agg.sync(facts);
    const counts = (agg.hours.get(hour) ?? new BucketAgg(m.classes.length, scoring.multiLabel)).toArray();
    const evals = agg.evals.slice(0, columns.length);
    this.#q.saveCtx.run(key, hour, blob(counts), blob(evals));
    return { counts, evals };
  }

  #verifiedTruth(): TruthArrays {
    const stamp = this.#verifications.stamp();
    if (this.#verified?.stamp !== stamp) this.#verified = { stamp, truth: verifiedTruth(this.#verifications.latestAll()) };
    return this.#verified.truth;
  }

  /** The hour's predictions of a model, packed (read from the predictions and stored when stale or missing). */
  #hourRows(m: StoredModel, hour: number): HourRows {
    const saved = this.#q.modelRows.get(m.key, hour);
    if (saved?.rows && saved.stations) return { rows: f64(saved.rows), stations: JSON.parse(saved.stations) as string[] };
    const k = m.classes.length;
    const list = this.#q.hourPredictions.all(m.id, m.version, hour, hour + HOUR);
    const stations: string[] = [];
    const rows = new Float64Array(list.length * (FIXED + k));
    list.forEach((p, i) => {
      let s = stations.indexOf(p.station);
      if (s < 0) s = stations.push(p.station) - 1;
      rows.set([p.id, p.start, s, p.entropy, p.margin, p.aleatoric ?? Number.NaN, p.epistemic ?? Number.NaN, ...(JSON.parse(p.probs) as number[])], i * (FIXED + k));
    });
    if (saved) this.#q.saveModelRows.run(blob(rows), JSON.stringify(stations), m.key, hour);
    return { rows, stations };
  }

  #appendRows(columns: ModelColumns, h: HourRows): void {
    const width = FIXED + columns.classes.length;
    for (let o = 0; o < h.rows.length; o += width) {
      const r = h.rows;
      columns.add({ id: r[o], start: r[o + 1], station: r[o + 2] }, r.subarray(o + FIXED, o + width), r[o + 3], r[o + 4], r[o + 5], r[o + 6]);
    }
  }
}
