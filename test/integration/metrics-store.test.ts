/**
 * The metrics store kept current incrementally gives the same report as one built from scratch: after
 * new predictions, rewritten label facts and new verifications land in hours already stored, a request
 * through the warm store equals a request through a fresh store over the same database (all sections,
 * every model in detail, edges inside hours, AIS and verified truth, a station filter).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/main/app/logger.ts';
import { createMappingRepo } from '../../src/main/classes/mapping-repo.ts';
import { LabelService } from '../../src/main/labels/label-service.ts';
import { labelOptions } from '../../src/main/labels/options.ts';
import { createVerificationsRepo } from '../../src/main/labels/verifications-repo.ts';
import { MetricsService } from '../../src/main/metrics/metrics-service.ts';
import { DEMO_STATION } from '../../src/main/pipeline/live-stations.ts';
import { openDatabase, type Db } from '../../src/main/storage/database.ts';
import { createRepositories } from '../../src/main/storage/repositories.ts';
import { metricsRequestSchema, type MetricsReport } from '../../src/shared/metrics.ts';
import { tempDir } from '../helpers/serve-process.ts';
import { DAY, FROM, MODELS, seedMetricsData, TO } from './metrics-fixture.ts';

function service(db: Db): MetricsService {
  const repos = createRepositories(db);
  const mapping = createMappingRepo(db);
  const labels = new LabelService({ db, mapping, options: labelOptions(), stations: () => repos.stations.list(), logger: silentLogger, settings: repos.settings });
  return new MetricsService({ db, mapping, labels, verifications: createVerificationsRepo(db), models: () => repos.models.list() });
}

const EVERY = MODELS.map((m) => ({ id: m.id, version: m.version }));
const requests = [
  { from: FROM + 1_234_567, to: TO - 2 * DAY - 777_000, rangeKm: 40, truth: 'ais', details: EVERY },
  // AIS first: the verified request then copies the hours without a verified segment from it.
  { from: FROM, to: TO, rangeKm: 60, truth: 'ais', details: EVERY, stationId: DEMO_STATION.id },
  { from: FROM, to: TO, rangeKm: 60, truth: 'verified', details: EVERY, stationId: DEMO_STATION.id },
].map((r) => metricsRequestSchema.parse(r));
const VERIFIED = requests.length - 1;
const numbersOf = (r: MetricsReport) => ({ ...r, computedAt: 0, computeMs: 0 });

/** New predictions (a new segment), rewritten facts and a verification in hours the store already holds. */
function changeData(db: Db): void {
  const repos = createRepositories(db);
  const t = FROM + 2 * DAY + 123_000;
  const id = repos.segments.ensure({ stationId: DEMO_STATION.id, startTime: t, endTime: t + 30_000, sampleRate: 8000, padded: false });
  repos.predictions.insertMany(MODELS.map((m) => ({
    segmentId: id, modelId: m.id, modelVersion: m.version, mappingVersion: 1, classes: m.classes.map((c) => c.classId),
    probs: m.classes.map((_, i) => (i === 0 ? 0.6 : 0.4 / (m.classes.length - 1))), predictedClass: m.classes[0]!.classId,
    uncertainty: { entropy: 1.1, entropyNorm: 0.5, margin: 0.3 }, latencyMs: 1,
  })));
  db.prepare(`INSERT INTO label_facts (segment_id, coverage, vessels, final, watermark, computed_at) VALUES (?, 'fresh', '[]', 1, ?, ?)`).run(id, TO, TO + DAY);
  db.prepare(`UPDATE label_facts SET coverage = 'stale', computed_at = ? WHERE segment_id IN
    (SELECT id FROM segments WHERE start_time >= ? AND start_time < ?)`).run(TO + DAY, FROM + 5 * DAY, FROM + 5 * DAY + 7_200_000);
  const target = db.prepare('SELECT id FROM segments WHERE start_time >= ? ORDER BY start_time LIMIT 1').pluck().get(FROM + 3 * DAY) as number;
  createVerificationsRepo(db).add({ segmentId: target, verdict: 'no-ship', classes: ['E'], analyst: 'test', at: TO + DAY });
}

/** Runs `fn` on a fresh folder seeded with the month of metrics data; closes the database after. */
async function withSeededDb(prefix: string, fn: (db: ReturnType<typeof openDatabase>) => Promise<void>): Promise<void> {
  const dir = tempDir(prefix);
  seedMetricsData(dir);
  const db = openDatabase(join(dir, 'aiw.db'));
  try {
    await fn(db);
  } finally {
    db.close();
  }
}

/** Empties the metrics store (its hours, cursors and model rows), as if it had never been built. */
function clearStore(db: ReturnType<typeof openDatabase>): void {
  for (const t of ['metrics_hours', 'metrics_model_hours', 'metrics_label_hours', 'metrics_cursors', 'metrics_models']) db.prepare(`DELETE FROM ${t}`).run();
}

describe('metrics store', () => {
  it('kept current incrementally equals a store built from scratch', async () => {
    await withSeededDb('aiw-metrics-store-', async (db) => {
      const warm = service(db);
      const before = await Promise.all(requests.map((r) => warm.compute(r)));
      changeData(db);
      const after = await Promise.all(requests.map((r) => warm.compute(r)));
      expect(after.map(numbersOf)).not.toEqual(before.map(numbersOf)); // the changes are seen
      clearStore(db);
      const fresh = await Promise.all(requests.map((r) => service(db).compute(r)));
      expect(after.map(numbersOf)).toEqual(fresh.map(numbersOf));
      // Verified truth scored hour by hour with nothing to copy from gives the same numbers.
      clearStore(db);
      expect(numbersOf(await service(db).compute(requests[VERIFIED]!))).toEqual(numbersOf(after[VERIFIED]!));
      expect(after[0]!.models.every((m) => m.detailed && m.uncertainty.length > 0 && m.hourly.length > 0)).toBe(true);
    });
  }, 120_000);

  it('details "first" gives the first model the detailed sections, as naming it does', async () => {
    await withSeededDb('aiw-metrics-first-', async (db) => {
      const metrics = service(db);
      const first = await metrics.compute(metricsRequestSchema.parse({ from: FROM, to: TO, details: 'first' }));
      expect(first.models.map((m) => m.detailed)).toEqual(MODELS.map((_, i) => i === 0));
      const named = await metrics.compute(metricsRequestSchema.parse({ from: FROM, to: TO, details: [{ id: first.models[0]!.modelId, version: first.models[0]!.modelVersion }] }));
      expect(numbersOf(first)).toEqual(numbersOf(named));
    });
  }, 60_000);
});
