/**
 * The truth side of the workstation (issue 7) as one unit for the container, the API and the CLI:
 * class mapping versions, the label service, analyst verifications, metrics, and the analyst actions
 * that span them (assign classes → new mapping version → labels re-derived; verify a segment; export a
 * training set).
 */
import { join } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import type { Station } from '../../shared/domain.ts';
import type { MappingChange, MappingVersion, TrainingExport, Verdict, Verification } from '../../shared/labels.ts';
import { metricsRequestSchema, type TruthSource } from '../../shared/metrics.ts';
import type { Logger } from '../app/logger.ts';
import { createMappingRepo, type MappingRepo } from '../classes/mapping-repo.ts';
import { writeLabelsCsv, writePredictionsCsv } from '../metrics/export-csv.ts';
import { MetricsService } from '../metrics/metrics-service.ts';
import type { Db } from '../storage/database.ts';
import type { Repositories } from '../storage/repositories.ts';
import { LabelService } from './label-service.ts';
import { labelOptions, type LabelsConfig } from './options.ts';
import { exportTrainingSet } from './training-export.ts';
import { createVerificationsRepo, type VerificationsRepo } from './verifications-repo.ts';

/** What the truth services need from the container. */
export interface TruthServicesDeps {
  db: Db;
  repos: Repositories;
  config: LabelsConfig;
  logger: Logger;
  analyst: () => string;
  appVersion: string;
  /** Where UI-triggered exports are written (the data folder's exports/). */
  exportsDir: string;
  /** Told the new version after the analyst changed the class mapping (the map recolours its vessels). */
  onMappingChanged?: (version: number) => void;
}

const SHIP_CLASSES = ['A', 'B', 'C', 'D'];
const WARM_UP_DELAY_MS = 3000;
type CsvEmit = (line: string) => void | Promise<void>;

export class TruthServices {
  readonly mapping: MappingRepo;
  readonly labels: LabelService;
  readonly verifications: VerificationsRepo;
  readonly metrics: MetricsService;
  readonly #d: TruthServicesDeps;
  #warmUp: NodeJS.Timeout | undefined;

  constructor(deps: TruthServicesDeps) {
    this.#d = deps;
    const { db, repos } = deps;
    this.mapping = createMappingRepo(db);
    this.verifications = createVerificationsRepo(db);
    this.labels = new LabelService({
      db, mapping: this.mapping, options: labelOptions(deps.config), stations: () => repos.stations.list(),
      logger: deps.logger.child('labels'), settings: repos.settings,
    });
    this.metrics = new MetricsService({ db, mapping: this.mapping, labels: this.labels, verifications: this.verifications, models: () => repos.models.list() });
  }

  /** Starts labelling, and warms the metrics caches in the background (so the Metrics page opens warm: its default request details the first model). */
  start(): void {
    this.labels.start();
    this.#warmUp = setTimeout(() => {
      const to = Date.now() + 86_400_000;
      this.metrics.compute(metricsRequestSchema.parse({ from: to - 31 * 86_400_000, to, details: 'first' }))
        .catch((err: unknown) => this.#d.logger.warn(`warming the metrics caches failed: ${String(err)}`));
    }, WARM_UP_DELAY_MS);
    this.#warmUp.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#warmUp);
    await this.labels.stop();
  }

  /** Creates a mapping version with `changes` (author: the analyst) and re-derives stored labels under it. */
  assignClasses(changes: readonly MappingChange[], note: string): MappingVersion {
    const version = this.mapping.createVersion(changes, this.#d.analyst(), note);
    void this.labels.rederive(version.version);
    this.#d.onMappingChanged?.(version.version);
    return version;
  }

  /** Records the analyst's verdict on a segment; classes are the ships heard (A–D) for confirmed/corrected. */
  verify(segmentId: number, verdict: Verdict, classes: readonly string[], note?: string): Verification {
    if (!this.#segment(segmentId)) throw new AppError('NOT_FOUND', `no segment ${segmentId}`);
    const ships = [...new Set(classes)].sort();
    if ((verdict === 'confirmed' || verdict === 'corrected') && (ships.length === 0 || ships.some((c) => !SHIP_CLASSES.includes(c)))) {
      throw new AppError('BAD_REQUEST', `a ${verdict} label needs one or more of the classes ${SHIP_CLASSES.join(', ')} (use "no-ship" or "cant-tell" otherwise)`);
    }
    const stored = verdict === 'no-ship' ? ['E'] : verdict === 'cant-tell' ? [] : ships;
    return this.verifications.add({ segmentId, verdict, classes: stored, analyst: this.#d.analyst(), at: Date.now(), ...(note ? { note } : {}) });
  }

  /** Verified segments of [from, to) with their cached audio as a training set in `dir` (default exports/training-<time>). */
  exportTrainingSet(f: { from: number; to: number; stationId?: string; rangeKm?: number; mappingVersion?: number }, dir?: string): Promise<TrainingExport> {
    const version = f.mappingVersion ?? this.mapping.currentVersion();
    const out = dir ?? join(this.#d.exportsDir, `training-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`);
    const stations: Station[] = this.#d.repos.stations.list();
    return exportTrainingSet(this.verifications.latestInRange(f.from, f.to, f.stationId), out, {
      db: this.#d.db, labels: this.labels.repo, stations, recordings: (id, a, b) => this.#d.repos.backfill.inRange(id, a, b),
      mapping: this.mapping.mapping(version), mappingVersion: version, rangeKm: f.rangeKm ?? this.labels.liveRangeKm, appVersion: this.#d.appVersion,
    });
  }

  /** Writes the predictions of segments starting in [from, to) as CSV lines; returns how many. */
  writePredictionsCsv(f: { from: number; to: number; stationId?: string; models?: { id: string; version: string }[] }, emit: CsvEmit): Promise<number> {
    return writePredictionsCsv(this.#d.db, this.#d.repos.models.list(), f, emit);
  }

  /** Writes the labels of segments starting in [from, to) under a mapping version (default current) as CSV lines. */
  writeLabelsCsv(f: { from: number; to: number; stationId?: string; rangeKm?: number; mappingVersion?: number; truth: TruthSource }, emit: CsvEmit): Promise<number> {
    const version = f.mappingVersion ?? this.mapping.currentVersion();
    const verifications = this.verifications.latestInRange(f.from, f.to, f.stationId);
    return writeLabelsCsv(this.labels.repo, verifications, { ...f, mapping: this.mapping.mapping(version), version }, emit);
  }

  #segment(id: number): boolean {
    return this.#d.db.prepare<[number], number>('SELECT 1 FROM segments WHERE id = ?').pluck().get(id) !== undefined;
  }
}
