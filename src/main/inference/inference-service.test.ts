/**
 * InferenceService against real host processes and the fixture models.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureDir, rejection, type FixtureName } from '../../../test/fixtures/models/fixtures.ts';
import { seededRandom } from '../../../test/fixtures/models/onnx-graph.ts';
import { loadModelPackage, type ModelPackage } from './model-package.ts';
import { InferenceService, type InferenceServiceOptions } from './inference-service.ts';

const services: InferenceService[] = [];
afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
});

function service(options: InferenceServiceOptions = {}): InferenceService {
  const s = new InferenceService(options);
  services.push(s);
  return s;
}

const pkg = (name: FixtureName) => loadModelPackage(fixtureDir(name));

/** The same package under another id, to run several copies of one graph. */
function renamed(p: ModelPackage, id: string): ModelPackage {
  return { ...p, manifest: { ...p.manifest, id } };
}

function features(n: number, seed = 1, low = -1): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n * 64 }, () => low + random() * (1 - low));
}

const state = (s: InferenceService, id: string) => s.list().find((m) => m.id === id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('InferenceService', () => {
  it('serves deterministic, MC and multi-label models with uncertainty in manifest class order', async () => {
    const s = service();
    await Promise.all([pkg('tiny-logreg'), pkg('tiny-mc'), pkg('tiny-multilabel')].map(async (p) => s.activate(await p)));
    expect(s.list().map((m) => [m.id, m.state, m.passes])).toEqual([
      ['tiny-logreg', 'ready', 1],
      ['tiny-mc', 'ready', 30],
      ['tiny-multilabel', 'ready', 1],
    ]);
    expect(s.classIds('tiny-mc', '1.0.0')).toEqual(['A', 'B', 'C', 'D', 'E']);
    const x = features(2);
    const [det] = await s.infer('tiny-logreg', '1.0.0', x, 2);
    expect(det.probs).toHaveLength(5);
    expect(Object.keys(det.uncertainty).sort()).toEqual(['entropy', 'entropyNorm', 'margin']);
    const [mc] = await s.infer('tiny-mc', '1.0.0', x, 2);
    expect(mc.uncertainty.passes).toBe(30);
    expect(mc.uncertainty.epistemic).toBeGreaterThan(0.01);
    expect(mc.uncertainty.variance).toHaveLength(5);
    const [ml] = await s.infer('tiny-multilabel', '1.0.0', x, 2);
    expect(ml.uncertainty.labelEntropy).toHaveLength(5);
    expect(ml.probs.reduce((a, b) => a + b, 0)).not.toBeCloseTo(1, 2); // independent sigmoids
    expect(state(s, 'tiny-logreg')).toMatchObject({ runs: 1, failures: 0, queueDepth: 0 });
    expect(state(s, 'tiny-logreg')!.latencyMsP50).toBeGreaterThan(0);
  });

  it('refuses broken packages with the precise reason and does not list them', async () => {
    const s = service();
    const reasons = await Promise.all(
      (['nan-model', 'bad-shape', 'corrupt'] as const).map(async (name) => rejection(s.activate(await pkg(name)))),
    );
    expect(reasons.map((e) => [e.code, e.message])).toEqual([
      ['MODEL_FAILED', 'nan-model@1.0.0: dry run on silence: model returned NaN'],
      ['MODEL_INVALID', 'bad-shape@1.0.0: graph input "features" expects [N, 32] but model.json input.shape [64] gives [batch, 64]'],
      ['MODEL_INVALID', 'corrupt@1.0.0: onnxruntime could not load model.onnx: Protobuf parsing failed.'],
    ]);
    expect(s.list()).toEqual([]);
    expect((await rejection(s.infer('corrupt', '1.0.0', features(1), 1))).code).toBe('NOT_FOUND');
  });

  it('isolates a model that returns NaN: only its own request fails', async () => {
    const s = service();
    await s.activate(await pkg('nan-on-input'));
    await s.activate(await pkg('tiny-logreg'));
    const x = features(1);
    const [bad, good] = await Promise.allSettled([s.infer('nan-on-input', '1.0.0', x, 1), s.infer('tiny-logreg', '1.0.0', x, 1)]);
    expect(bad.status === 'rejected' && bad.reason.message).toBe('nan-on-input@1.0.0: model returned NaN');
    expect(good.status).toBe('fulfilled');
    expect(state(s, 'nan-on-input')).toMatchObject({ state: 'ready', failures: 1, runs: 0 });
  });

  it('marks a killed host failed, restarts it, and keeps the other models predicting', async () => {
    const s = service({ backoff: { initialMs: 400 } });
    await s.activate(await pkg('tiny-logreg'));
    await s.activate(await pkg('tiny-mc'));
    const pid = state(s, 'tiny-logreg')!.pid!;
    const x = features(1, 3);
    const inFlight = rejection(s.infer('tiny-logreg', '1.0.0', x, 1).then(() => s.infer('tiny-logreg', '1.0.0', x, 1)));
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => state(s, 'tiny-logreg')!.state).toBe('failed');
    expect(state(s, 'tiny-logreg')!.failure).toBe('tiny-logreg@1.0.0: host process was killed by SIGKILL');
    expect((await inFlight).message).toMatch(/killed by SIGKILL/);
    const [mc] = await s.infer('tiny-mc', '1.0.0', x, 1); // the other model is untouched
    expect(mc.uncertainty.passes).toBe(30);
    await expect.poll(() => state(s, 'tiny-logreg')!.state, { timeout: 3000 }).toBe('ready');
    expect(state(s, 'tiny-logreg')).toMatchObject({ restarts: 1 });
    expect(state(s, 'tiny-logreg')!.pid).not.toBe(pid);
    expect((await s.infer('tiny-logreg', '1.0.0', x, 1))[0].probs).toHaveLength(5);
  });

  it('kills a hung model on timeout without blocking a fast one, then restarts it', async () => {
    const s = service({ timeoutMs: 400, backoff: { initialMs: 300 } });
    await s.activate(await pkg('sleepy-model'));
    await s.activate(await pkg('tiny-logreg'));
    const hung = rejection(s.infer('sleepy-model', '1.0.0', new Float32Array(64).fill(1), 1));
    const started = performance.now();
    await s.infer('tiny-logreg', '1.0.0', features(1), 1);
    expect(performance.now() - started).toBeLessThan(200);
    const err = await hung;
    expect([err.code, err.message]).toEqual(['MODEL_TIMEOUT', 'sleepy-model@1.0.0: no answer within 400 ms; host process killed']);
    expect(state(s, 'sleepy-model')).toMatchObject({ state: 'failed', failure: err.message, failures: 1 });
    await expect.poll(() => state(s, 'sleepy-model')!.state, { timeout: 3000 }).toBe('ready');
    const [silence] = await s.infer('sleepy-model', '1.0.0', new Float32Array(64), 1);
    expect(silence.probs).toHaveLength(5);
  });

  it('queues requests to a slow model (bounded) while others answer at once', async () => {
    const s = service({ maxQueue: 2 });
    await s.activate(await pkg('sleepy-model'));
    await s.activate(await pkg('tiny-logreg'));
    const slow = new Float32Array(64).fill(4e-5); // 40 000 loop iterations ≈ 80 ms per run
    const done: number[] = [];
    const queued = [0, 1, 2, 3].map((i) => s.infer('sleepy-model', '1.0.0', slow, 1).then(() => done.push(i)));
    await sleep(10);
    expect(s.queueDepth('sleepy-model', '1.0.0')).toBe(4);
    await s.infer('tiny-logreg', '1.0.0', features(1), 1);
    expect(done.length).toBeLessThan(2);
    await Promise.all(queued);
    expect(done).toEqual([0, 1, 2, 3]);
    expect(s.queueDepth('sleepy-model', '1.0.0')).toBe(0);
  });

  it('deactivates and stops, ending every host process', async () => {
    const s = service();
    await s.activate(await pkg('tiny-logreg'));
    await s.activate(await pkg('tiny-mc'));
    const pids = s.list().map((m) => m.pid!);
    await s.deactivate('tiny-logreg', '1.0.0');
    expect((await rejection(s.infer('tiny-logreg', '1.0.0', features(1), 1))).code).toBe('NOT_FOUND');
    await s.stop();
    expect(s.list()).toEqual([]);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    expect((await rejection(s.activate(await pkg('tiny-logreg')))).code).toBe('CANCELLED');
  });

  it('times six concurrent models, one of them a 30-pass MC model on one sample', async () => {
    const s = service();
    const [logreg, mc, fixed, multi, nanOnInput] = await Promise.all(
      (['tiny-logreg', 'tiny-mc', 'fixed-batch-mc', 'tiny-multilabel', 'nan-on-input'] as const).map(pkg),
    );
    const models = [logreg, renamed(logreg, 'tiny-logreg-b'), mc, fixed, multi, nanOnInput];
    const t0 = performance.now();
    await Promise.all(models.map((p) => s.activate(p)));
    const startMs = performance.now() - t0;
    const rounds: number[] = [];
    for (let r = 0; r < 20; r++) {
      const x = features(1, 100 + r, 0); // non-negative, so nan-on-input stays healthy
      const t = performance.now();
      await Promise.all(models.map((p) => s.infer(p.manifest.id, p.manifest.version, x, 1)));
      rounds.push(performance.now() - t);
    }
    rounds.sort((a, b) => a - b);
    const perModel = Object.fromEntries(s.list().map((m) => [m.id, +m.latencyMsP50!.toFixed(2)]));
    // The brief asks for these numbers in the test output.
    // eslint-disable-next-line no-console
    console.info(
      `6 models: start ${startMs.toFixed(0)} ms; one sample to all six: p50 ${rounds[10].toFixed(2)} ms, ` +
        `max ${rounds[19].toFixed(2)} ms; per-model p50 ms ${JSON.stringify(perModel)}`,
    );
    expect(s.list().every((m) => m.state === 'ready' && m.runs === 20 && m.failures === 0)).toBe(true);
    expect(rounds[10]).toBeLessThan(100);
  });
});
