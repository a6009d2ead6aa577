/**
 * Model performance against truth labels, per model version, for a time range, a range threshold, a
 * mapping version ("as of") and a truth source. Predictions are never rewritten: scoring under another
 * mapping version re-derives the labels from their stored designations. Caches (dataset.ts, truth.ts)
 * make a repeated request cost a scan of typed arrays, not a database read.
 */
import { AppError } from '../../shared/errors.ts';
import type { MetricsReport, ModelMetrics, ParsedMetricsRequest } from '../../shared/metrics.ts';
import type { MappingRepo } from '../classes/mapping-repo.ts';
import type { LabelService } from '../labels/label-service.ts';
import type { VerificationsRepo } from '../labels/verifications-repo.ts';
import type { ModelRecord } from '../storage/models-repo.ts';
import type { Db } from '../storage/database.ts';
import { PredictionsCache, SegmentsCache, type ModelColumns } from './dataset.ts';
import { scoreModel, type TruthFn } from './model-metrics.ts';
import { DerivedTruth, LabelFactsCache, truthLookup, verifiedTruth, type TruthArrays } from './truth.ts';

/** What the service reads. */
export interface MetricsServiceDeps {
  db: Db;
  mapping: MappingRepo;
  labels: LabelService;
  verifications: VerificationsRepo;
  models: () => readonly ModelRecord[];
}

export class MetricsService {
  readonly #d: MetricsServiceDeps;
  readonly segments = new SegmentsCache();
  readonly predictions = new PredictionsCache();
  readonly #facts = new Map<number, LabelFactsCache>();
  readonly #derived = new Map<string, DerivedTruth>();
  #verified: { stamp: number; truth: TruthArrays } | undefined;
  #refreshing: Promise<void> = Promise.resolve();

  constructor(deps: MetricsServiceDeps) {
    this.#d = deps;
  }

  /** Brings every cache up to date with the database (serialised: one refresh at a time). */
  refresh(): Promise<void> {
    this.#refreshing = this.#refreshing.then(async () => {
      await this.segments.refresh(this.#d.db);
      await this.predictions.refresh(this.#d.db);
      for (const rangeKm of this.#d.labels.options.rangesKm) this.#factsAt(rangeKm).refresh(this.#d.labels.repo);
    });
    return this.#refreshing;
  }

  async compute(req: ParsedMetricsRequest): Promise<MetricsReport> {
    const t0 = performance.now();
    const { rangesKm } = this.#d.labels.options;
    const rangeKm = req.rangeKm ?? this.#d.labels.liveRangeKm;
    if (!rangesKm.includes(rangeKm)) throw new AppError('BAD_REQUEST', `labels exist for ${rangesKm.join(', ')} km, not ${rangeKm} km`);
    const mappingVersion = req.mappingVersion ?? this.#d.mapping.currentVersion();
    const mapping = this.#d.mapping.mapping(mappingVersion);
    await this.refresh();
    const verified = this.#verifiedTruth();
    const truthAt = (km: number): TruthFn => truthLookup(req.truth, this.#derivedAt(km, mappingVersion, mapping), verified);
    const station = req.stationId === undefined ? undefined : this.segments.stations.indexOf(req.stationId);
    const records = new Map(this.#d.models().map((r) => [`${r.id}@${r.version}`, r]));
    const models = this.#selectModels(req);
    const scored = models.map((m) => this.#scoreOne(m, records.get(`${m.modelId}@${m.modelVersion}`), {
      from: req.from, to: req.to, station: station === -1 ? Number.NaN : station, truth: truthAt(rangeKm),
      ranges: rangesKm.map((km) => ({ rangeKm: km, truth: truthAt(km) })),
    }));
    const counts = this.#labelCounts(rangeKm, req.from, req.to, station);
    return {
      from: req.from, to: req.to, rangeKm, mappingVersion, truth: req.truth, ...(req.stationId ? { stationId: req.stationId } : {}),
      computedAt: Date.now(), computeMs: performance.now() - t0, ...counts, models: scored,
    };
  }

  #factsAt(rangeKm: number): LabelFactsCache {
    let f = this.#facts.get(rangeKm);
    if (!f) this.#facts.set(rangeKm, (f = new LabelFactsCache(rangeKm)));
    return f;
  }

  #derivedAt(rangeKm: number, version: number, mapping: ReturnType<MappingRepo['mapping']>): DerivedTruth {
    const key = `${rangeKm}|${version}`;
    let d = this.#derived.get(key);
    if (!d) this.#derived.set(key, (d = new DerivedTruth(this.#factsAt(rangeKm), mapping)));
    d.update();
    return d;
  }

  #verifiedTruth(): TruthArrays {
    const stamp = this.#d.verifications.stamp();
    if (this.#verified?.stamp !== stamp) this.#verified = { stamp, truth: verifiedTruth(this.#d.verifications.latestAll()) };
    return this.#verified.truth;
  }

  /** The requested model versions, else every one with predictions, sorted by id and version. */
  #selectModels(req: ParsedMetricsRequest): ModelColumns[] {
    const all = [...this.predictions.models.values()];
    const wanted = req.models === undefined ? all : all.filter((m) => req.models!.some((w) => w.id === m.modelId && w.version === m.modelVersion));
    return wanted.sort((a, b) => a.modelId.localeCompare(b.modelId) || a.modelVersion.localeCompare(b.modelVersion));
  }

  #scoreOne(model: ModelColumns, record: ModelRecord | undefined, ctx: { from: number; to: number; station: number | undefined; truth: TruthFn; ranges: { rangeKm: number; truth: TruthFn }[] }): ModelMetrics {
    const manifest = record?.manifest;
    const task = manifest?.task ?? 'multi-class';
    const thresholds = model.classes.map((c) => manifest?.thresholds?.[c] ?? 0.5);
    const scores = scoreModel({ model, task, thresholds, segments: this.segments, ...ctx });
    return {
      ...scores, name: manifest?.name ?? model.modelId, task, status: record?.status ?? 'unknown',
      channels: manifest?.input.channels.length ?? 0,
    };
  }

  /** Segments of the range with a label at `rangeKm`, and how many of those are final. */
  #labelCounts(rangeKm: number, from: number, to: number, station: number | undefined): { labelled: number; final: number } {
    const facts = this.#factsAt(rangeKm);
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
