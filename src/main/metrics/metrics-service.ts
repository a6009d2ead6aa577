/**
 * Model performance against truth labels, per model version, for a time range, a range threshold, a
 * mapping version ("as of") and a truth source. Predictions are never rewritten: scoring under another
 * mapping version re-derives the labels from their stored facts. The scoring state lives per hour in
 * SQLite (metrics-store.ts), kept current as predictions, labels and verifications arrive, so a
 * request for a month of six models — the first after a start too — sums small stored rows.
 */
import { AppError } from '../../shared/errors.ts';
import type { MetricsReport, ModelMetrics, ParsedMetricsRequest } from '../../shared/metrics.ts';
import type { MappingRepo } from '../classes/mapping-repo.ts';
import type { LabelService } from '../labels/label-service.ts';
import type { VerificationsRepo } from '../labels/verifications-repo.ts';
import type { Db } from '../storage/database.ts';
import type { ModelRecord } from '../storage/models-repo.ts';
import { DAY, HOUR } from './aggregate.ts';
import { MetricsStore, type Scoring, type StoreContext, type StoredModel } from './metrics-store.ts';
import { modelMetrics } from './model-metrics.ts';

/** What the service reads. */
export interface MetricsServiceDeps {
  db: Db;
  mapping: MappingRepo;
  labels: LabelService;
  verifications: VerificationsRepo;
  models: () => readonly ModelRecord[];
}

const wants = (list: ParsedMetricsRequest['models'], m: StoredModel) => list === undefined || list.some((w) => w.id === m.id && w.version === m.version);
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Start of every hour overlapping [from, to). */
function hoursIn(from: number, to: number): number[] {
  const out: number[] = [];
  for (let h = Math.floor(from / HOUR) * HOUR; h < to; h += HOUR) out.push(h);
  return out;
}

/** The hours a request reads row by row: those [from, to) only partly covers. */
function edgeHours(from: number, to: number): number[] {
  return [from, to].filter((t) => t % HOUR !== 0).map((t) => Math.floor(t / HOUR) * HOUR);
}

function scoringOf(m: StoredModel, record: ModelRecord | undefined): Scoring {
  const manifest = record?.manifest;
  return { multiLabel: manifest?.task === 'multi-label', thresholds: m.classes.map((c) => manifest?.thresholds?.[c] ?? 0.5) };
}

export class MetricsService {
  readonly #d: MetricsServiceDeps;
  readonly store: MetricsStore;
  #busy: Promise<unknown> = Promise.resolve();

  constructor(deps: MetricsServiceDeps) {
    this.#d = deps;
    this.store = new MetricsStore(deps.db, deps.verifications);
  }

  /** The report; requests run one after another (they share the store's hour builds). */
  compute(req: ParsedMetricsRequest): Promise<MetricsReport> {
    const run = this.#busy.then(() => this.#compute(req));
    this.#busy = run.catch(() => undefined);
    return run;
  }

  async #compute(req: ParsedMetricsRequest): Promise<MetricsReport> {
    const t0 = performance.now();
    const { rangesKm, bufferKm } = this.#d.labels.options;
    const rangeKm = req.rangeKm ?? this.#d.labels.liveRangeKm;
    if (!rangesKm.includes(rangeKm)) throw new AppError('BAD_REQUEST', `labels exist for ${rangesKm.join(', ')} km, not ${rangeKm} km`);
    const mappingVersion = req.mappingVersion ?? this.#d.mapping.currentVersion();
    const base = { bufferKm, mappingVersion, mapping: this.#d.mapping.mapping(mappingVersion), truth: req.truth, stationId: req.stationId };
    this.store.invalidate();
    const records = new Map(this.#d.models().map((r) => [`${r.id}@${r.version}`, r]));
    const models = this.store.models().filter((m) => wants(req.models, m))
      .sort((a, b) => a.id.localeCompare(b.id) || a.version.localeCompare(b.version));
    const details = req.details === 'first' ? models.slice(0, 1).map((m) => ({ id: m.id, version: m.version })) : req.details;
    const scored: ModelMetrics[] = [];
    for (const m of models) {
      const detail = wants(details, m);
      const ranges = detail ? rangesKm : [rangeKm];
      const ctxs: StoreContext[] = ranges.map((km) => ({ ...base, rangeKm: km }));
      // Hourly buckets are read for the hourly series (detail, main range) and inside days the range only partly covers.
      const partDays = [req.from, req.to].map((t) => Math.floor(t / DAY));
      const keepHour = (h: number, ctx: StoreContext) => (detail && ctx.rangeKm === rangeKm) || partDays.includes(Math.floor(h / DAY));
      const rowHours = detail ? hoursIn(req.from, req.to) : edgeHours(req.from, req.to);
      const aggs = this.store.scored(m, ctxs, scoringOf(m, records.get(m.key)), req.to, rowHours, keepHour);
      const metrics = modelMetrics({
        main: aggs[ranges.indexOf(rangeKm)], from: req.from, to: req.to,
        ranges: detail ? ranges.map((km, i) => ({ rangeKm: km, agg: aggs[i] })) : undefined,
      });
      scored.push(this.#describe(m, records.get(m.key), metrics, detail));
      await yieldNow(); // other API calls get their turn between models
    }
    return {
      from: req.from, to: req.to, rangeKm, mappingVersion, truth: req.truth, ...(req.stationId ? { stationId: req.stationId } : {}),
      computedAt: Date.now(), computeMs: performance.now() - t0, ...this.store.labelCounts(req.from, req.to, req.stationId), models: scored,
    };
  }

  #describe(m: StoredModel, record: ModelRecord | undefined, metrics: ReturnType<typeof modelMetrics>, detailed: boolean): ModelMetrics {
    const manifest = record?.manifest;
    return {
      ...metrics, name: manifest?.name ?? m.id, task: manifest?.task ?? 'multi-class', detailed, status: record?.status ?? 'unknown',
      channels: manifest?.input.channels.length ?? 0,
    };
  }
}
