/**
 * Runs a written model package the way the workstation serves it — loadModelPackage (manifest and feature
 * shape checks) and a ModelHost child process (onnxruntime, MC keep-masks, output checks) — on feature rows
 * read from the dataset's `.npy` files.
 */
import { open } from 'node:fs/promises';
import { AppError } from '../../src/shared/errors.ts';
import { loadModelPackage } from '../../src/main/inference/model-package.ts';
import { ModelHost } from '../../src/main/inference/model-host.ts';
import { summarize } from '../../src/main/inference/uncertainty.ts';

/** Reads the first `take` values of each listed row of a float32 `.npy` file (C order) into one array. */
export async function readNpyRows(path: string, rows: readonly number[], take: number): Promise<Float32Array> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(10);
    await fh.read(head, 0, 10, 0);
    if (head.readUInt8(6) !== 1) throw new AppError('BAD_REQUEST', `${path}: only .npy format 1.0 is read`);
    const offset = 10 + head.readUInt16LE(8);
    const header = Buffer.alloc(offset - 10);
    await fh.read(header, 0, header.length, 10);
    const shape = /'shape': \(([^)]*)\)/.exec(header.toString('latin1'))?.[1]?.split(',').filter((s) => s.trim()).map(Number);
    if (!shape || !header.toString('latin1').includes("'<f4'")) throw new AppError('BAD_REQUEST', `${path}: not a float32 array`);
    const rowValues = shape.slice(1).reduce((a, b) => a * b, 1);
    if (take > rowValues) throw new AppError('BAD_REQUEST', `${path}: rows hold ${rowValues} values, ${take} requested`);
    const out = new Float32Array(rows.length * take);
    const bytes = Buffer.from(out.buffer);
    for (const [i, row] of rows.entries()) {
      if (row < 0 || row >= shape[0]) throw new AppError('BAD_REQUEST', `${path}: row ${row} out of range`);
      await fh.read(bytes, i * take * 4, take * 4, offset + row * rowValues * 4);
    }
    return out;
  } finally {
    await fh.close();
  }
}

/** One sample's served output: mean probabilities (model class order) and their spread over MC passes. */
export interface ServedOutput {
  probs: number[];
  /** Standard deviation of each class probability over the MC passes (0 for a deterministic model). */
  sd: number[];
}

/** Serves `n` samples through a ModelHost; `random` drives the MC keep-masks. */
export async function servePackage(dir: string, features: Float32Array, n: number, random?: () => number): Promise<ServedOutput[]> {
  const pkg = await loadModelPackage(dir);
  const host = await ModelHost.start(pkg, random ? { random } : {});
  try {
    const outputs = await host.run(features, n);
    const k = pkg.manifest.classes.length;
    const thresholds = pkg.manifest.classes.map((c) => pkg.manifest.thresholds?.[c.classId] ?? 0.5);
    return outputs.map((out) => {
      const passes = Array.from({ length: out.length / k }, (_, t) => out.subarray(t * k, (t + 1) * k));
      const summary = summarize(pkg.manifest.task, passes, thresholds);
      return { probs: summary.probs, sd: (summary.uncertainty.variance ?? summary.probs.map(() => 0)).map(Math.sqrt) };
    });
  } finally {
    await host.dispose();
  }
}

/**
 * Largest |served − PyTorch| probability over the reference rows, with every MC unit kept (a keep-mask source
 * that never drops); throws when it exceeds `tolerance`.
 */
export async function checkAgainstTorch(dir: string, features: Float32Array, expected: readonly (readonly number[])[], tolerance = 1e-4): Promise<number> {
  const served = await servePackage(dir, features, expected.length, () => 0.999);
  let maxAbsDiff = 0;
  served.forEach(({ probs }, i) => probs.forEach((p, k) => (maxAbsDiff = Math.max(maxAbsDiff, Math.abs(p - expected[i][k])))));
  if (!(maxAbsDiff <= tolerance)) {
    throw new AppError('MODEL_FAILED', `${dir}: onnxruntime differs from PyTorch by ${maxAbsDiff} (> ${tolerance})`);
  }
  return maxAbsDiff;
}

/** Median wall time of one segment's inference (all MC passes) in a ModelHost, after a warm-up, ms. */
export async function segmentLatencyMs(dir: string, row: Float32Array, repeats = 15): Promise<number> {
  const host = await ModelHost.start(await loadModelPackage(dir));
  try {
    await host.run(row, 1);
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      await host.run(row, 1);
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  } finally {
    await host.dispose();
  }
}
