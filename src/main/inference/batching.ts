/**
 * Pure helpers around one host run: repeating samples for MC passes, building keep-masks,
 * checking and activating the raw output, and splitting it back per sample.
 */
import { AppError } from '../../shared/errors.ts';

/** Repeats each of `n` rows `times` times, sample-major: row i pass t lands at i·times + t. */
export function repeatRows(data: Float32Array, n: number, rowSize: number, times: number): Float32Array {
  const out = new Float32Array(n * times * rowSize);
  for (let i = 0; i < n; i++) {
    const row = data.subarray(i * rowSize, (i + 1) * rowSize);
    for (let t = 0; t < times; t++) out.set(row, (i * times + t) * rowSize);
  }
  return out;
}

/** Bernoulli keep-masks for inverted dropout: each value is 1/(1−rate) with probability 1−rate, else 0. */
export function keepMasks(rows: number, rowSize: number, rate: number, random: () => number = Math.random): Float32Array {
  const kept = 1 / (1 - rate);
  const out = new Float32Array(rows * rowSize);
  for (let i = 0; i < out.length; i++) out[i] = random() < rate ? 0 : kept;
  return out;
}

/** Throws MODEL_FAILED naming the first non-finite value ("model returned NaN"). */
export function assertFinite(values: Float32Array): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new AppError('MODEL_FAILED', `model returned ${values[i]}`);
  }
}

/** Row-wise softmax in place (max-subtracted, so large logits cannot overflow). */
export function softmaxRows(values: Float32Array, width: number): void {
  for (let start = 0; start < values.length; start += width) {
    const row = values.subarray(start, start + width);
    const max = row.reduce((m, v) => Math.max(m, v), -Infinity);
    let total = 0;
    for (let k = 0; k < width; k++) total += row[k] = Math.exp(row[k] - max);
    for (let k = 0; k < width; k++) row[k] /= total;
  }
}

/** Element-wise logistic sigmoid in place. */
export function sigmoid(values: Float32Array): void {
  for (let i = 0; i < values.length; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
}

/** Declared probabilities must lie in [0, 1] (a little float slack); a softmax-less graph usually means logits. */
export function assertProbabilities(values: Float32Array, outputName: string): void {
  const SLACK = 1e-4;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < -SLACK || values[i] > 1 + SLACK) {
      throw new AppError(
        'MODEL_FAILED',
        `output "${outputName}" is declared as probabilities but contains ${values[i]}; set output.kind to "logits"`,
      );
    }
  }
}

/** Checks the raw output size, finiteness and range, and applies softmax/sigmoid to logits. In place. */
export function finishOutput(
  output: Float32Array,
  rows: number,
  width: number,
  opts: { outputName: string; kind: 'probabilities' | 'logits'; task: 'multi-class' | 'multi-label' },
): Float32Array {
  if (output.length !== rows * width) {
    throw new AppError(
      'MODEL_FAILED',
      `output "${opts.outputName}" has ${output.length} values for ${rows} rows; expected ${rows} × ${width} classes`,
    );
  }
  assertFinite(output);
  if (opts.kind === 'probabilities') assertProbabilities(output, opts.outputName);
  else if (opts.task === 'multi-class') softmaxRows(output, width);
  else sigmoid(output);
  return output;
}

/**
 * Interleaves the outputs of several graphs run on the same `n` rows into sample-major order: row i of
 * graph g lands at i·graphs + g, so an ensemble's members line up like the MC passes of one sample.
 */
export function interleaveRows(parts: readonly Float32Array[], n: number): Float32Array {
  const width = parts[0]!.length / n;
  const odd = parts.findIndex((p) => p.length !== n * width);
  if (!Number.isInteger(width) || odd >= 0) {
    const sizes = parts.map((p) => p.length).join(', ');
    throw new AppError('MODEL_FAILED', `the graphs returned different output sizes for ${n} rows (${sizes} values)`);
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Float32Array(n * parts.length * width);
  for (let i = 0; i < n; i++) {
    parts.forEach((part, g) => out.set(part.subarray(i * width, (i + 1) * width), (i * parts.length + g) * width));
  }
  return out;
}

/** Splits `n` consecutive blocks of `blockSize` values into separate arrays (copies). */
export function splitBlocks(values: Float32Array, n: number, blockSize: number): Float32Array[] {
  return Array.from({ length: n }, (_, i) => values.slice(i * blockSize, (i + 1) * blockSize));
}
