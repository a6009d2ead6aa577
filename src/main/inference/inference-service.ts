/**
 * InferenceService: every active model, each in its own host process, each with its own queue.
 *
 * A slow model queues (bounded; callers wait for room) without blocking the others; a crashed
 * or hung model is marked failed with the reason and restarted with exponential backoff
 * (1 s, 2 s, 4 s … 60 s) while the other models keep predicting.
 */
import { AppError } from '../../shared/errors.ts';
import { silentLogger, type InferenceLogger } from './host-channel.ts';
import { ModelHost, type ModelHostOptions } from './model-host.ts';
import type { ModelPackage } from './model-package.ts';
import { ModelSlot, type Backoff, type InferenceResult, type ModelRuntimeState, type StartHost } from './model-slot.ts';

export type { InferenceResult, ModelRuntimeState } from './model-slot.ts';

export interface InferenceServiceOptions {
  logger?: InferenceLogger;
  /** Watchdog per run, ms (default 10 000). */
  timeoutMs?: number;
  /** Requests queued per model before infer() waits for room (default 4). */
  maxQueue?: number;
  /** Restart backoff (default 1 s doubling to 60 s). */
  backoff?: Partial<Backoff>;
  /** Other ModelHost options (load timeout, mask RNG, batch limit). */
  hostOptions?: Omit<ModelHostOptions, 'logger' | 'timeoutMs'>;
  /** A failed run (NaN, model error) marks the model failed and restarts it with backoff (default false: only that request fails). */
  failOnRunError?: boolean;
  /** Starts a host; replaced in tests. */
  startHost?: StartHost;
}

const key = (id: string, version: string) => `${id}@${version}`;

export class InferenceService {
  readonly #slots = new Map<string, ModelSlot>();
  readonly #starting = new Map<string, Promise<void>>();
  readonly #listeners = new Set<(states: ModelRuntimeState[]) => void>();
  readonly #slotOptions;
  #stopped = false;

  constructor(options: InferenceServiceOptions = {}) {
    const logger = options.logger ?? silentLogger;
    this.#slotOptions = {
      startHost: options.startHost ?? ((pkg: ModelPackage, o: ModelHostOptions) => ModelHost.start(pkg, o)),
      hostOptions: { ...options.hostOptions, logger, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) },
      backoff: { initialMs: 1000, maxMs: 60_000, ...options.backoff },
      maxQueue: options.maxQueue ?? 4,
      failOnRunError: options.failOnRunError ?? false,
      logger,
      onChange: () => this.#emit(),
    };
  }

  /** Subscribes to state changes (any model); returns the unsubscribe function. */
  onChange(listener: (states: ModelRuntimeState[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Starts a model. Resolves when it is ready; throws the AppError that stopped it
   * (MODEL_INVALID, MODEL_FAILED, MODEL_TIMEOUT), in which case it is not listed.
   * Activating a running id@version with different weights replaces it.
   */
  activate(pkg: ModelPackage): Promise<void> {
    if (this.#stopped) return Promise.reject(new AppError('CANCELLED', 'inference service stopped'));
    const k = key(pkg.manifest.id, pkg.manifest.version);
    const pending = this.#starting.get(k);
    if (pending) return pending;
    const existing = this.#slots.get(k);
    if (existing && existing.pkg.onnxSha256 === pkg.onnxSha256) return Promise.resolve();
    const started = this.#replace(k, pkg).finally(() => this.#starting.delete(k));
    this.#starting.set(k, started);
    return started;
  }

  /** Stops a model; unknown ids are ignored. Queued requests reject with CANCELLED. */
  async deactivate(id: string, version: string): Promise<void> {
    const slot = this.#slots.get(key(id, version));
    if (!slot) return;
    this.#slots.delete(key(id, version));
    await slot.stop();
    this.#emit();
  }

  /** Every active model (including failed and restarting ones), sorted by id@version. */
  list(): ModelRuntimeState[] {
    return [...this.#slots.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, slot]) => slot.snapshot());
  }

  /** Workstation class ids of a model, in the order of its `probs`. */
  classIds(id: string, version: string): string[] {
    return this.#slot(id, version).pkg.manifest.classes.map((c) => c.classId);
  }

  /** Requests accepted for a model but not finished (0 for unknown models). */
  queueDepth(id: string, version: string): number {
    return this.#slots.get(key(id, version))?.queueDepth ?? 0;
  }

  /**
   * Runs `n` samples (features concatenated) through a model. One result per sample, probs in
   * manifest class order. Rejects NOT_FOUND for inactive models, MODEL_FAILED while failed.
   */
  infer(id: string, version: string, features: Float32Array, n: number): Promise<InferenceResult[]> {
    try {
      return this.#slot(id, version).infer(features, n);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Stops every model and refuses new activations. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.allSettled(this.#starting.values());
    const slots = [...this.#slots.values()];
    this.#slots.clear();
    await Promise.all(slots.map((slot) => slot.stop()));
    this.#emit();
  }

  async #replace(k: string, pkg: ModelPackage): Promise<void> {
    const slot = new ModelSlot(pkg, this.#slotOptions);
    const previous = this.#slots.get(k);
    this.#slots.set(k, slot);
    this.#emit();
    try {
      await previous?.stop();
      await slot.start();
    } catch (err) {
      if (this.#slots.get(k) === slot) this.#slots.delete(k);
      this.#emit();
      throw err;
    }
    if (this.#stopped) await slot.stop();
  }

  #slot(id: string, version: string): ModelSlot {
    const slot = this.#slots.get(key(id, version));
    if (!slot) throw new AppError('NOT_FOUND', `model ${key(id, version)} is not active`);
    return slot;
  }

  #emit(): void {
    if (this.#listeners.size === 0) return;
    const states = this.list();
    for (const listener of this.#listeners) listener(states);
  }
}
