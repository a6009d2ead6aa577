/**
 * Writes a fitted softmax-regression model as an ONNX graph (IR 8, opset 17):
 *
 *   features [N, F] → Sub(mean) → Mul(invStd) → Gemm(W [F, K], b [K]) → Softmax(axis −1) → probs [N, K]
 * Built directly with onnx-proto's protobuf classes, so no Python toolchain is needed.
 */
import onnxProto from 'onnx-proto';
import type { SoftmaxModel } from './softmax-regression.ts';

const { onnx } = onnxProto;

export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 17;

export interface OnnxExportOptions {
  inputName: string;
  outputName: string;
  /** Stored in the model's doc string and metadata. */
  description: string;
  metadata?: Record<string, string>;
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;

function floatTensor(name: string, dims: number[], values: ArrayLike<number>): InstanceType<typeof onnx.TensorProto> {
  // Little-endian float32 bytes in raw_data: compact and what ORT reads fastest.
  const data = Float32Array.from(values as ArrayLike<number>);
  return onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer) });
}

function tensorValueInfo(name: string, dims: (number | string)[]): InstanceType<typeof onnx.ValueInfoProto> {
  const dim = dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim } } },
  });
}

function node(opType: string, input: string[], output: string[], attribute: object[] = []): InstanceType<typeof onnx.NodeProto> {
  return onnx.NodeProto.create({ opType, input, output, name: `${opType.toLowerCase()}_${output[0]}`, attribute });
}

function graphOf(model: SoftmaxModel, options: OnnxExportOptions): InstanceType<typeof onnx.GraphProto> {
  const { nFeatures: f, nClasses: k } = model;
  const initializer = [
    floatTensor('feature_mean', [f], model.standardizer.mean),
    floatTensor('feature_inv_std', [f], model.standardizer.invStd),
    floatTensor('weights', [f, k], model.weights),
    floatTensor('bias', [k], model.bias),
  ];
  const nodes = [
    node('Sub', [options.inputName, 'feature_mean'], ['centred']),
    node('Mul', ['centred', 'feature_inv_std'], ['standardised']),
    node('Gemm', ['standardised', 'weights', 'bias'], ['logits']),
    node('Softmax', ['logits'], [options.outputName], [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: -1 }]),
  ];
  return onnx.GraphProto.create({
    name: 'standardised_softmax_regression',
    input: [tensorValueInfo(options.inputName, ['N', f])],
    output: [tensorValueInfo(options.outputName, ['N', k])],
    initializer,
    node: nodes,
  });
}

/** Serialises `model` to ONNX bytes. */
export function exportSoftmaxModelToOnnx(model: SoftmaxModel, options: OnnxExportOptions): Uint8Array {
  const metadataProps = Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value }));
  const proto = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'aiw-training-baseline',
    producerVersion: '1',
    docString: options.description,
    graph: graphOf(model, options),
    metadataProps,
  });
  return onnx.ModelProto.encode(proto).finish();
}

/** Decodes ONNX bytes back into a plain object (used by tests to inspect the graph). */
export function decodeOnnx(bytes: Uint8Array): InstanceType<typeof onnx.ModelProto> {
  return onnx.ModelProto.decode(bytes);
}
