/**
 * Deploy validation: everything a package must pass before it is accepted. In order:
 * manifest (strict schema, cross-field rules, feature shape), ONNX size, not already deployed,
 * load in its own host process with the graph's input/output names and shapes checked against the
 * manifest, a dry run on silence, a dry run on the reference segment (a real clip featurised with the
 * model's own spec), and a speed check (it must keep up with live segments). The first failure
 * refuses the package with a precise reason; the measurements of a success form the deploy report.
 */
import { AppError, toAppError } from '../../shared/errors.ts';
import type { DeployReport } from '../../shared/models.ts';
import type { InferenceLogger } from '../inference/host-channel.ts';
import { ModelHost, modelLabel, type ModelHostOptions } from '../inference/model-host.ts';
import { loadModelPackage, type ModelPackage } from '../inference/model-package.ts';
import { summarize } from '../inference/uncertainty.ts';
import { REFERENCE_CLIP, referenceFeatures } from './reference-segment.ts';

export interface ValidationOptions {
  /** Watchdog for each validation run, ms (default 10 000): a model that hangs is refused, not waited for. */
  runTimeoutMs?: number;
  /** Limit for loading the graph, ms (default 30 000). */
  loadTimeoutMs?: number;
  maxOnnxBytes?: number;
  logger?: InferenceLogger;
  /** Reference clip path (default: the bundled SanctSound large-ship clip). */
  referenceClip?: string;
  /** Starts the host; replaced in tests. */
  startHost?: (pkg: ModelPackage, options: ModelHostOptions) => Promise<Pick<ModelHost, 'run' | 'dispose' | 'loaded' | 'passes'>>;
}

export interface ValidatedPackage {
  pkg: ModelPackage;
  report: Omit<DeployReport, 'source'>;
}

/** Validates the package in `dir`; `existing` tells who deployed an id@version already, if anyone did. */
export async function validatePackage(
  dir: string,
  existing: (id: string, version: string) => { deployedBy: string; deployedAt: number } | undefined,
  options: ValidationOptions = {},
): Promise<ValidatedPackage> {
  const pkg = await loadModelPackage(dir, options.maxOnnxBytes === undefined ? {} : { maxOnnxBytes: options.maxOnnxBytes });
  const { id, version } = pkg.manifest;
  const already = existing(id, version);
  if (already) {
    throw new AppError(
      'CONFLICT',
      `model ${id} version ${version} is already deployed (by ${already.deployedBy}, ${new Date(already.deployedAt).toISOString()}); ` +
        'give the new package a new version',
    );
  }
  const start = options.startHost ?? ((p: ModelPackage, o: ModelHostOptions) => ModelHost.start(p, o));
  const host = await start(pkg, {
    timeoutMs: options.runTimeoutMs ?? 10_000,
    loadTimeoutMs: options.loadTimeoutMs ?? 30_000,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    return { pkg, report: await measure(pkg, host, options) };
  } finally {
    await host.dispose();
  }
}

async function measure(pkg: ModelPackage, host: Pick<ModelHost, 'run' | 'loaded' | 'passes'>, options: ValidationOptions): Promise<ValidatedPackage['report']> {
  const { manifest } = pkg;
  const size = manifest.input.shape.reduce((a, b) => a * b, 1);
  let t0 = performance.now();
  await host.run(new Float32Array(size), 1);
  const silenceMs = performance.now() - t0;

  const features = await referenceFeatures(manifest, options.referenceClip);
  t0 = performance.now();
  const summary = await referenceStep(pkg, async () => {
    const [out] = await host.run(features, 1);
    const k = manifest.classes.length;
    const passes = Array.from({ length: out!.length / k }, (_, t) => out!.subarray(t * k, (t + 1) * k));
    return summarize(manifest.task, passes, manifest.classes.map((c) => manifest.thresholds?.[c.classId] ?? 0.5));
  });
  const referenceMs = performance.now() - t0;
  checkKeepsUp(pkg, referenceMs);
  const best = summary.probs.indexOf(Math.max(...summary.probs));
  return {
    id: manifest.id, version: manifest.version, onnxBytes: pkg.onnxBytes, onnxSha256: pkg.onnxSha256,
    loadMs: host.loaded.meta.loadMs, silenceMs, referenceMs, referenceClip: REFERENCE_CLIP,
    referenceClass: manifest.classes[best]!.classId, referenceProbs: summary.probs, passes: host.passes,
  };
}

/** Runs the reference step, naming it in any failure: "id@version: dry run on the reference segment (clip): reason". */
async function referenceStep<T>(pkg: ModelPackage, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    const e = toAppError(err, 'MODEL_FAILED');
    const label = modelLabel(pkg.manifest);
    const reason = e.message.startsWith(`${label}: `) ? e.message.slice(label.length + 2) : e.message;
    throw new AppError(e.code, `${label}: dry run on the reference segment (${REFERENCE_CLIP}): ${reason}`, { cause: err });
  }
}

/** A model slower than the segment rate would fall further behind with every segment. */
function checkKeepsUp(pkg: ModelPackage, referenceMs: number): void {
  const { input } = pkg.manifest;
  const hopMs = input.segmentSeconds * (1 - input.overlap) * 1000;
  if (referenceMs > hopMs) {
    throw new AppError(
      'MODEL_INVALID',
      `${modelLabel(pkg.manifest)}: too slow to run live: one segment took ${Math.round(referenceMs)} ms on this machine ` +
        `but a new segment arrives every ${Math.round(hopMs)} ms`,
    );
  }
}
