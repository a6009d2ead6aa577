/**
 * Model performance against truth labels, per model version, for a time range, a range threshold, a
 * mapping version ("as of") and a truth source. Predictions are never rewritten: scoring under another
 * mapping version re-derives the labels from their stored designations. In memory: the predictions and
 * label facts (read incrementally), and per model and truth an aggregate kept current as predictions
 * and labels arrive (aggregate.ts), so a request for a month of six models sums buckets.
 */
import { AppError } from '../../shared/errors.ts';
import type { MetricsReport, ModelMetrics, ParsedMetricsRequest, TruthSource } from '../../shared/metrics.ts';
import type { ClassMapping, MappingRepo } from '../classes/mapping-repo.ts';
import type { LabelService } from '../labels/label-service.ts';
import type { VerificationsRepo } from '../labels/verifications-repo.ts';
import type { Db } from '../storage/database.ts';
import type { ModelRecord } from '../storage/models-repo.ts';
import { ModelAggregate } from './aggregate.ts';
import { PredictionsCache, SegmentsCache, type ModelColumns } from './dataset.ts';
import { modelMetrics } from './model-metrics.ts';
import { DerivedTruth, FactsCache, verifiedTruth, type TruthArrays } from './truth.ts';

/** What the service reads. */
export interface MetricsServiceDeps {
  db: Db;
  mapping: MappingRepo;
  labels: LabelService;
  verifications: VerificationsRepo;
  models: () => readonly ModelRecord[];
}

/** One scoring context of a request. */
interface Context {
  version: number;
  mapping: ClassMapping;
  source: TruthSource;
  station: number | undefined;
  records: Map<string, ModelRecord>;
}

const keyOf = (m: ModelColumns) => `${m.modelId}@${m.modelVersion}`;
const wants = (list: ParsedMetricsRequest['models'], m: ModelColumns) => list === undefined || list.some((w) => w.id === m.modelId && w.version === m.modelVersion);

export class MetricsService {
  readonly #d: MetricsServiceDeps;
  readonly segments = new SegmentsCache();
  readonly predictions = new PredictionsCache();
  readonly #facts = new FactsCache();
  readonly #derived = new Map<string, DerivedTruth>();
  readonly #aggregates = new Map<string, ModelAggregate>();
  #verified: { stamp: number; truth: TruthArrays } | undefined;
  #refreshing: Promise<void> = Promise.resolve();

  constructor(deps: MetricsServiceDeps) {
    this.#d = deps;
  }

  /** Brings the caches up to date with the database (serialised: one refresh at a time). */
  refresh(): Promise<void> {
    this.#refreshing = this.#refreshing.then(async () => {
      await this.segments.refresh(this.#d.db);
      await this.predictions.refresh(this.#d.db, this.segments);
      await this.#facts.refresh(this.#d.labels.repo);
    });
    return this.#refreshing;
  }

  async compute(req: ParsedMetricsRequest): Promise<MetricsReport> {
    const t0 = performance.now();
    const { rangesKm } = this.#d.labels.options;
    const rangeKm = req.rangeKm ?? this.#d.labels.liveRangeKm;
    if (!rangesKm.includes(rangeKm)) throw new AppError('BAD_REQUEST', `labels exist for ${rangesKm.join(', ')} km, not ${rangeKm} km`);
    const version = req.mappingVersion ?? this.#d.mapping.currentVersion();
    const mapping = this.#d.mapping.mapping(version);
    await this.refresh();
    this.#syncVerified();
    const stationIndex = req.stationId === undefined ? undefined : this.segments.stations.indexOf(req.stationId);
    const ctx: Context = {
      version, mapping, source: req.truth, station: stationIndex === -1 ? Number.NaN : stationIndex,
      records: new Map(this.#d.models().map((r) => [`${r.id}@${r.version}`, r])),
    };
    const models = [...this.predictions.models.values()].filter((m) => wants(req.models, m))
      .sort((a, b) => a.modelId.localeCompare(b.modelId) || a.modelVersion.localeCompare(b.modelVersion));
    const scored = models.map((m) => {
      const detail = wants(req.details, m);
      const ranges = detail ? rangesKm.map((km) => ({ rangeKm: km, agg: this.#aggregate(m, km, ctx) })) : undefined;
      const metrics = modelMetrics({ main: this.#aggregate(m, rangeKm, ctx), ranges, from: req.from, to: req.to });
      return this.#describe(m, ctx.records.get(keyOf(m)), metrics, detail);
    });
    return {
      from: req.from, to: req.to, rangeKm, mappingVersion: version, truth: req.truth, ...(req.stationId ? { stationId: req.stationId } : {}),
      computedAt: Date.now(), computeMs: performance.now() - t0, ...this.#labelCounts(req.from, req.to, ctx.station), models: scored,
    };
  }

  #derivedAt(rangeKm: number, version: number, mapping: ClassMapping): DerivedTruth {
    const key = `${rangeKm}|${version}`;
    let d = this.#derived.get(key);
    if (!d) this.#derived.set(key, (d = new DerivedTruth(this.#facts, rangeKm, this.#d.labels.options.bufferKm, mapping)));
    d.update();
    return d;
  }

  /** New verifications replace the verified truth; aggregates that used it are rebuilt on demand. */
  #syncVerified(): TruthArrays {
    const stamp = this.#d.verifications.stamp();
    if (this.#verified?.stamp !== stamp) {
      this.#verified = { stamp, truth: verifiedTruth(this.#d.verifications.latestAll()) };
      for (const [key, agg] of this.#aggregates) if (agg.view.source !== 'ais') this.#aggregates.delete(key);
    }
    return this.#verified.truth;
  }

  /** The model's aggregate for a range under the context's mapping version and truth, brought up to date. */
  #aggregate(m: ModelColumns, rangeKm: number, ctx: Context): ModelAggregate {
    const key = `${keyOf(m)}|${rangeKm}|${ctx.version}|${ctx.source}|${ctx.station ?? '*'}`;
    const derived = this.#derivedAt(rangeKm, ctx.version, ctx.mapping);
    let agg = this.#aggregates.get(key);
    if (!agg) {
      const manifest = ctx.records.get(keyOf(m))?.manifest;
      agg = new ModelAggregate(m, { ais: derived, verified: this.#syncVerified(), source: ctx.source }, {
        multiLabel: manifest?.task === 'multi-label', thresholds: m.classes.map((c) => manifest?.thresholds?.[c] ?? 0.5), station: ctx.station,
      });
      this.#aggregates.set(key, agg);
    }
    agg.sync(this.#facts);
    return agg;
  }

  #describe(m: ModelColumns, record: ModelRecord | undefined, metrics: ReturnType<typeof modelMetrics>, detailed: boolean): ModelMetrics {
    const manifest = record?.manifest;
    return {
      ...metrics, name: manifest?.name ?? m.modelId, task: manifest?.task ?? 'multi-class', detailed, status: record?.status ?? 'unknown',
      channels: manifest?.input.channels.length ?? 0,
    };
  }

  /** Segments of the range with labels, and how many of those are final. */
  #labelCounts(from: number, to: number, station: number | undefined): { labelled: number; final: number } {
    const facts = this.#facts;
    let labelled = 0;
    let final = 0;
    const { start } = this.segments;
    for (let id = 0; id < start.length; id++) {
      const s = start.data[id];
      if (!(s >= from && s < to) || facts.coverage.get(id) === 0) continue;
      if (station !== undefined && this.segments.station.get(id) !== station) continue;
      labelled++;
      final += facts.final.get(id);
    }
    return { labelled, final };
  }
}
