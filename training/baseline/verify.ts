/**
 * Checks a written package through the real serving path: loadModelPackage (manifest + feature shape),
 * ModelHost (child process, onnxruntime) — and compares its outputs with the TypeScript forward pass.
 */
import { checkFeatureShape, loadModelPackage } from '../../src/main/inference/model-package.ts';
import { ModelHost } from '../../src/main/inference/model-host.ts';
import { AppError } from '../../src/shared/errors.ts';
import { predictProba, type SoftmaxModel } from './softmax-regression.ts';

export interface Verification {
  rows: number;
  /** Largest |ModelHost − TypeScript| probability difference. */
  maxAbsDiff: number;
  onnxSha256: string;
  onnxBytes: number;
}

/** Runs `rows` through the package in a ModelHost; throws if any probability differs by more than `tolerance`. */
export async function verifyPackage(dir: string, model: SoftmaxModel, rows: readonly Float32Array[], tolerance = 1e-5): Promise<Verification> {
  const pkg = await loadModelPackage(dir);
  checkFeatureShape(pkg.manifest);
  const host = await ModelHost.start(pkg);
  try {
    const width = model.nFeatures;
    const batch = new Float32Array(rows.length * width);
    rows.forEach((r, i) => batch.set(r, i * width));
    const outputs = await host.run(batch, rows.length);
    let maxAbsDiff = 0;
    outputs.forEach((probs, i) => {
      const expected = predictProba(model, rows[i]);
      for (let c = 0; c < expected.length; c++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(probs[c] - expected[c]));
    });
    if (!(maxAbsDiff <= tolerance)) {
      throw new AppError('MODEL_FAILED', `served outputs differ from the TypeScript forward pass by ${maxAbsDiff} (> ${tolerance})`);
    }
    return { rows: rows.length, maxAbsDiff, onnxSha256: pkg.onnxSha256, onnxBytes: pkg.onnxBytes };
  } finally {
    await host.dispose();
  }
}
