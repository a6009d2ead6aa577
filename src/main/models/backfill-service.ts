/**
 * Backfill: re-runs models over a past time range of a station's cached audio.
 *
 * The worker reads the audio and computes features in batches; here each batch is mapped onto
 * stored segments (the live ones when they exist), every chosen model runs the batch in one batched
 * host call (models in parallel, each in its own process), and the predictions are stored with
 * source 'backfill'. Segments a model version already predicted are skipped, so a backfill can be
 * re-run or resumed safely. Progress (done/total, rate, time left) is pushed as it goes, and the new
 * predictions with it (collected between pushes, so a long backfill sends a few batches a second,
 * not one event per segment); cancel stops the worker at once. Models that are not active are kept
 * running only for the job.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES, toAppError, type ErrorCode } from '../../shared/errors.ts';
import type { ModelManifest } from '../../shared/model-manifest.ts';
import type { Prediction } from '../../shared/domain.ts';
import type { BackfillJob, CachedAudio } from '../../shared/models.ts';
import { entryPath } from '../app/entry-path.ts';
import type { Logger } from '../app/logger.ts';
import type { InferenceService } from '../inference/inference-service.ts';
import { featureRequestOf, planFeatures, windowKey } from '../pipeline/feature-plan.ts';
import { toPrediction } from '../pipeline/segment-inference.ts';
import type { NewPrediction } from '../storage/predictions-repo.ts';
import type { Repositories } from '../storage/repositories.ts';
import { addBatch, finishJob, newJob } from './backfill-job.ts';
import { audioRuns, groupTiming, planWindows, windowCount } from './backfill-plan.ts';
import type { BackfillWindow, BackfillWorkerData, FromBackfillWorker } from './backfill-protocol.ts';
import type { ModelRegistry } from './model-registry.ts';

export interface BackfillDeps {
  repos: Pick<Repositories, 'backfill' | 'segments' | 'predictions' | 'modelEvents'>;
  registry: Pick<ModelRegistry, 'record' | 'hold'>;
  inference: Pick<InferenceService, 'infer'>;
  logger: Logger;
  actor: () => string;
  onProgress: (job: BackfillJob) => void;
  /** The predictions stored since the last call, pushed just before each progress update (live view). */
  onPredictions?: (predictions: Prediction[]) => void;
  /** Windows per batched model run (default 8). */
  batchSize?: number;
}

export interface BackfillRequest {
  stationId: string;
  models: { id: string; version: string }[];
  from: number;
  to: number;
}

interface Entry {
  job: BackfillJob;
  worker?: Worker;
  finished: Promise<BackfillJob>;
  cancelled: boolean;
  lastPush: number;
  /** Stored but not yet pushed. */
  unpushed: Prediction[];
}

const PUSH_INTERVAL_MS = 250;

const asErrorCode = (code: string): ErrorCode => ((ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL');

export class BackfillService {
  readonly #d: BackfillDeps;
  readonly #jobs = new Map<string, Entry>();

  constructor(deps: BackfillDeps) {
    this.#d = deps;
  }

  /** The cached audio a station has. */
  sources(stationId: string): CachedAudio {
    return { stationId, ...this.#d.repos.backfill.summary(stationId) };
  }

  /** Validates and starts a job; returns it running. */
  start(request: BackfillRequest): BackfillJob {
    const { stationId, from, to } = request;
    if (!(to > from)) throw new AppError('BAD_REQUEST', 'backfill: "to" must be after "from"');
    const manifests = request.models.map((m) => {
      const record = this.#d.registry.record(m.id, m.version);
      if (record.status === 'retired') throw new AppError('CONFLICT', `model ${m.id} ${m.version} is retired`);
      return record.manifest;
    });
    const groups = this.#plan(stationId, manifests, from, to);
    const total = groups.reduce((n, g) => n + windowCount(g.plan), 0);
    if (total === 0) {
      throw new AppError('NOT_FOUND', `no cached audio of station ${stationId} covers a whole segment between ` +
        `${new Date(from).toISOString()} and ${new Date(to).toISOString()}`);
    }
    const job = newJob({ id: randomUUID(), stationId, models: request.models, from, to, total, actor: this.#d.actor() }, Date.now());
    const entry: Entry = { job, finished: Promise.resolve(job), cancelled: false, lastPush: 0, unpushed: [] };
    this.#jobs.set(job.id, entry);
    entry.finished = this.#run(entry, manifests, { groups, batchSize: this.#d.batchSize ?? 8 });
    this.#d.onProgress(job);
    return job;
  }

  cancel(jobId: string): BackfillJob {
    const entry = this.#entry(jobId);
    if (entry.job.state === 'running') {
      entry.cancelled = true;
      void entry.worker?.terminate();
    }
    return entry.job;
  }

  list(): BackfillJob[] {
    return [...this.#jobs.values()].map((e) => e.job).sort((a, b) => b.startedAt - a.startedAt);
  }

  /** Resolves with the finished job. */
  wait(jobId: string): Promise<BackfillJob> {
    return this.#entry(jobId).finished;
  }

  /** Cancels every running job and waits for them. */
  async stop(): Promise<void> {
    for (const e of this.#jobs.values()) if (e.job.state === 'running') this.cancel(e.job.id);
    await Promise.allSettled([...this.#jobs.values()].map((e) => e.finished));
  }

  #entry(jobId: string): Entry {
    const entry = this.#jobs.get(jobId);
    if (!entry) throw new AppError('NOT_FOUND', `no backfill job ${jobId}`);
    return entry;
  }

  #plan(stationId: string, manifests: readonly ModelManifest[], from: number, to: number): BackfillWorkerData['groups'] {
    const runs = audioRuns(this.#d.repos.backfill.inRange(stationId, from, to));
    return planFeatures(manifests).map((group) => {
      const anchor = this.#d.repos.backfill.anchor(stationId, groupTiming(group).segmentMs, from);
      return { group, plan: planWindows(runs, group, from, to, anchor) };
    });
  }

  async #run(entry: Entry, manifests: readonly ModelManifest[], data: BackfillWorkerData): Promise<BackfillJob> {
    const releases: (() => Promise<void>)[] = [];
    try {
      for (const m of manifests) releases.push(await this.#d.registry.hold(m.id, m.version));
      if (!entry.cancelled) await this.#drive(entry, manifests, data);
      this.#finish(entry, entry.cancelled ? 'cancelled' : 'done');
    } catch (err) {
      this.#finish(entry, entry.cancelled ? 'cancelled' : 'failed', toAppError(err).message);
    } finally {
      await entry.worker?.terminate();
      await Promise.allSettled(releases.map((release) => release()));
    }
    return entry.job;
  }

  /** Runs the worker to its end, processing one batch at a time. */
  #drive(entry: Entry, manifests: readonly ModelManifest[], data: BackfillWorkerData): Promise<void> {
    const worker = new Worker(entryPath(import.meta.url, './backfill.worker.ts', 'backfill.worker'), { workerData: data });
    entry.worker = worker;
    let chain = Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (msg: FromBackfillWorker) => {
        if (msg.type === 'batch') {
          chain = chain
            .then(() => this.#batch(entry, manifests, msg))
            .then(() => worker.postMessage({ type: 'ack' }))
            .catch(reject);
        } else if (msg.type === 'done') void chain.then(resolve);
        else reject(new AppError(asErrorCode(msg.code), msg.message));
      });
      worker.on('error', reject);
      worker.on('exit', () => (entry.cancelled ? resolve() : chain.then(resolve)));
    });
  }

  async #batch(entry: Entry, manifests: readonly ModelManifest[], msg: Extract<FromBackfillWorker, { type: 'batch' }>): Promise<void> {
    if (entry.cancelled) return;
    const segments = msg.windows.map((w) => ({ w, id: this.#segmentId(entry.job.stationId, w), features: new Map(w.features) }));
    const worked = new Set<number>();
    const counts = { predictions: 0, failures: 0 };
    await Promise.all(manifests.filter((m) => windowKey(m) === msg.groupKey).map(async (m) => {
      const key = featureRequestOf(m).key;
      const todo = segments.filter((s) => !this.#d.repos.backfill.hasPrediction(s.id, m.id, m.version));
      const ready = todo.filter((s) => s.features.get(key)?.ok);
      counts.failures += todo.length - ready.length;
      todo.forEach((s) => worked.add(s.id));
      if (!ready.length) return;
      // Read-after-await: `counts.predictions += await …` would add to a stale total when models finish concurrently.
      const stored = await this.#predict(m, ready.map((s) => ({ id: s.id, data: (s.features.get(key) as { data: Float32Array }).data })), counts);
      counts.predictions += stored.length;
      entry.unpushed.push(...stored);
    }));
    const batch = { windows: msg.windows.length, skipped: msg.windows.length - worked.size, audioMs: msg.audioMs, ...counts };
    entry.job = addBatch(entry.job, batch, Date.now());
    this.#push(entry);
  }

  /** One batched run of one model; returns the predictions stored (failures are counted, not thrown). */
  async #predict(m: ModelManifest, rows: { id: number; data: Float32Array }[], counts: { failures: number }): Promise<Prediction[]> {
    const size = m.input.shape.reduce((a, b) => a * b, 1);
    const batch = new Float32Array(rows.length * size);
    rows.forEach((r, i) => batch.set(r.data, i * size));
    try {
      const outs = await this.#d.inference.infer(m.id, m.version, batch, rows.length);
      const predictions: NewPrediction[] = outs.map((o, i) => ({ ...toPrediction(rows[i]!.id, m, o), source: 'backfill' }));
      return this.#d.repos.predictions.insertMany(predictions);
    } catch (err) {
      counts.failures += rows.length;
      this.#d.logger.warn(`backfill: model ${m.id} ${m.version} failed on a batch`, { reason: toAppError(err).message });
      return [];
    }
  }

  /** The stored segment this window falls on (the live one if any), created when missing. */
  #segmentId(stationId: string, w: BackfillWindow): number {
    const start = Math.round(w.startTime);
    const end = Math.round(w.endTime);
    return this.#d.repos.backfill.segmentNear(stationId, start, end)
      ?? this.#d.repos.segments.ensure({ stationId, startTime: start, endTime: end, sampleRate: w.sampleRate, padded: false });
  }

  #push(entry: Entry, force = false): void {
    const now = Date.now();
    if (!force && now - entry.lastPush < PUSH_INTERVAL_MS) return;
    entry.lastPush = now;
    // Predictions first: when progress says done, the live view already has everything.
    if (entry.unpushed.length) this.#d.onPredictions?.(entry.unpushed.splice(0));
    this.#d.onProgress(entry.job);
  }

  #finish(entry: Entry, state: 'done' | 'cancelled' | 'failed', message?: string): void {
    const { job } = entry;
    const summary = message ?? (job.failures ? `${job.failures} model run(s) failed; see the log` : undefined);
    entry.job = finishJob(job, state, Date.now(), summary);
    const range = `${new Date(job.from).toISOString()} → ${new Date(job.to).toISOString()}`;
    const detail = `${state}: station ${job.stationId}, ${range}; ${entry.job.done}/${job.total} segments, ` +
      `${entry.job.predictions} predictions, ${entry.job.skipped} already predicted, ${entry.job.failures} failed`;
    for (const m of job.models) {
      this.#d.repos.modelEvents.record({ modelId: m.id, modelVersion: m.version, action: 'backfill', actor: job.actor, detail });
    }
    this.#push(entry, true);
  }
}
