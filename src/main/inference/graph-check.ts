/**
 * Checks an ONNX graph's inputs and outputs against what model.json says, before any run.
 *
 * Pure, so it is unit-tested without a model; the host process calls it right after loading.
 */
import { AppError } from '../../shared/errors.ts';
import type { HostModelSpec, TensorInfo } from './host-protocol.ts';

/** Throws AppError('MODEL_INVALID') naming the first mismatch; returns whether every fed input batches dynamically. */
export function checkGraph(spec: HostModelSpec, inputs: readonly TensorInfo[], outputs: readonly TensorInfo[]): { dynamicBatch: boolean } {
  const fed = [{ name: spec.inputName, shape: spec.inputShape, field: 'input.shape' }];
  if (spec.mask) fed.push({ name: spec.mask.name, shape: spec.mask.shape, field: 'uncertainty.maskShape' });
  const names = inputs.map((i) => i.name);
  for (const input of inputs) {
    if (!fed.some((f) => f.name === input.name)) {
      invalid(`graph input "${input.name}" is not fed: model.json names only ${fed.map((f) => `"${f.name}"`).join(' and ')}`);
    }
  }
  let dynamicBatch = true;
  for (const f of fed) {
    const info = inputs.find((i) => i.name === f.name);
    if (!info) invalid(`graph has no input "${f.name}" (its inputs: ${names.join(', ')})`);
    checkFloat(info, 'input');
    if (!checkShape(info, f.shape, f.field)) dynamicBatch = false;
  }
  checkOutput(spec, outputs);
  return { dynamicBatch };
}

function invalid(message: string): never {
  throw new AppError('MODEL_INVALID', message);
}

function checkFloat(info: TensorInfo, role: string): void {
  if (info.type !== 'float32') invalid(`graph ${role} "${info.name}" is ${info.type}; only float32 is supported`);
}

function isDynamic(dim: number | string): boolean {
  return typeof dim === 'string' || dim < 1;
}

function showShape(shape: readonly (number | string)[]): string {
  return `[${shape.join(', ')}]`;
}

/** Compares [batch, ...sampleShape] with the graph's shape; returns true if the batch axis is dynamic. */
function checkShape(info: TensorInfo, sampleShape: readonly number[], field: string): boolean {
  if (info.shape.length === 0) return true; // shape not recorded in the graph: nothing to check
  const [batch, ...rest] = info.shape;
  const mismatch = () =>
    invalid(
      `graph input "${info.name}" expects ${showShape(info.shape)} but model.json ${field} ${showShape(sampleShape)} ` +
        `gives ${showShape(['batch', ...sampleShape])}`,
    );
  if (rest.length !== sampleShape.length) mismatch();
  rest.forEach((dim, i) => {
    if (!isDynamic(dim) && dim !== sampleShape[i]) mismatch();
  });
  if (!isDynamic(batch) && batch !== 1) {
    invalid(`graph input "${info.name}" has a fixed batch axis of ${batch}; only 1 or a dynamic batch is supported`);
  }
  return isDynamic(batch);
}

function checkOutput(spec: HostModelSpec, outputs: readonly TensorInfo[]): void {
  const info = outputs.find((o) => o.name === spec.outputName);
  if (!info) invalid(`graph has no output "${spec.outputName}" (its outputs: ${outputs.map((o) => o.name).join(', ')})`);
  checkFloat(info, 'output');
  const perSample = info.shape.slice(1);
  if (info.shape.length === 0 || perSample.some(isDynamic)) return; // checked on the dry run instead
  const width = perSample.reduce<number>((a, d) => a * (d as number), 1);
  if (width !== spec.outputWidth) {
    invalid(`graph output "${info.name}" has ${width} values per sample but model.json lists ${spec.outputWidth} classes`);
  }
}
