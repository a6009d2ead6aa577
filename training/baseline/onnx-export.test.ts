import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { createRng } from './prng.ts';
import { decodeOnnx, exportSoftmaxModelToOnnx, ONNX_IR_VERSION, ONNX_OPSET } from './onnx-export.ts';
import { predictProba, type SoftmaxModel } from './softmax-regression.ts';

function randomModel(seed: number, nFeatures: number, nClasses: number): SoftmaxModel {
  const rng = createRng(seed);
  const arr = (n: number, f: () => number) => Float64Array.from({ length: n }, f);
  return {
    nFeatures,
    nClasses,
    standardizer: { mean: arr(nFeatures, () => -60 + 40 * rng()), invStd: arr(nFeatures, () => 0.05 + rng()) },
    weights: arr(nFeatures * nClasses, () => rng() - 0.5),
    bias: arr(nClasses, () => rng() - 0.5),
  };
}

const OPTIONS = { inputName: 'features', outputName: 'probs', description: 'test', metadata: { purpose: 'unit test' } };

describe('exportSoftmaxModelToOnnx', () => {
  it('writes IR 8 / opset 17 with a dynamic batch axis', () => {
    const decoded = decodeOnnx(exportSoftmaxModelToOnnx(randomModel(1, 64, 5), OPTIONS));
    expect(Number(decoded.irVersion)).toBe(ONNX_IR_VERSION);
    expect(Number(decoded.opsetImport[0].version)).toBe(ONNX_OPSET);
    const input = decoded.graph?.input?.[0];
    expect(input?.name).toBe('features');
    const dims = input?.type?.tensorType?.shape?.dim ?? [];
    expect(dims[0].dimParam).toBe('N');
    expect(Number(dims[1].dimValue)).toBe(64);
    expect(decoded.graph?.node?.map((n) => n.opType)).toEqual(['Sub', 'Mul', 'Gemm', 'Softmax']);
  });

  it('runs in onnxruntime and matches the TypeScript forward pass to 1e-5', async () => {
    const model = randomModel(2, 64, 5);
    const session = await ort.InferenceSession.create(exportSoftmaxModelToOnnx(model, OPTIONS));
    const rng = createRng(3);
    const batch = 7;
    const features = Float32Array.from({ length: batch * 64 }, () => -90 + 60 * rng());
    const out = await session.run({ features: new ort.Tensor('float32', features, [batch, 64]) });
    const probs = out.probs;
    expect(probs.dims).toEqual([batch, 5]);
    const data = probs.data as Float32Array;
    for (let i = 0; i < batch; i++) {
      const expected = predictProba(model, features.subarray(i * 64, (i + 1) * 64));
      for (let c = 0; c < 5; c++) expect(Math.abs(data[i * 5 + c] - expected[c])).toBeLessThan(1e-5);
    }
    await session.release();
  });
});
