import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Prediction } from '../../shared/domain.ts';
import type { BackfillJob } from '../../shared/models.ts';
import { fixtureDir } from '../../../test/fixtures/models/fixtures.ts';
import { packageVariant, testRegistry, type TestRegistry } from '../../../test/helpers/test-registry.ts';
import { silentLogger } from '../app/logger.ts';
import { writeWav } from '../audio/wav-writer.ts';
import { BackfillService } from './backfill-service.ts';

const TORCH = join(import.meta.dirname, '../../../test/fixtures/model-packages/torch-mc-cnn');
const RATE = 8000;
const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);
const MIN = 60_000;

let t: TestRegistry;
afterEach(async () => t?.close());

/** Two back-to-back 5-minute cache files of a noisy tone, registered like the demo station's. */
async function cacheAudio(t: TestRegistry): Promise<void> {
  t.repos.stations.upsert({ id: 'demo', name: 'Demo', kind: 'demo', lat: 0, lon: 0, sampleRate: RATE, channels: 1 });
  let seed = 1;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.02;
  for (const k of [0, 1]) {
    const samples = Float32Array.from({ length: 5 * 60 * RATE }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 120 * i) / RATE) + noise());
    const path = join(t.dir, `demo-${k}.wav`);
    await writeWav(path, [samples], { sampleRate: RATE, encoding: 'pcm16' });
    t.repos.backfill.registerCached({
      stationId: 'demo', name: `demo-${k}.wav`, path, bytes: 0, startTime: T0 + k * 5 * MIN, durationMs: 5 * MIN, sampleRate: RATE, channels: 1,
    });
  }
}

function service(t: TestRegistry, progress: BackfillJob[] = [], pushed: Prediction[][] = []): BackfillService {
  return new BackfillService({
    repos: t.repos, registry: t.registry, inference: t.inference, logger: silentLogger, actor: () => 'tester',
    onProgress: (job) => progress.push(job),
    onPredictions: (batch) => pushed.push(batch),
  });
}

describe('BackfillService', () => {
  it('runs two models over cached audio on the live segment grid, then skips what is done', async () => {
    t = testRegistry();
    await cacheAudio(t);
    await t.registry.deploy({ kind: 'path', path: fixtureDir('tiny-logreg') }, { activate: false });
    await t.registry.deploy({ kind: 'path', path: TORCH });
    // A third model on the torch model's window grid: the two share every batch.
    const onGrid = packageVariant(fixtureDir('tiny-logreg'), (m) => {
      m.id = 'logreg-grid';
      (m.input as { overlap: number }).overlap = 0.25;
    });
    await t.registry.deploy({ kind: 'path', path: onGrid });
    // A live segment of the torch model's window (30 s every 22.5 s) that the backfill must reuse.
    const liveSegment = t.repos.segments.ensure({ stationId: 'demo', startTime: T0 + 7 + 4 * 22_500, endTime: T0 + 7 + 4 * 22_500 + 30_000, sampleRate: RATE, padded: false });
    const progress: BackfillJob[] = [];
    const pushed: Prediction[][] = [];
    const backfill = service(t, progress, pushed);
    const models = [{ id: 'tiny-logreg', version: '1.0.0' }, { id: 'torch-mc-cnn', version: '1.0.0' }, { id: 'logreg-grid', version: '1.0.0' }];
    const started = backfill.start({ stationId: 'demo', models, from: T0, to: T0 + 10 * MIN });
    // Both groups use 30 s windows, so both lie on the grid through the live segment (T0 + 7 ms + k·hop):
    // tiny-logreg (hop 30 s) → 19 whole windows in 10 min; torch (hop 22.5 s) → 26.
    expect(started).toMatchObject({ state: 'running', total: 45, done: 0, actor: 'tester' });
    const job = await backfill.wait(started.id);
    expect(job).toMatchObject({ state: 'done', done: 45, total: 45, predictions: 19 + 26 * 2, skipped: 0, failures: 0, etaMs: 0 });
    expect(job.realTimeFactor).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual(job);
    const rows = t.db.prepare("select model_id, segment_id, epistemic, variance, source from predictions").all() as
      { model_id: string; segment_id: number; epistemic: number | null; variance: string | null; source: string }[];
    expect(rows).toHaveLength(19 + 26 * 2);
    // Every stored prediction reached the live view once, in a few batched events (7 worker batches of ≤ 8 windows).
    const ids = t.db.prepare('select id from predictions order by id').pluck().all() as number[];
    expect(pushed.flat().map((p) => p.id).sort((a, b) => a - b)).toEqual(ids);
    expect(pushed.length).toBeGreaterThanOrEqual(1);
    expect(pushed.length).toBeLessThanOrEqual(7);
    expect(pushed.flat().find((p) => p.modelId === 'torch-mc-cnn')).toMatchObject({ stationId: 'demo', uncertainty: { passes: 30 } });
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['backfill']));
    const torch = rows.filter((r) => r.model_id === 'torch-mc-cnn');
    expect(torch.every((r) => r.epistemic! > 0 && JSON.parse(r.variance!).length === 5)).toBe(true);
    expect(torch.some((r) => r.segment_id === liveSegment)).toBe(true);
    expect(t.inference.list().map((r) => r.id)).toEqual(['logreg-grid', 'torch-mc-cnn']); // the inactive model was only held for the job
    expect(t.registry.history({ id: 'tiny-logreg' })[0]).toMatchObject({ action: 'backfill', actor: 'tester' });


    const again = await backfill.wait(backfill.start({ stationId: 'demo', models, from: T0, to: T0 + 10 * MIN }).id);
    expect(again).toMatchObject({ state: 'done', done: 45, skipped: 45, predictions: 0 });
    expect(pushed.flat()).toHaveLength(ids.length); // nothing new, nothing pushed
  }, 60_000);

  it('cancels a running job', async () => {
    t = testRegistry();
    await cacheAudio(t);
    await t.registry.deploy({ kind: 'path', path: TORCH });
    const backfill = service(t);
    const started = backfill.start({ stationId: 'demo', models: [{ id: 'torch-mc-cnn', version: '1.0.0' }], from: T0, to: T0 + 10 * MIN });
    backfill.cancel(started.id);
    const job = await backfill.wait(started.id);
    expect(job.state).toBe('cancelled');
    expect(job.done).toBeLessThan(job.total);
  }, 60_000);

  it('says when there is no cached audio for the range', async () => {
    t = testRegistry();
    await cacheAudio(t);
    await t.registry.deploy({ kind: 'path', path: fixtureDir('tiny-logreg') });
    const backfill = service(t);
    expect(() => backfill.start({ stationId: 'demo', models: [{ id: 'tiny-logreg', version: '1.0.0' }], from: T0 - 60 * MIN, to: T0 - 30 * MIN }))
      .toThrowError(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringMatching(/no cached audio of station demo/) }));
    expect(backfill.sources('demo')).toEqual({ stationId: 'demo', files: 2, seconds: 600, from: T0, to: T0 + 10 * MIN });
  });
});
