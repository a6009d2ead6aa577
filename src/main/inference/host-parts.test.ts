/**
 * Pure pieces of the host: entry resolution, batching/activation helpers and the graph check.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assertFinite, finishOutput, interleaveRows, keepMasks, repeatRows, softmaxRows, splitBlocks } from './batching.ts';
import { checkGraph } from './graph-check.ts';
import { resolveHostEntry } from './host-entry.ts';
import type { HostModelSpec, TensorInfo } from './host-protocol.ts';

describe('resolveHostEntry', () => {
  const only = (path: string) => (p: string) => p === path;

  it('prefers the .ts sibling when running from sources', () => {
    expect(resolveHostEntry('file:///app/src/main/inference/model-host.ts', () => true)).toBe('/app/src/main/inference/model-host.process.ts');
  });

  it('finds the bundled entry beside an entry bundle or above a shared chunk', () => {
    expect(resolveHostEntry('file:///app/out/main/electron.js', only('/app/out/main/model-host.process.js'))).toBe('/app/out/main/model-host.process.js');
    expect(resolveHostEntry('file:///app/out/main/assets/inference-x1.js', only('/app/out/main/model-host.process.js'))).toBe(
      '/app/out/main/model-host.process.js',
    );
  });

  it('says where it looked', () => {
    expect(() => resolveHostEntry('file:///x/y.js', () => false)).toThrow(
      'entry point model-host.process not found: looked for /x/model-host.process.js, /model-host.process.js, /x/model-host.process.ts',
    );
  });
});

describe('batching', () => {
  it('repeats rows sample-major', () => {
    expect(Array.from(repeatRows(Float32Array.of(1, 2, 3, 4), 2, 2, 3))).toEqual([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
  });

  it('builds inverted-dropout keep-masks', () => {
    const values = [0.1, 0.7, 0.29, 0.31];
    let i = 0;
    expect(Array.from(keepMasks(1, 4, 0.3, () => values[i++]))).toEqual([0, 1 / 0.7, 0, 1 / 0.7].map(Math.fround));
    const masks = keepMasks(100, 100, 0.25);
    const kept = masks.filter((v) => v > 0).length / masks.length;
    expect(kept).toBeGreaterThan(0.72);
    expect(kept).toBeLessThan(0.78);
    expect(masks.reduce((a, b) => a + b, 0) / masks.length).toBeCloseTo(1, 1); // expectation preserved
  });

  it('names the first non-finite value', () => {
    expect(() => assertFinite(Float32Array.of(1, Number.NaN))).toThrow('model returned NaN');
    expect(() => assertFinite(Float32Array.of(-Infinity))).toThrow('model returned -Infinity');
  });

  it('property: softmax rows are positive, sum to 1 and keep the order of logits', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { minLength: 2, maxLength: 12 }), (logits) => {
        const row = Float32Array.from(logits);
        softmaxRows(row, row.length);
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        const f = Float32Array.from(logits);
        for (let a = 0; a < row.length; a++) for (let b = 0; b < row.length; b++) if (f[a] > f[b]) expect(row[a]).toBeGreaterThanOrEqual(row[b]);
      }),
    );
  });

  it('finishes outputs: size check, range check, activation', () => {
    const opts = { outputName: 'probs', kind: 'probabilities', task: 'multi-class' } as const;
    expect(() => finishOutput(new Float32Array(9), 2, 5, opts)).toThrow('output "probs" has 9 values for 2 rows; expected 2 × 5 classes');
    expect(() => finishOutput(Float32Array.of(0.5, 1.5), 1, 2, opts)).toThrow('declared as probabilities but contains 1.5');
    expect(Array.from(finishOutput(Float32Array.of(0, 0), 1, 2, { ...opts, kind: 'logits', task: 'multi-label' }))).toEqual([0.5, 0.5]);
    expect(Array.from(finishOutput(Float32Array.of(0, 0, 0, 0), 1, 4, { ...opts, kind: 'logits' }))).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('splits blocks as copies', () => {
    const data = Float32Array.of(1, 2, 3, 4);
    const [a, b] = splitBlocks(data, 2, 2);
    data[0] = 9;
    expect([Array.from(a), Array.from(b)]).toEqual([[1, 2], [3, 4]]);
  });
});

describe('interleaveRows', () => {
  it('puts each row’s graph outputs side by side, sample-major', () => {
    const a = Float32Array.from([1, 2, 3, 4]); // 2 rows × 2 values
    const b = Float32Array.from([5, 6, 7, 8]);
    const c = Float32Array.from([9, 10, 11, 12]);
    expect(Array.from(interleaveRows([a, b, c], 2))).toEqual([1, 2, 5, 6, 9, 10, 3, 4, 7, 8, 11, 12]);
    expect(interleaveRows([a], 2)).toBe(a);
  });

  it('refuses graphs whose outputs differ in size', () => {
    expect(() => interleaveRows([new Float32Array(10), new Float32Array(8)], 2)).toThrow(
      'the graphs returned different output sizes for 2 rows (10, 8 values)',
    );
  });

  it('then splits into blocks that hold every graph’s row (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), (n, graphs, width) => {
      const parts = Array.from({ length: graphs }, (_, g) => Float32Array.from({ length: n * width }, (_, j) => g * 1000 + j));
      const blocks = splitBlocks(interleaveRows(parts, n), n, graphs * width);
      blocks.forEach((block, i) => parts.forEach((part, g) => {
        expect(Array.from(block.subarray(g * width, (g + 1) * width))).toEqual(Array.from(part.subarray(i * width, (i + 1) * width)));
      }));
    }));
  });
});

describe('checkGraph', () => {
  const spec: HostModelSpec = {
    graphs: [{ path: '/m/model.onnx', name: 'model.onnx' }],
    inputName: 'x',
    inputShape: [1, 160, 128],
    outputName: 'probs',
    outputWidth: 5,
  };
  const t = (name: string, shape: (number | string)[], type = 'float32'): TensorInfo => ({ name, type, shape });
  const out = [t('probs', ['N', 5])];

  it('accepts dynamic, symbolic, fixed-1 and unknown batch axes', () => {
    expect(checkGraph(spec, [t('x', ['batch', 1, 160, 128])], out)).toEqual({ dynamicBatch: true });
    expect(checkGraph(spec, [t('x', [-1, 1, 160, 128])], out)).toEqual({ dynamicBatch: true });
    expect(checkGraph(spec, [t('x', [1, 1, 160, 128])], out)).toEqual({ dynamicBatch: false });
    expect(checkGraph(spec, [t('x', [])], [t('probs', [])])).toEqual({ dynamicBatch: true });
    expect(checkGraph(spec, [t('x', ['N', 1, 'T', 128])], out)).toEqual({ dynamicBatch: true });
  });

  it('names each mismatch precisely', () => {
    expect(() => checkGraph(spec, [t('x', ['N', 1, 128, 160])], out)).toThrow(
      'graph input "x" expects [N, 1, 128, 160] but model.json input.shape [1, 160, 128] gives [batch, 1, 160, 128]',
    );
    expect(() => checkGraph(spec, [t('x', ['N', 160, 128])], out)).toThrow(/expects \[N, 160, 128\]/);
    expect(() => checkGraph(spec, [t('x', [8, 1, 160, 128])], out)).toThrow('graph input "x" has a fixed batch axis of 8; only 1 or a dynamic batch is supported');
    expect(() => checkGraph(spec, [t('input_1', ['N', 1, 160, 128])], out)).toThrow('graph input "input_1" is not fed: model.json names only "x"');
    expect(() => checkGraph(spec, [t('x', ['N', 1, 160, 128], 'float16')], out)).toThrow('graph input "x" is float16; only float32 is supported');
    expect(() => checkGraph(spec, [t('x', ['N', 1, 160, 128])], [t('probs', ['N', 4])])).toThrow(
      'graph output "probs" has 4 values per sample but model.json lists 5 classes',
    );
  });

  it('checks the MC mask input and reports a missing one', () => {
    const mc = { ...spec, mask: { name: 'keep', shape: [16] } };
    expect(checkGraph(mc, [t('x', ['N', 1, 160, 128]), t('keep', ['N', 16])], out)).toEqual({ dynamicBatch: true });
    expect(() => checkGraph(mc, [t('x', ['N', 1, 160, 128])], out)).toThrow('graph has no input "keep" (its inputs: x)');
    expect(() => checkGraph(mc, [t('x', ['N', 1, 160, 128]), t('keep', ['N', 32])], out)).toThrow(
      'graph input "keep" expects [N, 32] but model.json uncertainty.maskShape [16] gives [batch, 16]',
    );
  });
});
