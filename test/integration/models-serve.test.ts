/**
 * Live multi-model inference through `aiw serve`, as a client of the WebSocket API sees it:
 * models that go bad (NaN on every run (planted past the deploy checks), a hang) are isolated and visibly failed with the reason
 * while the others keep predicting; an external PyTorch package deployed with `aiw models deploy`
 * into the running workstation's data folder predicts live with MC uncertainty within a segment;
 * a zip uploaded over the API deploys too; lifecycle changes are audited; backfill runs over the
 * demo station's audio cache with progress events, and its predictions reach the live view in batches.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelInfo, Prediction } from '../../src/shared/domain.ts';
import type { BackfillJob, CachedAudio, DeployResult, ModelEvent, SegmentDisagreement } from '../../src/shared/models.ts';
import { loadModelPackage } from '../../src/main/inference/model-package.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import { createRepositories } from '../../src/main/storage/repositories.ts';
import { fixtureDir } from '../fixtures/models/fixtures.ts';
import { runAiw } from '../helpers/run-aiw.ts';
import { startServe, tempDir, type ServeHandle } from '../helpers/serve-process.ts';
import { connectApi, type ApiClient } from '../helpers/ws-client.ts';
import { buildZip } from '../helpers/zip-writer.ts';

const TORCH = join(import.meta.dirname, '../fixtures/model-packages/torch-mc-cnn');
const SPEED = 30;
const RUN_TIMEOUT_MS = 3000;

/** Puts a package into the registry without validation: a model that passed once and went bad later. */
async function plantDeployed(dataDir: string, name: 'nan-model' | 'sleepy-model'): Promise<void> {
  const target = join(dataDir, 'models', name, '1.0.0');
  mkdirSync(target, { recursive: true });
  cpSync(fixtureDir(name), target, { recursive: true });
  const pkg = await loadModelPackage(target);
  const db = openDatabase(join(dataDir, 'aiw.db'));
  createRepositories(db).models.insert({ manifest: pkg.manifest, dir: target, onnxSha256: pkg.onnxSha256, status: 'active', actor: 'it-setup' });
  db.close();
}

const predictionsOf = (api: ApiClient, modelId: string, since = 0): Prediction[] =>
  api.events.filter((e) => e.event === 'predictions:added' && e.at >= since).flatMap((e) => e.payload as Prediction[]).filter((p) => p.modelId === modelId);

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string | (() => string)): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('aiw serve with several models', () => {
  let serve: ServeHandle;
  let api: ApiClient;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDir('aiw-models-serve-');
    const config = join(dataDir, 'config.json');
    writeFileSync(config, JSON.stringify({ analyst: 'it-analyst', demo: { speed: SPEED, cacheFileSeconds: 60 }, models: { runTimeoutMs: RUN_TIMEOUT_MS } }));
    const deployed = runAiw(['models', 'deploy', fixtureDir('tiny-logreg'), '--data-dir', dataDir, '--analyst', 'it-setup']);
    expect(deployed.code, deployed.stderr).toBe(0);
    await plantDeployed(dataDir, 'nan-model');
    await plantDeployed(dataDir, 'sleepy-model');
    serve = await startServe(['--data-dir', dataDir, '--config', config]);
    api = await connectApi(serve.url);
  }, 60_000);

  afterAll(async () => {
    api?.close();
    expect(await serve?.stop()).toBe(0);
  });

  it('isolates a NaN model and a hanging model, visibly failed with the reason, while the others keep predicting', async () => {
    let list: ModelInfo[] = [];
    const failed = await eventually(async () => {
      list = (await api.invoke<ModelInfo[]>('models:list', {})).value!;
      const bad = list.filter((m) => m.id === 'nan-model' || m.id === 'sleepy-model');
      return bad.length === 2 && bad.every((m) => m.status === 'failed') ? bad : undefined;
    }, 30_000, () => `both bad models to be failed: ${JSON.stringify(list)}`);
    expect(failed.find((m) => m.id === 'nan-model')!.failure).toMatch(/model returned NaN/);
    expect(failed.find((m) => m.id === 'sleepy-model')!.failure).toMatch(new RegExp(`no answer within ${RUN_TIMEOUT_MS} ms; host process killed`));
    const after = Date.now();
    await api.waitFor<Prediction[]>('predictions:added', (ps) => ps.some((p) => p.modelId === 'tiny-logreg'), 10_000, after);
    const history = (await api.invoke<ModelEvent[]>('models:history', { limit: 500 })).value!;
    expect(history.some((e) => e.modelId === 'sleepy-model' && e.action === 'failed' && e.actor === 'system')).toBe(true);
    expect(predictionsOf(api, 'nan-model')).toEqual([]);
  }, 60_000);

  it('runs an external PyTorch package deployed with the CLI live, with MC uncertainty, within a segment', async () => {
    const started = Date.now();
    const r = runAiw(['models', 'deploy', TORCH, '--data-dir', dataDir, '--analyst', 'cli-analyst']);
    expect(r.stdout).toMatch(/deployed torch-mc-cnn 1\.0\.0 \(active\) by cli-analyst/);
    const deployedAt = Date.now();
    const [first] = await api.waitFor<Prediction[]>('predictions:added', (ps) => ps.some((p) => p.modelId === 'torch-mc-cnn'), 15_000, started)
      .then((ps) => ps.filter((p) => p.modelId === 'torch-mc-cnn'));
    // The registry notices the CLI's change within 1 s; then one 30 s segment of demo audio at 30× takes 1 s.
    expect(Date.now() - deployedAt).toBeLessThan(1000 + (30_000 / SPEED) + 4000);
    expect(first!.uncertainty.passes).toBe(30);
    expect(first!.uncertainty.epistemic!).toBeGreaterThan(0);
    expect(first!.uncertainty.aleatoric!).toBeGreaterThan(0);
    expect(first!.uncertainty.variance).toHaveLength(5);
    expect(first!.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  }, 60_000);

  it('deploys a zip uploaded over the API, computes disagreement, and audits deactivation by the analyst', async () => {
    const dir = fixtureDir('tiny-mc');
    const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
    manifest.id = 'uploaded-mc';
    const zip = buildZip([{ name: 'model.json', data: JSON.stringify(manifest) }, { name: 'model.onnx', data: readFileSync(join(dir, 'model.onnx')) }]);
    const res = await api.invoke<DeployResult>('models:deploy', { fileName: 'uploaded-mc.zip', zipBase64: zip.toString('base64') });
    expect(res.error).toBeUndefined();
    expect(res.value!.model).toMatchObject({ id: 'uploaded-mc', status: 'active', deployedBy: 'it-analyst' });
    await api.waitFor<Prediction[]>('predictions:added', (ps) => ps.some((p) => p.modelId === 'uploaded-mc'), 15_000);
    const disagreement = await eventually(async () => {
      const d = (await api.invoke<SegmentDisagreement[]>('predictions:disagreement', { stationId: 'demo', limit: 500 })).value!;
      return d.find((s) => s.models.includes('uploaded-mc@1.0.0') && s.models.includes('tiny-logreg@1.0.0'));
    }, 15_000, 'a segment both models predicted');
    expect(disagreement.votes.reduce((a, b) => a + b, 0)).toBe(disagreement.models.length);

    const bomb = buildZip([{ name: 'model.onnx', data: Buffer.alloc(4 * 1024 * 1024) }]);
    const refused = await api.invoke('models:deploy', { fileName: 'bomb.zip', zipBase64: bomb.toString('base64') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'MODEL_INVALID', message: expect.stringMatching(/zip bomb/) } });

    const off = await api.invoke<ModelInfo>('models:set-active', { id: 'tiny-logreg', version: '1.0.0', active: false });
    expect(off.value!.status).toBe('inactive');
    const history = (await api.invoke<ModelEvent[]>('models:history', { id: 'tiny-logreg' })).value!;
    expect(history[0]).toMatchObject({ action: 'deactivated', actor: 'it-analyst' });
    expect(history.at(-1)).toMatchObject({ action: 'deployed', actor: 'it-setup' });
  }, 60_000);

  it('backfills a model over the cached demo audio with progress events', async () => {
    const sources = await eventually(async () => {
      const s = (await api.invoke<CachedAudio>('backfill:sources', { stationId: 'demo' })).value!;
      return s.files >= 2 ? s : undefined;
    }, 20_000, 'two cached audio files');
    const res = await api.invoke<BackfillJob>('backfill:start', {
      stationId: 'demo', models: [{ id: 'tiny-logreg', version: '1.0.0' }], from: sources.from!, to: sources.to!,
    });
    expect(res.error).toBeUndefined();
    const job = await api.waitFor<BackfillJob>('backfill:progress', (j) => j.id === res.value!.id && j.state !== 'running', 30_000);
    expect(job).toMatchObject({ state: 'done', failures: 0, actor: 'it-analyst' });
    expect(job.done).toBe(job.total);
    expect(job.total).toBeGreaterThanOrEqual(3);
    expect(job.predictions + job.skipped).toBe(job.total); // live segments of the same grid were already predicted
  }, 60_000);

  it('pushes the predictions of a backfill to the live view, a batch per event', async () => {
    const dir = fixtureDir('tiny-logreg');
    const manifest = { ...(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>), id: 'backfill-only' };
    const zip = buildZip([{ name: 'model.json', data: JSON.stringify(manifest) }, { name: 'model.onnx', data: readFileSync(join(dir, 'model.onnx')) }]);
    const deployed = await api.invoke<DeployResult>('models:deploy', { fileName: 'backfill-only.zip', zipBase64: zip.toString('base64'), activate: false });
    expect(deployed.value?.model, JSON.stringify(deployed.error)).toMatchObject({ id: 'backfill-only', status: 'inactive' });
    const sources = (await api.invoke<CachedAudio>('backfill:sources', { stationId: 'demo' })).value!;
    const since = Date.now();
    const res = await api.invoke<BackfillJob>('backfill:start', {
      stationId: 'demo', models: [{ id: 'backfill-only', version: '1.0.0' }], from: sources.from!, to: sources.to!,
    });
    expect(res.error).toBeUndefined();
    const job = await api.waitFor<BackfillJob>('backfill:progress', (j) => j.id === res.value!.id && j.state !== 'running', 30_000, since);
    // A model that never ran live: every window is new.
    expect(job).toMatchObject({ state: 'done', failures: 0, skipped: 0, predictions: job.total });
    const batches = api.events
      .filter((e) => e.event === 'predictions:added' && e.at >= since)
      .map((e) => (e.payload as Prediction[]).filter((p) => p.modelId === 'backfill-only'))
      .filter((batch) => batch.length > 0);
    const pushed = batches.flat();
    expect(pushed).toHaveLength(job.total);
    expect(new Set(pushed.map((p) => p.segmentId)).size).toBe(job.total);
    expect(pushed.every((p) => p.stationId === 'demo' && p.segmentStart >= sources.from! && p.segmentEnd <= sources.to!)).toBe(true);
    // The worker hands over 8 windows per batch; the service pushes at most once per batch (and at most 4 times a second).
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(job.total / 8));
  }, 60_000);
});
