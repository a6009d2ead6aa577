/**
 * Child-process entry that owns ONE model's onnxruntime sessions (spawned by ModelHost via fork):
 * one session, or one per member of an ensemble.
 *
 * Crash- and hang-isolation is the point: a model that segfaults, leaks or spins only takes
 * this process down; the parent's watchdog SIGKILLs it. Must not import electron.
 */
import * as ort from 'onnxruntime-node';
import { AppError, toAppError } from '../../shared/errors.ts';
import { interleaveRows, repeatRows } from './batching.ts';
import { checkGraph } from './graph-check.ts';
import type { HostGraph, HostModelSpec, HostRequest, HostResponse, LoadRequest, RunRequest, TensorInfo } from './host-protocol.ts';

interface Member {
  session: ort.InferenceSession;
  dynamicBatch: boolean;
}

interface Loaded {
  members: Member[];
  spec: HostModelSpec;
}

let loaded: Loaded | undefined;

function send(message: HostResponse): void {
  process.send?.(message);
}

function tensorInfo(meta: ort.InferenceSession.ValueMetadata): TensorInfo {
  return meta.isTensor ? { name: meta.name, type: meta.type, shape: [...meta.shape] } : { name: meta.name, type: 'non-tensor', shape: [] };
}

async function createSession(graph: HostGraph): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(graph.path, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
  } catch (err) {
    // ORT prefixes "Load model from <absolute path> failed:"; the path adds nothing for the user.
    const reason = (err as Error).message.replace(/^Load model from .* failed:\s*/s, '');
    throw new AppError('MODEL_INVALID', `onnxruntime could not load ${graph.name}: ${reason}`, { cause: err });
  }
}

/** Loads one graph and checks it against the spec; an ensemble member's failure names the member. */
async function loadGraph(spec: HostModelSpec, graph: HostGraph): Promise<Member & { inputs: TensorInfo[]; outputs: TensorInfo[] }> {
  const session = await createSession(graph);
  const inputs = session.inputMetadata.map(tensorInfo);
  const outputs = session.outputMetadata.map(tensorInfo);
  try {
    return { session, inputs, outputs, ...checkGraph(spec, inputs, outputs) };
  } catch (err) {
    if (spec.graphs.length === 1 || !(err instanceof AppError)) throw err;
    throw new AppError(err.code, `member ${graph.name}: ${err.message}`, { cause: err });
  }
}

async function load(request: LoadRequest): Promise<HostResponse> {
  const started = performance.now();
  const graphs = [];
  // One after the other: the first broken member stops the load with its own reason.
  for (const graph of request.spec.graphs) graphs.push(await loadGraph(request.spec, graph));
  loaded = { members: graphs.map(({ session, dynamicBatch }) => ({ session, dynamicBatch })), spec: request.spec };
  const dynamicBatch = graphs.every((g) => g.dynamicBatch);
  const meta = { ortVersion: ort.env.versions.common, loadMs: performance.now() - started, dynamicBatch, graphs: graphs.length, pid: process.pid };
  return { type: 'loaded', requestId: request.requestId, inputs: graphs[0]!.inputs, outputs: graphs[0]!.outputs, meta };
}

/** Runs `rows` rows starting at `first` in one session.run call. */
async function runRows(session: ort.InferenceSession, spec: HostModelSpec, request: RunRequest, first: number, rows: number): Promise<ort.Tensor> {
  const slice = (data: Float32Array, shape: readonly number[]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return new ort.Tensor('float32', data.subarray(first * size, (first + rows) * size), [rows, ...shape]);
  };
  const feeds: Record<string, ort.Tensor> = { [spec.inputName]: slice(request.batch, spec.inputShape) };
  if (spec.mask) {
    if (!request.masks) throw new Error(`no keep-masks sent for mask input "${spec.mask.name}"`);
    feeds[spec.mask.name] = slice(request.masks, spec.mask.shape);
  }
  const results = await session.run(feeds, [spec.outputName]);
  return results[spec.outputName];
}

/** The request with `batch` holding all `n` rows (MC rows expanded here, not in the parent). */
function expanded(model: Loaded, request: RunRequest): RunRequest {
  const times = request.repeat ?? 1;
  if (times <= 1) return request;
  const rowSize = model.spec.inputShape.reduce((a, b) => a * b, 1);
  return { ...request, batch: repeatRows(request.batch, request.n / times, rowSize, times) };
}

/** All `n` rows through one member: one batched call, or row by row for a fixed batch axis of 1. */
async function runMember(member: Member, spec: HostModelSpec, request: RunRequest): Promise<{ output: Float32Array; dims: readonly number[] }> {
  if (member.dynamicBatch) {
    const tensor = await runRows(member.session, spec, request, 0, request.n);
    // slice(): the tensor may view a larger buffer, and structured clone would copy all of it.
    return { output: (tensor.data as Float32Array).slice(), dims: tensor.dims };
  }
  const parts: Float32Array[] = [];
  let dims: readonly number[] = [];
  for (let row = 0; row < request.n; row++) {
    const tensor = await runRows(member.session, spec, request, row, 1);
    parts.push(tensor.data as Float32Array);
    dims = tensor.dims;
  }
  const output = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  parts.reduce((offset, p) => (output.set(p, offset), offset + p.length), 0);
  return { output, dims: [request.n, ...dims.slice(1)] };
}

async function run(received: RunRequest): Promise<HostResponse> {
  if (!loaded) throw new Error('run before load');
  const model = loaded;
  const started = performance.now();
  const request = expanded(model, received);
  const results = [];
  for (const member of model.members) results.push(await runMember(member, model.spec, request));
  const output = interleaveRows(results.map((r) => r.output), request.n);
  const dims = [request.n * results.length, ...results[0]!.dims.slice(1)];
  return { type: 'result', requestId: request.requestId, output, dims, runMs: performance.now() - started };
}

async function handle(request: HostRequest): Promise<void> {
  try {
    send(request.type === 'load' ? await load(request) : await run(request));
  } catch (err) {
    const failure = toAppError(err, request.type === 'load' ? 'MODEL_INVALID' : 'MODEL_FAILED');
    send({ type: 'error', requestId: request.requestId, code: failure.code, message: failure.message });
  }
}

process.on('message', (request: HostRequest) => void handle(request));
// The parent went away (or disposed us): nothing left to serve.
process.on('disconnect', () => process.exit(0));
