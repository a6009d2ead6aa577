/**
 * Messages between ModelHost (parent) and model-host.process.ts (child), sent over the
 * fork IPC channel with `serialization: 'advanced'` so Float32Arrays travel by structured clone.
 *
 * Every request carries a requestId and gets exactly one response with the same id.
 */
import type { ErrorCode } from '../../shared/errors.ts';

/** What the child needs to load and check a graph: the relevant slice of the manifest. */
export interface HostModelSpec {
  /**
   * The graphs to load, each in its own session: one, or an ensemble's members. Every graph is run on
   * the same rows and checked against the same names and shapes below.
   */
  readonly graphs: readonly HostGraph[];
  readonly inputName: string;
  /** Feature tensor shape of one sample, without the batch axis. */
  readonly inputShape: readonly number[];
  readonly outputName: string;
  /** Values per sample the output must have (the number of classes). */
  readonly outputWidth: number;
  /** MC-dropout keep-mask input, when the model has one. */
  readonly mask?: { readonly name: string; readonly shape: readonly number[] };
}

/** One ONNX file to load. */
export interface HostGraph {
  readonly path: string;
  /** File name shown in messages (the manifest's `onnx` or member name). */
  readonly name: string;
}

/** A graph input or output as onnxruntime reports it; shape is [] when the graph does not say. */
export interface TensorInfo {
  readonly name: string;
  readonly type: string;
  readonly shape: readonly (number | string)[];
}

/** Facts about the loaded session. */
export interface HostMeta {
  readonly ortVersion: string;
  readonly loadMs: number;
  /** True when every fed input of every graph has a dynamic batch axis; otherwise the child runs one row at a time. */
  readonly dynamicBatch: boolean;
  /** Sessions loaded: 1, or the members of an ensemble. */
  readonly graphs: number;
  readonly pid: number;
}

export interface LoadRequest {
  readonly type: 'load';
  readonly requestId: number;
  readonly spec: HostModelSpec;
}

export interface RunRequest {
  readonly type: 'run';
  readonly requestId: number;
  /** `n` rows of the feature tensor, concatenated (`n / repeat` distinct rows when `repeat` is set). */
  readonly batch: Float32Array;
  readonly n: number;
  /**
   * MC passes: each row of `batch` stands for `repeat` consecutive rows, expanded in the host, so an
   * MC model's features cross the process boundary once instead of once per pass.
   */
  readonly repeat?: number;
  /** `n` keep-mask rows for MC dropout, concatenated. */
  readonly masks?: Float32Array;
}

export type HostRequest = LoadRequest | RunRequest;

export interface LoadedResponse {
  readonly type: 'loaded';
  readonly requestId: number;
  /** Inputs and outputs of the first graph (every other graph passed the same checks). */
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  readonly meta: HostMeta;
}

export interface ResultResponse {
  readonly type: 'result';
  readonly requestId: number;
  /**
   * n × graphs rows, sample-major: with several graphs (an ensemble) the members' outputs for row i
   * are consecutive, exactly like the MC passes of one sample.
   */
  readonly output: Float32Array;
  readonly dims: readonly number[];
  /** Time spent inside onnxruntime, ms. */
  readonly runMs: number;
}

export interface ErrorResponse {
  readonly type: 'error';
  readonly requestId: number;
  readonly code: ErrorCode;
  readonly message: string;
}

export type HostResponse = LoadedResponse | ResultResponse | ErrorResponse;
