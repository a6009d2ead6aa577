/**
 * `npm run bench` section for issue 7: truth labels for a month of 30 s segments (every 22.5 s) with
 * 500 vessels of synthetic AIS in a temp database, and the Metrics page's server-side computation for
 * 30 days × 6 models. The reference in the same process is one full read of the same AIS positions
 * (what any labeller has to do at least once), so the ratio says how much the labelling adds.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../app/logger.ts';
import { bundledModelsDir } from '../app/paths.ts';
import { createMappingRepo } from '../classes/mapping-repo.ts';
import { destination } from '../demo/geo.ts';
import { Rng } from '../demo/prng.ts';
import { LabelService } from '../labels/label-service.ts';
import { labelOptions } from '../labels/options.ts';
import { createVerificationsRepo } from '../labels/verifications-repo.ts';
import { DEMO_STATION } from '../pipeline/live-stations.ts';
import { openDatabase, type Db } from '../storage/database.ts';
import { createRepositories } from '../storage/repositories.ts';
import { metricsRequestSchema } from '../../shared/metrics.ts';
import { MetricsService } from './metrics-service.ts';

const DAY = 86_400_000;
const KNOT = 1852 / 3600;
const TYPES = [30, 31, 52, 36, 37, 50, 60, 69, 70, 71, 79, 80, 84, 35, 90];

export interface LabelsBench {
  days: number;
  vessels: number;
  positions: number;
  segments: number;
  meanVesselsInDisc: number;
  labelSeconds: number;
  segmentsPerSecond: number;
  referenceReadSeconds: number;
  predictions: number;
  /** The Metrics page's request (30 days, 6 models, details for one): first after start, then warm. */
  metricsColdMs: number;
  metricsWarmMs: number;
  /** Every section for all six models (what `aiw export metrics` computes), warm. */
  metricsAllDetailsMs: number;
  /** The page's request again after an hour of labels was recomputed. */
  metricsIncrementalMs: number;
  /** Size of the page's report as JSON, bytes. */
  reportBytes: number;
  labelDbBytes: number;
}

/** Straight transits across a 150 km disc around the sensor, one report every 30 s. */
function insertAis(db: Db, days: number, vessels: number, t0: number, rng: Rng): { positions: number; vesselHours: number } {
  const fix = db.prepare('INSERT INTO ais_positions (mmsi, time, lat, lon, sog, cog, heading, source) VALUES (?, ?, ?, ?, ?, ?, NULL, \'bench\')');
  const minute = db.prepare('INSERT OR IGNORE INTO ais_track_minutes (mmsi, minute, time, lat, lon) VALUES (?, ?, ?, ?, ?)');
  const vessel = db.prepare('INSERT INTO vessels (mmsi, ship_type, length_m, beam_m, updated_at) VALUES (?, ?, ?, ?, ?)');
  let positions = 0;
  let ms = 0;
  db.transaction(() => {
    for (let v = 0; v < vessels; v++) {
      const mmsi = 367_000_000 + v;
      vessel.run(mmsi, rng.pick(TYPES), rng.uniform(10, 300), rng.uniform(4, 45), t0);
      for (let t = t0 + rng.uniform(0, 3 * DAY); t < t0 + days * DAY; t += rng.uniform(2, 4) * DAY) {
        const cpa = rng.uniform(0, 140_000);
        const half = Math.sqrt(150_000 ** 2 - cpa ** 2);
        const course = rng.uniform(0, 360);
        const speed = rng.uniform(8, 20) * KNOT;
        const cpaPoint = destination(DEMO_STATION, course + 90, cpa);
        const start = destination(cpaPoint, course + 180, half);
        const duration = (2 * half) / speed * 1000;
        ms += duration;
        for (let dt = 0; dt <= duration; dt += 30_000) {
          const p = destination(start, course, (speed * dt) / 1000);
          const time = Math.round(t + dt);
          fix.run(mmsi, time, p.lat, p.lon, speed / KNOT, course % 360);
          minute.run(mmsi, Math.floor(time / 60_000), time, p.lat, p.lon);
          positions++;
        }
      }
    }
  })();
  return { positions, vesselHours: ms / 3_600_000 };
}

function insertSegmentsAndPredictions(db: Db, days: number, t0: number, rng: Rng): { segments: number; predictions: number } {
  const seg = db.prepare('INSERT INTO segments (station_id, start_time, end_time, sample_rate, padded) VALUES (?, ?, ?, 8000, 0)');
  const pred = db.prepare(`INSERT INTO predictions (segment_id, model_id, model_version, classes, probs, predicted_class, entropy, entropy_norm, margin, latency_ms, created_at)
    VALUES (?, ?, '1.0.0', '["A","B","C","D","E"]', ?, ?, ?, ?, ?, 1, 0)`);
  const model = db.prepare(`INSERT INTO models (id, version, name, author, task, manifest, onnx_sha256, dir, status, deployed_at, deployed_by)
    VALUES (?, '1.0.0', ?, 'bench', 'multi-class', ?, 'x', '/x', 'inactive', 0, 'bench')`);
  const models = Array.from({ length: 6 }, (_, i) => `bench-model-${i + 1}`);
  // A complete manifest (the baseline's, renamed): `aiw serve` reads every deployed model's manifest.
  const baseline = JSON.parse(readFileSync(join(bundledModelsDir(), 'baseline-logreg', 'model.json'), 'utf8')) as Record<string, unknown>;
  for (const id of models) model.run(id, id, JSON.stringify({ ...baseline, id, name: id, version: '1.0.0' }));
  let segments = 0;
  let predictions = 0;
  db.transaction(() => {
    for (let t = t0; t + 30_000 <= t0 + days * DAY; t += 22_500) {
      const id = Number(seg.run(DEMO_STATION.id, t, t + 30_000).lastInsertRowid);
      segments++;
      for (const m of models) {
        const raw = Array.from({ length: 5 }, () => rng.next() ** 3);
        const sum = raw.reduce((a, b) => a + b, 0);
        const probs = raw.map((x) => x / sum);
        const best = probs.indexOf(Math.max(...probs));
        const sorted = [...probs].sort((a, b) => b - a);
        const entropy = -probs.reduce((s, p) => s + p * Math.log2(p), 0);
        pred.run(id, m, JSON.stringify(probs), 'ABCDE'[best], entropy, entropy / Math.log2(5), sorted[0] - sorted[1]);
        predictions++;
      }
    }
  })();
  return { segments, predictions };
}

/** A temp database with `days` of synthetic AIS for `vessels`, segments, and 6 models' predictions (not labelled yet). */
export function buildBenchDb(dir: string, days: number, vessels: number) {
  const db = openDatabase(join(dir, 'aiw.db'));
  const repos = createRepositories(db);
  repos.stations.upsert(DEMO_STATION);
  const rng = new Rng(7);
  const t0 = Date.UTC(2024, 0, 1);
  const ais = insertAis(db, days, vessels, t0, rng);
  const made = insertSegmentsAndPredictions(db, days, t0, rng);
  const mapping = createMappingRepo(db);
  const labels = new LabelService({ db, mapping, options: labelOptions(), stations: () => repos.stations.list(), logger: silentLogger, settings: repos.settings });
  const metrics = new MetricsService({ db, mapping, labels, verifications: createVerificationsRepo(db), models: () => repos.models.list() });
  return { db, repos, t0, labels, metrics, ...ais, ...made };
}

/** Builds the month, labels it, then times the metrics request of the Metrics page (30 days, 6 models). */
export async function benchLabelsAndMetrics(days = 30, vessels = 500): Promise<LabelsBench> {
  const dir = mkdtempSync(join(tmpdir(), 'aiw-bench-labels-'));
  try {
    const b = buildBenchDb(dir, days, vessels);
    let start = performance.now();
    let rows = 0;
    for (const _ of b.db.prepare('SELECT mmsi, time, lat, lon, sog, cog FROM ais_positions ORDER BY time').raw().iterate()) rows++;
    const referenceReadSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    b.labels.init();
    await b.labels.runPass();
    const labelSeconds = (performance.now() - start) / 1000;
    const page = metricsRequestSchema.parse({ from: b.t0, to: b.t0 + days * DAY, details: [{ id: 'bench-model-1', version: '1.0.0' }] });
    const all = metricsRequestSchema.parse({ from: b.t0, to: b.t0 + days * DAY });
    let reportBytes = 0;
    const time = async (request: typeof page) => {
      const s = performance.now();
      reportBytes = JSON.stringify(await b.metrics.compute(request)).length;
      return performance.now() - s;
    };
    const metricsColdMs = await time(page);
    const metricsWarmMs = Math.min(await time(page), await time(page), await time(page));
    const metricsAllDetailsMs = (await time(all), Math.min(await time(all), await time(all)));
    b.labels.recompute(b.t0 + days * DAY - 3_600_000, b.t0 + days * DAY);
    await b.labels.runPass();
    const metricsIncrementalMs = await time(page);
    const labelDbBytes = b.db.prepare<[], number>("SELECT sum(pgsize) FROM dbstat WHERE name IN ('labels', 'label_facts', 'label_facts_pending', 'label_facts_computed', 'sqlite_autoindex_labels_1')").pluck().get() ?? 0;
    b.db.close();
    return {
      days, vessels, positions: rows, segments: b.segments, meanVesselsInDisc: b.vesselHours / (days * 24), labelSeconds,
      segmentsPerSecond: b.segments / labelSeconds, referenceReadSeconds, predictions: b.predictions, metricsColdMs, metricsWarmMs,
      metricsAllDetailsMs, metricsIncrementalMs, reportBytes, labelDbBytes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
