/**
 * Keeps truth labels up to date as segments and AIS arrive. Every pass (a timer, a few seconds):
 *  1. looks at the AIS reports stored since the last pass (by row id): the newest data time becomes the
 *     watermark; reports older than labels already final reopen those labels (late data is never lost);
 *  2. recomputes the labels that are not final yet, when the watermark moved;
 *  3. labels the segments stored since the last pass.
 * A label is final once the watermark ≥ segment end + finalDelayMs (docs/labels-and-metrics.md).
 * After a mapping change, stored labels are re-derived under the new version from their stored
 * designations (no AIS is read again).
 */
import type { Station } from '../../shared/domain.ts';
import type { LabelEngineStatus } from '../../shared/labels.ts';
import type { Logger } from '../app/logger.ts';
import type { MappingRepo } from '../classes/mapping-repo.ts';
import type { Db } from '../storage/database.ts';
import { createAisReader, labelBatch, labelRowsOf, type AisReader } from './label-engine.ts';
import { createLabelsRepo, type LabelsRepo, type StationSegment } from './labels-repo.ts';
import type { LabelOptions } from './options.ts';

/** What the service needs. */
export interface LabelServiceDeps {
  db: Db;
  mapping: MappingRepo;
  options: LabelOptions;
  stations: () => readonly Station[];
  logger: Logger;
  settings: { get<T>(key: string, fallback: T): T; set(key: string, value: unknown): void };
}

const PAGE = 2000;

/** What the service reads about stored AIS: reports since a row id, and the oldest report time. */
function aisProgressQueries(db: Db) {
  return {
    newPositions: db.prepare<[number], { maxId: number | null; minTime: number | null; maxTime: number | null }>(
      'SELECT max(id) AS maxId, min(time) AS minTime, max(time) AS maxTime FROM ais_positions WHERE id > ?'),
    oldest: db.prepare<[], number | null>('SELECT min(time) FROM ais_positions').pluck(),
  };
}

/** Segments of one batch span at most this much time (bounds the AIS read at once). */
const BATCH_SPAN_MS = 3_600_000;
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

export class LabelService {
  readonly repo: LabelsRepo;
  readonly #d: LabelServiceDeps;
  readonly #reader: AisReader;
  readonly #q: ReturnType<typeof aisProgressQueries>;
  #watermark: number | null = null;
  #lastPositionId = 0;
  #cursor = 0;
  #recomputeAll = false;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #rederiving: Promise<void> | undefined;

  constructor(deps: LabelServiceDeps) {
    this.#d = deps;
    this.repo = createLabelsRepo(deps.db, { bufferKm: deps.options.bufferKm });
    this.#reader = createAisReader(deps.db);
    this.#q = aisProgressQueries(deps.db);
  }

  get options(): LabelOptions {
    return this.#d.options;
  }

  /** The range the live view uses (settings, else config). */
  get liveRangeKm(): number {
    const chosen = this.#d.settings.get('labels.liveRangeKm', this.#d.options.liveRangeKm);
    return this.#d.options.rangesKm.includes(chosen) ? chosen : this.#d.options.liveRangeKm;
  }

  set liveRangeKm(km: number) {
    this.#d.settings.set('labels.liveRangeKm', km);
  }

  /** Reads the AIS state, reopens everything if the labelled ranges changed, and starts the timer. */
  start(intervalMs = 2000): void {
    this.init();
    this.#timer = setInterval(() => void this.runPass(), intervalMs);
    this.#timer.unref();
  }

  /** Reads the AIS state and the cursor (start() does this; one-shot users call it before runPass()). */
  init(): void {
    const seen = this.#q.newPositions.get(0)!;
    this.#lastPositionId = seen.maxId ?? 0;
    this.#watermark = seen.maxTime;
    this.#cursor = this.repo.cursorStart();
    const ranges = JSON.stringify(this.#d.options.rangesKm);
    if (this.#d.settings.get('labels.rangesKm', ranges) !== ranges) this.#reopenRetained(-Infinity, Infinity);
    this.#d.settings.set('labels.rangesKm', ranges);
    this.#recomputeAll = true;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
    await this.#rederiving;
  }

  /** Runs one pass now (or waits for the running one); resolves when it is done. */
  runPass(): Promise<void> {
    this.#running ??= this.#pass()
      .catch((err: unknown) => this.#d.logger.error(`labelling failed: ${String(err)}`))
      .finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Reopens the labels of [from, to] (of one station) for recomputation; returns the labels reopened. */
  recompute(from: number, to: number, stationId?: string): number {
    const n = this.#reopenRetained(from, to, stationId);
    this.#recomputeAll = true;
    return n;
  }

  /** Re-derives every stored label under `version` (after a mapping change) from the stored facts, in the background. */
  rederive(version: number): Promise<void> {
    const { rangesKm, bufferKm } = this.#d.options;
    const run = async () => {
      const mapping = this.#d.mapping.mapping(version);
      for (let after = 0; ;) {
        const facts = this.repo.factsBatch(after, 2000);
        if (facts.length === 0) return;
        this.repo.replaceLabels(facts.flatMap((f) => labelRowsOf(f, rangesKm, bufferKm, mapping, version)));
        after = facts.at(-1)!.segmentId;
        await yieldNow();
      }
    };
    this.#rederiving = (this.#rederiving ?? Promise.resolve()).then(run).catch((err: unknown) => this.#d.logger.error(`re-deriving labels failed: ${String(err)}`));
    return this.#rederiving;
  }

  status(): LabelEngineStatus {
    const { options: o, mapping } = this.#d;
    const live = this.liveRangeKm;
    const { labelled, final } = this.repo.counts();
    const segments = this.repo.segmentCount();
    return {
      watermark: this.#watermark, finalBefore: this.#watermark === null ? null : this.#watermark - o.finalDelayMs,
      segments, labelled, final, pending: segments - final, rangesKm: o.rangesKm, liveRangeKm: live, bufferKm: o.bufferKm,
      currentMappingVersion: mapping.currentVersion(),
    };
  }

  /** Labels before the oldest stored AIS (retention) are kept: recomputing them would find no AIS. */
  #reopenRetained(from: number, to: number, stationId?: string): number {
    const oldest = this.#q.oldest.get();
    if (oldest === null || oldest === undefined) return 0;
    return this.repo.reopen(Math.max(from, oldest + this.#d.options.lookMs), to, stationId);
  }

  /** New AIS since the last pass: advances the watermark, reopens final labels the new reports touch. */
  #pollAis(): boolean {
    const news = this.#q.newPositions.get(this.#lastPositionId)!;
    if (news.maxId === null || news.minTime === null || news.maxTime === null) return false;
    this.#lastPositionId = news.maxId;
    const horizon = (this.#watermark ?? -Infinity) - this.#d.options.finalDelayMs;
    if (news.minTime - this.#d.options.lookMs <= horizon) this.repo.reopen(news.minTime - this.#d.options.lookMs, news.maxTime + this.#d.options.lookMs);
    this.#watermark = Math.max(this.#watermark ?? -Infinity, news.maxTime);
    return true;
  }

  async #pass(): Promise<void> {
    const moved = this.#pollAis() || this.#recomputeAll;
    this.#recomputeAll = false;
    if (moved) {
      for (let after = { start: -Infinity, id: 0 }; ;) {
        const page = this.repo.nonFinal(after, PAGE);
        if (page.length === 0) break;
        await this.#label(page);
        const last = page.at(-1)!;
        after = { start: last.start, id: last.id };
      }
    }
    for (;;) {
      const page = this.repo.newSegments(this.#cursor, PAGE);
      if (page.length === 0) break;
      await this.#label(page);
      this.#cursor = page.at(-1)!.id;
    }
  }

  /** Labels segments of any stations: per station, in time order, in batches of bounded time span. */
  async #label(segments: readonly StationSegment[]): Promise<void> {
    const stations = new Map(this.#d.stations().map((s) => [s.id, s]));
    const byStation = new Map<string, StationSegment[]>();
    for (const s of segments) {
      const list = byStation.get(s.stationId);
      if (list) list.push(s);
      else byStation.set(s.stationId, [s]);
    }
    for (const [stationId, list] of byStation) {
      const sensor = stations.get(stationId);
      if (!sensor) continue;
      list.sort((a, b) => a.start - b.start || a.id - b.id);
      for (let i = 0; i < list.length;) {
        let j = i + 1;
        while (j < list.length && list[j].start - list[i].start < BATCH_SPAN_MS) j++;
        this.#labelBatch(sensor, list.slice(i, j));
        i = j;
        await yieldNow();
      }
    }
  }

  #labelBatch(sensor: Station, segments: readonly StationSegment[]): void {
    const { mapping, options } = this.#d;
    const version = mapping.currentVersion();
    const knownUntil = this.#watermark ?? -Infinity;
    const { facts, rows, designations } = labelBatch(this.#reader, segments, { sensor, options, knownUntil, mapping: mapping.mapping(version), mappingVersion: version });
    this.repo.write(facts, rows);
    mapping.noteDesignations(designations, Date.now());
  }
}
