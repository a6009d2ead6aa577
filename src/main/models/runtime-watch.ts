/**
 * Keeps the registry honest about what happens on its own: a model that fails at run time (NaN,
 * crash, watchdog kill) gets a 'failed' audit entry with the reason and a 'recovered' one once it
 * predicts again; the UI hears about state changes at once and about latency at most every few
 * seconds; and changes another process made to the same database (`aiw models activate` while
 * the app runs) are picked up by polling the audit trail's newest id.
 */
import type { Logger } from '../app/logger.ts';
import type { InferenceService, ModelRuntimeState } from '../inference/inference-service.ts';
import type { ModelEventsRepo } from '../storage/model-events-repo.ts';
import type { ModelsRepo } from '../storage/models-repo.ts';

export interface RuntimeWatchOptions {
  inference: InferenceService;
  events: ModelEventsRepo;
  repo: ModelsRepo;
  logger: Logger;
  onChange: () => void;
  reconcile: () => Promise<void>;
}

/** Latency-only changes are pushed at most this often. */
const LATENCY_PUSH_MS = 5000;

interface Tracked {
  signature: string;
  /** Successful runs when the model last failed; undefined while healthy. */
  failedAtRuns: number | undefined;
}

export class RuntimeWatch {
  readonly #o: RuntimeWatchOptions;
  readonly #tracked = new Map<string, Tracked>();
  #unsubscribe: (() => void) | undefined;
  #pollTimer: NodeJS.Timeout | undefined;
  #latencyTimer: NodeJS.Timeout | undefined;
  #lastEventId = -1;
  #polling = false;

  constructor(options: RuntimeWatchOptions) {
    this.#o = options;
  }

  start(pollMs: number): void {
    this.#unsubscribe ??= this.#o.inference.onChange((states) => this.#onStates(states));
    this.#lastEventId = this.#o.events.lastId();
    this.#pollTimer ??= setInterval(() => void this.#poll(), pollMs);
    this.#pollTimer.unref();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearInterval(this.#pollTimer);
    clearTimeout(this.#latencyTimer);
    this.#pollTimer = undefined;
  }

  #onStates(states: readonly ModelRuntimeState[]): void {
    let changed = false;
    for (const s of states) changed = this.#track(s) || changed;
    const live = new Set(states.map((s) => `${s.id}@${s.version}`));
    for (const k of this.#tracked.keys()) {
      if (!live.has(k)) {
        this.#tracked.delete(k);
        changed = true;
      }
    }
    if (changed) {
      clearTimeout(this.#latencyTimer);
      this.#latencyTimer = undefined;
      this.#o.onChange();
    } else {
      this.#latencyTimer ??= setTimeout(() => {
        this.#latencyTimer = undefined;
        this.#o.onChange();
      }, LATENCY_PUSH_MS).unref();
    }
  }

  /** Updates one model's record; returns whether its state (not just its latency) changed. */
  #track(s: ModelRuntimeState): boolean {
    const k = `${s.id}@${s.version}`;
    const signature = `${s.state}|${s.failure ?? ''}|${s.restarts}`;
    const t = this.#tracked.get(k) ?? { signature: '', failedAtRuns: undefined };
    this.#tracked.set(k, t);
    if (s.state === 'failed' && t.failedAtRuns === undefined) {
      t.failedAtRuns = s.runs;
      this.#audit(s, 'failed', s.failure ?? 'failed');
    } else if (s.state === 'ready' && t.failedAtRuns !== undefined && s.runs > t.failedAtRuns) {
      t.failedAtRuns = undefined;
      this.#audit(s, 'recovered', `predicting again after ${s.restarts} restart(s)`);
    }
    const changed = signature !== t.signature;
    t.signature = signature;
    return changed;
  }

  #audit(s: ModelRuntimeState, action: 'failed' | 'recovered', detail: string): void {
    try {
      this.#o.events.record({ modelId: s.id, modelVersion: s.version, action, actor: 'system', detail });
      this.#o.repo.setFailure(s.id, s.version, action === 'failed' ? detail : undefined);
    } catch (err) {
      this.#o.logger.error('could not record a model state change', { model: `${s.id}@${s.version}`, error: String(err) });
    }
  }

  async #poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const last = this.#o.events.lastId();
      if (last === this.#lastEventId) return;
      this.#lastEventId = last;
      await this.#o.reconcile();
      this.#o.onChange();
    } catch (err) {
      this.#o.logger.error('model registry sync failed', { error: String(err) });
    } finally {
      this.#polling = false;
    }
  }
}
