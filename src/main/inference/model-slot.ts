/**
 * One active model inside the InferenceService: its host, its request queue, its health
 * and its restarts. A slow or crashed model only ever affects its own slot.
 */
import { AppError, toAppError } from '../../shared/errors.ts';
import type { InferenceLogger } from './host-channel.ts';
import { modelLabel, type ModelHost, type ModelHostOptions } from './model-host.ts';
import { forwardPasses, type ModelPackage } from './model-package.ts';
import { summarize, type UncertaintySummary } from './uncertainty.ts';

export type ModelRuntimeStateName = 'loading' | 'ready' | 'failed' | 'restarting';

/** What the service reports about one model. */
export interface ModelRuntimeState {
  id: string;
  version: string;
  state: ModelRuntimeStateName;
  /** Why the model is failed or restarting, from the AppError message. */
  failure?: string;
  /** Median per-sample latency of the last 100 runs, ms. */
  latencyMsP50?: number;
  /** Successful runs. */
  runs: number;
  /** Failed runs (NaN output, timeouts, crashes mid-run). */
  failures: number;
  /** Host restarts after crashes or watchdog kills. */
  restarts: number;
  /** Requests accepted but not finished (running, queued, or waiting for room). */
  queueDepth: number;
  /** Workstation class ids, in the order of `probs`. */
  classIds: string[];
  /** Forward passes per sample (MC dropout passes or ensemble members), 1 for deterministic models. */
  passes: number;
  /** When the next restart attempt is due (epoch ms), while failed. */
  nextRestartAt?: number;
  /** Process id of the running host. */
  pid?: number;
}

/** One sample's result: probabilities in manifest class order. */
export interface InferenceResult {
  probs: number[];
  uncertainty: UncertaintySummary;
  /** Host round trip of the run, divided by the samples in it (queue wait excluded), ms. */
  latencyMs: number;
}

/** The part of ModelHost a slot uses (so tests can inject fakes). */
export type HostHandle = Pick<ModelHost, 'run' | 'dispose' | 'onExit' | 'pid'>;
export type StartHost = (pkg: ModelPackage, options: ModelHostOptions) => Promise<HostHandle>;

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export interface SlotOptions {
  startHost: StartHost;
  hostOptions: ModelHostOptions;
  backoff: Backoff;
  maxQueue: number;
  logger: InferenceLogger;
  onChange: () => void;
  /**
   * Treat a failed run (NaN output, a model error) like a crash: mark the slot failed with the reason,
   * stop the host and restart it with backoff. Off: only that request fails and the slot stays ready.
   */
  failOnRunError?: boolean;
}

/** Restart delay after `attempt` consecutive failures (0-based): initial · 2^attempt, capped. */
export function backoffDelay(attempt: number, backoff: Backoff): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
}

interface Job {
  features: Float32Array;
  n: number;
  resolve(results: InferenceResult[]): void;
  reject(err: AppError): void;
}

const LATENCY_WINDOW = 100;

export class ModelSlot {
  readonly pkg: ModelPackage;
  readonly label: string;
  readonly #o: SlotOptions;
  #state: ModelRuntimeStateName = 'loading';
  #failure: string | undefined;
  #host: HostHandle | undefined;
  #jobs: Job[] = [];
  #roomWaiters: (() => void)[] = [];
  #running = false;
  #stopped = false;
  #stats = { runs: 0, failures: 0, restarts: 0 };
  #latencies: number[] = [];
  #attempt = 0;
  #restartTimer: NodeJS.Timeout | undefined;
  #nextRestartAt: number | undefined;

  constructor(pkg: ModelPackage, options: SlotOptions) {
    this.pkg = pkg;
    this.label = modelLabel(pkg.manifest);
    this.#o = options;
  }

  /** Starts the first host; throws the AppError that prevented it. */
  async start(): Promise<void> {
    this.#attach(await this.#o.startHost(this.pkg, this.#o.hostOptions));
    this.#setState('ready');
  }

  snapshot(): ModelRuntimeState {
    const { manifest } = this.pkg;
    return {
      id: manifest.id,
      version: manifest.version,
      state: this.#state,
      ...(this.#failure === undefined ? {} : { failure: this.#failure }),
      ...(this.#latencies.length ? { latencyMsP50: median(this.#latencies) } : {}),
      ...this.#stats,
      queueDepth: this.queueDepth,
      classIds: manifest.classes.map((c) => c.classId),
      passes: forwardPasses(manifest),
      ...(this.#nextRestartAt === undefined ? {} : { nextRestartAt: this.#nextRestartAt }),
      ...(this.#host?.pid === undefined ? {} : { pid: this.#host.pid }),
    };
  }

  get queueDepth(): number {
    return this.#jobs.length + this.#roomWaiters.length + (this.#running ? 1 : 0);
  }

  /** Queues a request; waits for room when maxQueue requests are already queued. */
  async infer(features: Float32Array, n: number): Promise<InferenceResult[]> {
    this.#assertReady();
    while (this.#jobs.length >= this.#o.maxQueue) {
      await new Promise<void>((resolve) => this.#roomWaiters.push(resolve));
      this.#assertReady();
    }
    return new Promise((resolve, reject) => {
      this.#jobs.push({ features, n, resolve, reject });
      void this.#pump();
    });
  }

  /** Stops restarts, cancels queued work and ends the host. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#restartTimer);
    this.#failQueued(new AppError('CANCELLED', `${this.label}: deactivated`));
    await this.#host?.dispose();
    this.#host = undefined;
  }

  #assertReady(): void {
    if (this.#stopped) throw new AppError('CANCELLED', `${this.label}: deactivated`);
    if (this.#state !== 'ready') {
      const why = this.#failure ? `: ${this.#failure}` : '';
      throw new AppError('MODEL_FAILED', `${this.label} is not ready (${this.#state})${why}`);
    }
  }

  async #pump(): Promise<void> {
    if (this.#running || !this.#host) return;
    const job = this.#jobs.shift();
    if (!job) return;
    this.#roomWaiters.shift()?.();
    this.#running = true;
    try {
      job.resolve(await this.#runJob(this.#host, job));
    } catch (err) {
      this.#stats.failures++;
      const failure = toAppError(err, 'MODEL_FAILED');
      job.reject(failure);
      if (this.#o.failOnRunError && failure.code === 'MODEL_FAILED') this.#failRun(failure);
    } finally {
      this.#running = false;
      this.#o.onChange();
    }
    void this.#pump();
  }

  async #runJob(host: HostHandle, job: Job): Promise<InferenceResult[]> {
    const started = performance.now();
    const outputs = await host.run(job.features, job.n);
    const latencyMs = (performance.now() - started) / job.n;
    this.#recordLatency(latencyMs);
    this.#stats.runs++;
    this.#attempt = 0; // the model works again: the next crash starts the backoff from 1 s
    const { manifest } = this.pkg;
    const k = manifest.classes.length;
    const thresholds = manifest.classes.map((c) => manifest.thresholds?.[c.classId] ?? 0.5);
    return outputs.map((out) => {
      const passes = Array.from({ length: out.length / k }, (_, t) => out.subarray(t * k, (t + 1) * k));
      return { ...summarize(manifest.task, passes, thresholds), latencyMs };
    });
  }

  #attach(host: HostHandle): void {
    this.#host = host;
    host.onExit((reason) => this.#onHostDied(host, reason));
  }

  #onHostDied(host: HostHandle, reason: AppError): void {
    if (this.#host !== host || this.#stopped) return;
    this.#host = undefined;
    this.#o.logger.error(`${this.label}: host died`, { reason: reason.message });
    this.#failQueued(reason);
    this.#fail(reason.message);
  }

  /** A run failed on a host that is still attached (a died host is handled by #onHostDied): retire that host. */
  #failRun(reason: AppError): void {
    const host = this.#host;
    if (!host || this.#stopped) return;
    this.#host = undefined;
    this.#o.logger.error(`${this.label}: run failed; restarting the host`, { reason: reason.message });
    this.#failQueued(reason);
    void host.dispose();
    this.#fail(reason.message);
  }

  /** Marks the slot failed and schedules the next restart attempt. */
  #fail(reason: string): void {
    this.#failure = reason;
    const delay = backoffDelay(this.#attempt++, this.#o.backoff);
    this.#nextRestartAt = Date.now() + delay;
    this.#restartTimer = setTimeout(() => void this.#restart(), delay);
    this.#restartTimer.unref();
    this.#setState('failed');
  }

  async #restart(): Promise<void> {
    this.#nextRestartAt = undefined;
    this.#setState('restarting');
    try {
      const host = await this.#o.startHost(this.pkg, this.#o.hostOptions);
      if (this.#stopped) return void (await host.dispose());
      this.#attach(host);
      this.#stats.restarts++;
      this.#o.logger.info(`${this.label}: host restarted`);
      this.#setState('ready');
      void this.#pump();
    } catch (err) {
      if (this.#stopped) return;
      this.#fail(toAppError(err).message);
    }
  }

  #failQueued(reason: AppError): void {
    for (const job of this.#jobs.splice(0)) job.reject(reason);
    for (const wake of this.#roomWaiters.splice(0)) wake();
  }

  #setState(state: ModelRuntimeStateName): void {
    this.#state = state;
    if (state === 'ready') this.#failure = undefined;
    this.#o.onChange();
  }

  #recordLatency(ms: number): void {
    this.#latencies.push(ms);
    if (this.#latencies.length > LATENCY_WINDOW) this.#latencies.shift();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
