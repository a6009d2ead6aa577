import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/errors.ts';
import { ENSEMBLE_SEEDS, fixtureDir, LOGREG_SEED, MULTILABEL_SEED, referenceLogits, rejection, type FixtureName } from '../../../test/fixtures/models/fixtures.ts';
import { seededRandom } from '../../../test/fixtures/models/onnx-graph.ts';
import { loadModelPackage, type ModelPackage } from './model-package.ts';
import { ModelHost, type ModelHostOptions } from './model-host.ts';
import { summarizeMultiClass } from './uncertainty.ts';

const hosts: ModelHost[] = [];
afterAll(async () => {
  await Promise.all(hosts.map((h) => h.dispose()));
});

async function start(name: FixtureName, options: ModelHostOptions = {}, edit?: (pkg: ModelPackage) => ModelPackage): Promise<ModelHost> {
  const pkg = await loadModelPackage(fixtureDir(name));
  const host = await ModelHost.start(edit ? edit(pkg) : pkg, options);
  hosts.push(host);
  return host;
}

function startError(name: FixtureName, edit?: (pkg: ModelPackage) => ModelPackage): Promise<AppError> {
  return rejection(start(name, {}, edit));
}

function features(n: number, seed = 1): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n * 64 }, () => random() * 2 - 1);
}

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('ModelHost with valid models', () => {
  it('runs a batch and matches the reference maths sample by sample', async () => {
    const host = await start('tiny-logreg');
    expect(host.loaded.meta).toMatchObject({ ortVersion: '1.30.0', dynamicBatch: true });
    expect(host.loaded.inputs).toEqual([{ name: 'features', type: 'float32', shape: ['N', 64] }]);
    const x = features(3);
    const out = await host.run(x, 3);
    expect(out).toHaveLength(3);
    out.forEach((probs, i) => {
      const expected = softmax(referenceLogits(LOGREG_SEED, x.subarray(i * 64, (i + 1) * 64)));
      expect(probs).toHaveLength(5);
      probs.forEach((p, k) => expect(p).toBeCloseTo(expected[k], 5));
    });
  });

  it('scales keep-masks by 1/(1−rate): an all-kept mask doubles the input at rate 0.5', async () => {
    const host = await start('tiny-mc', { random: () => 0.99 });
    const x = features(1, 2);
    const [passes] = await host.run(x, 1);
    expect(passes).toHaveLength(30 * 5);
    const expected = softmax(referenceLogits(LOGREG_SEED, x.map((v) => 2 * v)));
    for (let t = 0; t < 30; t++) expected.forEach((p, k) => expect(passes[t * 5 + k]).toBeCloseTo(p, 5));
  });

  it('gives MC passes that differ and non-zero epistemic uncertainty', async () => {
    const host = await start('tiny-mc', { random: seededRandom(5) });
    expect(host.passes).toBe(30);
    const [sample] = await host.run(features(1, 3), 1);
    const passes = Array.from({ length: 30 }, (_, t) => sample.subarray(t * 5, t * 5 + 5));
    expect(new Set(passes.map((p) => p.join(','))).size).toBe(30);
    const { uncertainty } = summarizeMultiClass(passes);
    expect(uncertainty.passes).toBe(30);
    expect(uncertainty.epistemic).toBeGreaterThan(0.01);
    expect(uncertainty.epistemic!).toBeLessThan(uncertainty.entropy);
  });

  it('runs a fixed-batch graph one row at a time', async () => {
    const host = await start('fixed-batch-mc', { random: seededRandom(6) });
    expect(host.loaded.meta.dynamicBatch).toBe(false);
    const out = await host.run(features(2), 2);
    expect(out.map((o) => o.length)).toEqual([40, 40]);
  });

  it('splits big batches into several runs without splitting a sample’s passes', async () => {
    const host = await start('tiny-mc', { random: () => 0.99, maxRowsPerRun: 45 });
    const x = features(4, 4);
    const out = await host.run(x, 4);
    const expected = softmax(referenceLogits(LOGREG_SEED, x.subarray(192, 256).map((v) => 2 * v)));
    expect(out[3][29 * 5]).toBeCloseTo(expected[0], 5);
  });

  it('applies a sigmoid to multi-label logits', async () => {
    const host = await start('tiny-multilabel');
    const x = features(1, 8);
    const [probs] = await host.run(x, 1);
    referenceLogits(MULTILABEL_SEED, x).forEach((z, k) => expect(probs[k]).toBeCloseTo(1 / (1 + Math.exp(-z)), 5));
  });

  it('runs every ensemble member on each sample, members in manifest order like MC passes', async () => {
    const host = await start('tiny-ensemble', { maxRowsPerRun: 6 }); // 2 samples per run: 3 runs for 5 samples
    expect(host.passes).toBe(3);
    expect(host.loaded.meta).toMatchObject({ graphs: 3, dynamicBatch: true });
    const x = features(5, 9);
    const out = await host.run(x, 5);
    expect(out.map((o) => o.length)).toEqual([15, 15, 15, 15, 15]);
    out.forEach((sample, i) => {
      ENSEMBLE_SEEDS.forEach((seed, member) => {
        const expected = softmax(referenceLogits(seed, x.subarray(i * 64, (i + 1) * 64)));
        expected.forEach((p, k) => expect(sample[member * 5 + k]).toBeCloseTo(p, 5));
      });
    });
    const passes = [0, 1, 2].map((t) => out[0].subarray(t * 5, t * 5 + 5));
    const { uncertainty } = summarizeMultiClass(passes);
    expect(uncertainty).toMatchObject({ passes: 3 });
    expect(uncertainty.epistemic).toBeGreaterThan(0.05);
  });

  it('rejects a feature array of the wrong size', async () => {
    const host = await start('tiny-logreg');
    await expect(host.run(new Float32Array(100), 2)).rejects.toThrow('tiny-logreg@1.0.0: expected 2 × 64 feature values, got 100');
  });
});

describe('ModelHost refusing broken models', () => {
  it('refuses a model that returns NaN on silence', async () => {
    const err = await startError('nan-model');
    expect(err.code).toBe('MODEL_FAILED');
    expect(err.message).toBe('nan-model@1.0.0: dry run on silence: model returned NaN');
  });

  it('refuses a graph whose input shape contradicts model.json', async () => {
    const err = await startError('bad-shape');
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toBe('bad-shape@1.0.0: graph input "features" expects [N, 32] but model.json input.shape [64] gives [batch, 64]');
  });

  it('refuses an ensemble with a broken member, naming the member', async () => {
    const err = await startError('broken-ensemble');
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toBe(
      'broken-ensemble@1.0.0: member m3.onnx: graph input "features" expects [N, 32] but model.json input.shape [64] gives [batch, 64]',
    );
  });

  it('refuses a corrupt ONNX file', async () => {
    const err = await startError('corrupt');
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toBe('corrupt@1.0.0: onnxruntime could not load model.onnx: Protobuf parsing failed.');
  });

  it('refuses logits declared as probabilities', async () => {
    const err = await startError('tiny-multilabel', (pkg) => ({ ...pkg, manifest: { ...pkg.manifest, output: { name: 'logits', kind: 'probabilities' } } }));
    expect(err.message).toMatch(/^tiny-multilabel@1\.0\.0: dry run on silence: output "logits" is declared as probabilities but contains -?[\d.]+; set output.kind to "logits"$/);
  });

  it('refuses a wrong output name', async () => {
    const err = await startError('tiny-logreg', (pkg) => ({ ...pkg, manifest: { ...pkg.manifest, output: { name: 'scores', kind: 'probabilities' } } }));
    expect(err.message).toBe('tiny-logreg@1.0.0: graph has no output "scores" (its outputs: probs)');
  });
});

describe('ModelHost failures at run time', () => {
  it('fails a run that returns NaN and keeps serving', async () => {
    const host = await start('nan-on-input');
    await expect(host.run(features(1), 1)).rejects.toThrow('nan-on-input@1.0.0: model returned NaN');
    const [ok] = await host.run(new Float32Array(64).fill(0.5), 1);
    expect(ok.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('SIGKILLs a run that exceeds the timeout', async () => {
    const host = await start('sleepy-model', { timeoutMs: 300 });
    const pid = host.pid!;
    const exits: AppError[] = [];
    host.onExit((reason) => exits.push(reason));
    const started = performance.now();
    const err = await rejection(host.run(new Float32Array(64).fill(1), 1));
    expect(err.code).toBe('MODEL_TIMEOUT');
    expect(err.message).toBe('sleepy-model@1.0.0: no answer within 300 ms; host process killed');
    expect(performance.now() - started).toBeLessThan(2000);
    await expect.poll(() => exits.length).toBe(1);
    expect(exits[0].code).toBe('MODEL_TIMEOUT');
    expect(host.alive).toBe(false);
    await expect(host.run(features(1), 1)).rejects.toThrow(/no answer within 300 ms/);
    await expect.poll(() => isRunning(pid)).toBe(false);
  });

  it('reports a crash with its signal', async () => {
    const host = await start('tiny-logreg');
    const exits: AppError[] = [];
    host.onExit((reason) => exits.push(reason));
    process.kill(host.pid!, 'SIGKILL');
    await expect.poll(() => exits.length).toBe(1);
    expect(exits[0].code).toBe('MODEL_FAILED');
    expect(exits[0].message).toBe('tiny-logreg@1.0.0: host process was killed by SIGKILL');
    await expect(host.run(features(1), 1)).rejects.toThrow('was killed by SIGKILL');
  });

  it('dispose cancels a busy run and ends the process', async () => {
    const host = await start('sleepy-model', { timeoutMs: 60_000 });
    const pid = host.pid!;
    const run = rejection(host.run(new Float32Array(64).fill(1), 1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await host.dispose();
    expect((await run).code).toBe('CANCELLED');
    expect(isRunning(pid)).toBe(false);
  });
});
