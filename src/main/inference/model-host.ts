/**
 * ModelHost: one model running in its own child process (model-host.process.ts).
 *
 * start() forks, loads and checks the graph, then dry-runs it on silence; run() batches
 * samples (× MC passes, with fresh keep-masks) into as few session runs as possible and
 * returns checked, activated probabilities. A hung run is SIGKILLed by the watchdog.
 *
 * An ensemble is one model too: all its member graphs live in the same host process, one session
 * each, and every run feeds each member the same rows. The members are one prediction together (a
 * crashed member invalidates the ensemble's answer anyway), the features cross the process boundary
 * once instead of once per member, one watchdog and one restart policy cover them, and the machine
 * (2 cores, one intra-op thread per session) gains nothing from a process per member but memory.
 */
import { AppError, toAppError } from '../../shared/errors.ts';
import type { ModelManifest } from '../../shared/model-manifest.ts';
import { finishOutput, keepMasks, splitBlocks } from './batching.ts';
import { HostChannel, type InferenceLogger } from './host-channel.ts';
import { resolveHostEntry } from './host-entry.ts';
import type { HostModelSpec, LoadedResponse, ResultResponse } from './host-protocol.ts';
import { forwardPasses, type ModelPackage } from './model-package.ts';

export interface ModelHostOptions {
  /** Watchdog per host call (one batched run, all ensemble members), ms (default 10 000). */
  timeoutMs?: number;
  /** Limit for loading the ONNX file, ms (default 30 000). */
  loadTimeoutMs?: number;
  logger?: InferenceLogger;
  /** Random source for MC keep-masks (default Math.random); seed it in tests. */
  random?: () => number;
  /** Most rows (samples × passes) sent in one run (default 1024); MC passes of a sample are never split. */
  maxRowsPerRun?: number;
  /** Host entry path; defaults to resolveHostEntry(). */
  entry?: string;
}

const DEFAULTS = { timeoutMs: 10_000, loadTimeoutMs: 30_000, maxRowsPerRun: 1024 };

/** `id@version`, the label used in every message about a model. */
export function modelLabel(manifest: ModelManifest): string {
  return `${manifest.id}@${manifest.version}`;
}

function hostSpec(pkg: ModelPackage): HostModelSpec {
  const { manifest } = pkg;
  const u = manifest.uncertainty;
  return {
    graphs: pkg.graphs.map((g) => ({ path: g.path, name: g.name })),
    inputName: manifest.input.name,
    inputShape: manifest.input.shape,
    outputName: manifest.output.name,
    outputWidth: manifest.classes.length,
    ...(u.method === 'mc-dropout' ? { mask: { name: u.maskInput, shape: u.maskShape } } : {}),
  };
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A running model host process. */
export class ModelHost {
  readonly pkg: ModelPackage;
  /** Graph inputs/outputs and session facts reported by the host. */
  readonly loaded: LoadedResponse;
  /** Forward passes per sample: MC-dropout passes, ensemble members, or 1. */
  readonly passes: number;
  readonly #channel: HostChannel;
  readonly #options: Required<Omit<ModelHostOptions, 'logger' | 'entry'>>;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(pkg: ModelPackage, channel: HostChannel, loaded: LoadedResponse, options: ModelHostOptions) {
    this.pkg = pkg;
    this.loaded = loaded;
    this.#channel = channel;
    this.#options = { ...DEFAULTS, random: Math.random, ...stripUndefined(options) };
    this.passes = forwardPasses(pkg.manifest);
  }

  /** Forks the host, loads and checks the graph, dry-runs it on silence. Throws AppError with the reason. */
  static async start(pkg: ModelPackage, options: ModelHostOptions = {}): Promise<ModelHost> {
    const channel = HostChannel.fork(options.entry ?? resolveHostEntry(), modelLabel(pkg.manifest), options.logger);
    try {
      const timeout = options.loadTimeoutMs ?? DEFAULTS.loadTimeoutMs;
      const loaded = (await channel.request({ type: 'load', spec: hostSpec(pkg) }, timeout)) as LoadedResponse;
      const host = new ModelHost(pkg, channel, loaded, options);
      await host.#dryRun();
      return host;
    } catch (err) {
      await channel.dispose();
      throw labelled(err, modelLabel(pkg.manifest));
    }
  }

  get pid(): number | undefined {
    return this.#channel.pid;
  }

  /** False once the process died or was disposed. */
  get alive(): boolean {
    return this.#channel.alive;
  }

  /** Called once if the host process dies on its own (crash, watchdog kill), with the reason. */
  onExit(listener: (reason: AppError) => void): () => void {
    return this.#channel.onExit(listener);
  }

  /**
   * Runs `n` samples (features concatenated, each `input.shape` values). Returns one array per
   * sample: K class probabilities in manifest order, or passes × K (pass-major) for MC models and
   * ensembles (members in manifest order).
   * Runs are serialised: the watchdog then times exactly one session run.
   */
  run(features: Float32Array, n: number): Promise<Float32Array[]> {
    const label = modelLabel(this.pkg.manifest);
    const result = this.#queue.then(() => this.#runNow(features, n)).catch((err: unknown) => Promise.reject(labelled(err, label)));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Stops the process; runs in flight reject with CANCELLED. */
  dispose(): Promise<void> {
    return this.#channel.dispose();
  }

  async #runNow(features: Float32Array, n: number): Promise<Float32Array[]> {
    const rowSize = product(this.pkg.manifest.input.shape);
    if (!Number.isInteger(n) || n < 1 || features.length !== n * rowSize) {
      throw new AppError('BAD_REQUEST', `expected ${n} × ${rowSize} feature values, got ${features.length}`);
    }
    const samplesPerRun = Math.max(1, Math.floor(this.#options.maxRowsPerRun / this.passes));
    const out: Float32Array[] = [];
    for (let first = 0; first < n; first += samplesPerRun) {
      const count = Math.min(samplesPerRun, n - first);
      out.push(...(await this.#runChunk(features.subarray(first * rowSize, (first + count) * rowSize), count)));
    }
    return out;
  }

  async #runChunk(features: Float32Array, n: number): Promise<Float32Array[]> {
    const { manifest } = this.pkg;
    const u = manifest.uncertainty;
    const rows = n * this.passes;
    // slice(): only this sample range crosses the process boundary; the host repeats rows for MC
    // passes, and runs every ensemble member on the same n rows (returning n × members rows).
    const batch = features.slice();
    const mc = u.method === 'mc-dropout' ? { repeat: this.passes, masks: keepMasks(rows, product(u.maskShape), u.rate, this.#options.random) } : undefined;
    const request = { type: 'run' as const, batch, ...(mc ? { n: rows, ...mc } : { n }) };
    const response = (await this.#channel.request(request, this.#options.timeoutMs)) as ResultResponse;
    const k = manifest.classes.length;
    const probs = finishOutput(response.output, rows, k, { outputName: manifest.output.name, kind: manifest.output.kind, task: manifest.task });
    return splitBlocks(probs, n, this.passes * k);
  }

  /** A model that cannot answer silence sensibly will not answer real audio either. */
  async #dryRun(): Promise<void> {
    const { manifest } = this.pkg;
    try {
      const [out] = await this.#runNow(new Float32Array(product(manifest.input.shape)), 1);
      if (manifest.task === 'multi-class' && manifest.output.kind === 'probabilities') checkRowSums(out, manifest);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      throw new AppError(err.code, `dry run on silence: ${err.message}`, { cause: err });
    }
  }
}

function checkRowSums(out: Float32Array, manifest: ModelManifest): void {
  const k = manifest.classes.length;
  for (let start = 0; start < out.length; start += k) {
    const total = out.subarray(start, start + k).reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-3) {
      throw new AppError(
        'MODEL_INVALID',
        `output "${manifest.output.name}" sums to ${total.toFixed(4)}, not 1; if the graph has no softmax set output.kind to "logits"`,
      );
    }
  }
}

/** Prefixes `id@version: ` so every failure says which model it was (once). */
function labelled(err: unknown, label: string): AppError {
  const appError = toAppError(err, 'MODEL_FAILED');
  if (appError.message.startsWith(`${label}: `)) return appError;
  return new AppError(appError.code, `${label}: ${appError.message}`, { cause: err });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
