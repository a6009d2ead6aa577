import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureDir } from '../../../test/fixtures/models/fixtures.ts';
import { packageVariant, testRegistry, type TestRegistry } from '../../../test/helpers/test-registry.ts';
import { buildZip } from '../../../test/helpers/zip-writer.ts';

const TORCH = join(import.meta.dirname, '../../../test/fixtures/model-packages/torch-mc-cnn');

let t: TestRegistry;
afterEach(async () => t?.close());

async function refused(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await promise.then(() => undefined, (e: { code: string; message: string }) => e);
  expect(err, 'the deploy should have been refused').toBeDefined();
  return err!;
}

describe('ModelRegistry.deploy', () => {
  it('validates, copies and starts an external PyTorch package, with a report and an audit entry', async () => {
    t = testRegistry();
    const { model, report } = await t.registry.deploy({ kind: 'path', path: TORCH });
    expect(model).toMatchObject({ id: 'torch-mc-cnn', version: '1.0.0', status: 'active', runtime: 'ready', deployedBy: 'tester', passes: 30 });
    expect(model.input).toBe('log-mel 1×160×128 @ 4 kHz, ch 0, 30 s / 25 % overlap');
    expect(report.referenceClip).toMatch(/largeship/);
    expect(report.referenceProbs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(report.passes).toBe(30);
    expect(report.source).toBe(`folder ${TORCH}`);
    const record = t.repos.models.get('torch-mc-cnn', '1.0.0')!;
    expect(record.dir).toBe(join(t.dir, 'models', 'torch-mc-cnn', '1.0.0'));
    expect(readFileSync(join(record.dir, 'model.onnx')).equals(readFileSync(join(TORCH, 'model.onnx')))).toBe(true);
    const [deployed] = t.registry.history();
    expect(deployed).toMatchObject({ action: 'deployed', actor: 'tester', modelId: 'torch-mc-cnn' });
    expect(t.registry.runningManifests().map((m) => m.id)).toEqual(['torch-mc-cnn']);
  });

  it('deploys uploaded zip bytes of a zipped folder, inactive when asked', async () => {
    t = testRegistry();
    const dir = fixtureDir('tiny-logreg');
    const zip = buildZip(['model.json', 'model.onnx', 'MODEL_CARD.md'].map((f) => ({ name: `tiny-logreg/${f}`, data: readFileSync(join(dir, f)) })));
    const { model, report } = await t.registry.deploy({ kind: 'bytes', fileName: 'tiny.zip', bytes: zip }, { activate: false });
    expect(model).toMatchObject({ id: 'tiny-logreg', status: 'inactive' });
    expect(model.runtime).toBeUndefined();
    expect(report.source).toBe('upload tiny.zip');
  });

  it('refuses a duplicate id and version, and records the refusal', async () => {
    t = testRegistry();
    await t.registry.deploy({ kind: 'path', path: fixtureDir('tiny-logreg') });
    const err = await refused(t.registry.deploy({ kind: 'path', path: fixtureDir('tiny-logreg') }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/tiny-logreg version 1\.0\.0 is already deployed \(by tester/);
    expect(t.registry.history()[0]).toMatchObject({ action: 'deploy-refused', modelId: 'tiny-logreg', actor: 'tester' });
  });

  it('refuses manifests with unknown fields, naming the field', async () => {
    t = testRegistry();
    const dir = packageVariant(fixtureDir('tiny-logreg'), (m) => {
      m.sampleRateHz = 8000;
    });
    const err = await refused(t.registry.deploy({ kind: 'path', path: dir }));
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toMatch(/model\.json: .*sampleRateHz/);
  });

  it('refuses corrupt ONNX, lying shapes, NaN on silence, NaN on real audio and a hang, each with its reason', async () => {
    t = testRegistry({ runTimeoutMs: 1500 });
    const cases: [string, RegExp][] = [
      ['corrupt', /onnxruntime could not load model\.onnx/],
      ['bad-shape', /graph input "features" expects \[N, 32\] but model\.json input\.shape \[64\]/],
      ['nan-model', /dry run on silence: model returned NaN/],
      ['nan-on-input', /dry run on the reference segment \(SanctSound_CI05.*\): model returned NaN/],
      ['sleepy-model', /dry run on the reference segment .*no answer within 1500 ms; host process killed/],
    ];
    for (const [name, reason] of cases) {
      const err = await refused(t.registry.deploy({ kind: 'path', path: fixtureDir(name as never) }));
      expect(err.message, name).toMatch(reason);
    }
    expect(t.repos.models.list()).toEqual([]);
    expect(t.registry.history().filter((e) => e.action === 'deploy-refused')).toHaveLength(cases.length);
    expect(t.inference.list()).toEqual([]);
  }, 30_000);

  it('refuses an ONNX file over the size limit with both sizes', async () => {
    t = testRegistry({ maxOnnxBytes: 1024 });
    const err = await refused(t.registry.deploy({ kind: 'path', path: TORCH }));
    expect(err.message).toMatch(/model\.onnx: 7\.\d kB exceeds the 1\.0 kB limit/);
  });
});

describe('ModelRegistry lifecycle', () => {
  it('deactivates, reactivates and retires without restart, recording every action', async () => {
    t = testRegistry();
    await t.registry.deploy({ kind: 'path', path: fixtureDir('tiny-logreg') });
    expect((await t.registry.setActive('tiny-logreg', '1.0.0', false)).status).toBe('inactive');
    expect(t.inference.list()).toEqual([]);
    expect((await t.registry.setActive('tiny-logreg', '1.0.0', true)).runtime).toBe('ready');
    expect((await t.registry.retire('tiny-logreg', '1.0.0')).status).toBe('retired');
    expect(t.inference.list()).toEqual([]);
    const err = await refused(t.registry.setActive('tiny-logreg', '1.0.0', true));
    expect(err.code).toBe('CONFLICT');
    expect(t.registry.history({ id: 'tiny-logreg' }).map((e) => e.action)).toEqual(['retired', 'activated', 'deactivated', 'deployed']);
  });

  it('runs several versions side by side; "only" keeps one', async () => {
    t = testRegistry();
    await t.registry.deploy({ kind: 'path', path: fixtureDir('tiny-logreg') });
    const v11 = packageVariant(fixtureDir('tiny-logreg'), (m) => {
      m.version = '1.1.0';
    });
    await t.registry.deploy({ kind: 'path', path: v11 });
    expect(t.inference.list().map((r) => r.version)).toEqual(['1.0.0', '1.1.0']);
    expect(t.registry.resolveVersion('tiny-logreg', undefined)).toBe('1.1.0');
    await t.registry.setActive('tiny-logreg', '1.0.0', true, true);
    expect(t.inference.list().map((r) => r.version)).toEqual(['1.0.0']);
    expect(t.registry.info().map((m) => `${m.version}:${m.status}`)).toEqual(['1.0.0:active', '1.1.0:inactive']);
  });

  it('picks up changes another process made to the database (reconcile)', async () => {
    t = testRegistry();
    await t.registry.deploy({ kind: 'path', path: fixtureDir('tiny-logreg') });
    t.repos.models.setStatus('tiny-logreg', '1.0.0', 'inactive', 'cli-user');
    await t.registry.reconcile();
    expect(t.inference.list()).toEqual([]);
    t.repos.models.setStatus('tiny-logreg', '1.0.0', 'active', 'cli-user');
    await t.registry.reconcile();
    expect(t.inference.list().map((r) => r.state)).toEqual(['ready']);
  });

  it('holds an inactive model for a backfill and stops it on release', async () => {
    t = testRegistry();
    await t.registry.deploy({ kind: 'path', path: fixtureDir('tiny-logreg') }, { activate: false });
    const release = await t.registry.hold('tiny-logreg', '1.0.0');
    expect(t.inference.list()).toHaveLength(1);
    await t.registry.reconcile(); // not active in the database, but held: keeps running
    expect(t.inference.list()).toHaveLength(1);
    expect(t.registry.runningManifests()).toEqual([]); // live stations never feed a held-only model
    await release();
    expect(t.inference.list()).toEqual([]);
  });
});
