/**
 * A data folder with nine days of synthetic scoring material for the metrics tests: segments every
 * 5 minutes, label facts at every range (backgrounds, single ships, two ships, Unknown designations,
 * stale coverage, lost vessels), a few analyst verifications, and predictions of three model versions
 * (multi-class A–E with MC uncertainty that drifts in the last three days, multi-class A–D with tied
 * entropies, multi-label with per-class thresholds). Deterministic (seeded).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMappingRepo } from '../../src/main/classes/mapping-repo.ts';
import { Rng } from '../../src/main/demo/prng.ts';
import type { FactVessel } from '../../src/main/labels/derive.ts';
import { labelRowsOf, type SegmentFacts } from '../../src/main/labels/label-engine.ts';
import { createLabelsRepo } from '../../src/main/labels/labels-repo.ts';
import { DEFAULT_LABELS_CONFIG } from '../../src/main/labels/options.ts';
import { createVerificationsRepo } from '../../src/main/labels/verifications-repo.ts';
import { DEMO_STATION } from '../../src/main/pipeline/live-stations.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import type { NewPrediction } from '../../src/main/storage/predictions-repo.ts';
import { createRepositories } from '../../src/main/storage/repositories.ts';
import type { ModelManifest } from '../../src/shared/model-manifest.ts';
import { REPO_ROOT } from '../helpers/serve-process.ts';

export const DAY = 86_400_000;
export const FROM = Date.UTC(2024, 8, 1);
export const TO = FROM + 9 * DAY;
const STEP = 300_000;
const RANGES = DEFAULT_LABELS_CONFIG.rangesKm;
const DESIGNATION: Record<string, string[]> = { A: ['30', 'Tug'], B: ['37'], C: ['60'], D: ['70', '80'] };

const baseline = JSON.parse(readFileSync(join(REPO_ROOT, 'models/baseline-logreg/model.json'), 'utf8')) as ModelManifest;
const manifest = (id: string, task: ModelManifest['task'], classes: string[], thresholds?: Record<string, number>): ModelManifest => ({
  ...baseline, id, name: `Test ${id}`, version: '1.0.0', task, classes: classes.map((c) => ({ label: c, classId: c })), ...(thresholds ? { thresholds } : {}),
});
export const MODELS = [
  manifest('mc5', 'multi-class', ['A', 'B', 'C', 'D', 'E']),
  manifest('mc4', 'multi-class', ['A', 'B', 'C', 'D']),
  manifest('ml5', 'multi-label', ['A', 'B', 'C', 'D', 'E'], { A: 0.4, D: 0.6 }),
];

/** Vessels of one scene: [designation, distance km | null (never known), lower bound km of the unknown part]. */
type Scene = { coverage: 'fresh' | 'stale' | 'none'; vessels: [string, number | null, number][] };

function scene(rng: Rng): Scene {
  const pick = (c: string) => rng.pick(DESIGNATION[c]);
  const cls = () => rng.pick(['A', 'B', 'C', 'D']);
  const u = rng.uniform(0, 1);
  if (u < 0.04) return { coverage: rng.chance(0.5) ? 'stale' : 'none', vessels: [] };
  if (u < 0.3) return { coverage: 'fresh', vessels: [] };
  if (u < 0.75) return { coverage: 'fresh', vessels: [[pick(cls()), rng.uniform(1, 135), Infinity]] };
  if (u < 0.9) return { coverage: 'fresh', vessels: [[pick(cls()), rng.uniform(1, 60), Infinity], [pick(cls()), rng.uniform(1, 135), Infinity]] };
  if (u < 0.95) return { coverage: 'fresh', vessels: [['90', rng.uniform(1, 135), Infinity]] };
  return { coverage: 'fresh', vessels: [[pick(cls()), null, rng.uniform(5, 140)]] };
}

/** The facts of a scene: vessels with their closest distance and the bound of the part AIS lost. */
function factsOf(segmentId: number, s: Scene): SegmentFacts {
  const vessels = s.vessels.map(([designation, d, lost], i): FactVessel =>
    [366_000_000 + segmentId * 10 + i, designation, d === null ? null : Math.round(d * 1000), Number.isFinite(lost) ? Math.round(lost * 1000) : null]);
  return { segmentId, coverage: s.coverage, vessels, final: true, watermark: TO + DAY };
}

const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};
const entropyBits = (p: number[]) => -p.reduce((s, x) => s + (x > 0 ? x * Math.log2(x) : 0), 0);

/** A prediction leaning on `target` with strength depending on whether the model gets it right. */
function predict(rng: Rng, m: ModelManifest, segmentId: number, truthClasses: string[], skill: number): NewPrediction {
  const classes = m.classes.map((c) => c.classId);
  const right = rng.chance(skill);
  const inModel = truthClasses.filter((c) => classes.includes(c));
  const target = right && inModel.length ? rng.pick(inModel) : rng.pick(classes);
  const probs = softmax(classes.map((c) => (c === target ? rng.uniform(0.5, 3.5) : 0) + rng.normal() * 0.7));
  const sorted = [...probs].sort((a, b) => b - a);
  let best = 0;
  probs.forEach((p, i) => { if (p > probs[best]) best = i; });
  const entropy = m.id === 'mc4' ? Math.round(entropyBits(probs) * 10) / 10 : entropyBits(probs);
  const mc = m.id === 'mc5' ? { aleatoric: entropy * rng.uniform(0.6, 0.9), epistemic: rng.uniform(0, 0.3) + (right ? 0 : 0.1), passes: 20 } : {};
  return {
    segmentId, modelId: m.id, modelVersion: m.version, classes, probs, predictedClass: classes[best],
    uncertainty: { entropy, entropyNorm: entropy / Math.log2(classes.length), margin: sorted[0] - sorted[1], ...mc }, latencyMs: 1,
  };
}

/** Builds the data folder with nine days from `from` (default FROM); returns the number of segments. */
export function seedMetricsData(dataDir: string, from = FROM): { segments: number } {
  const to = from + (TO - FROM);
  const db = openDatabase(join(dataDir, 'aiw.db'));
  const repos = createRepositories(db);
  repos.stations.upsert(DEMO_STATION);
  for (const m of MODELS) repos.models.insert({ manifest: m, dir: '/nonexistent', onnxSha256: 'test', status: 'inactive', actor: 'test' });
  const mapping = createMappingRepo(db).mapping(1);
  const labels = createLabelsRepo(db, { bufferKm: DEFAULT_LABELS_CONFIG.bufferKm });
  const verifications = createVerificationsRepo(db);
  const rng = new Rng(20240901);
  let n = 0;
  for (let t = from; t < to; t += STEP, n++) {
    const id = repos.segments.ensure({ stationId: DEMO_STATION.id, startTime: t, endTime: t + 30_000, sampleRate: 8000, padded: false });
    const facts = factsOf(id, scene(rng));
    const rows = labelRowsOf(facts, RANGES, DEFAULT_LABELS_CONFIG.bufferKm, mapping, 1);
    labels.write([facts], rows, from);
    const at40 = rows.find((r) => r.rangeKm === 40)!;
    const truth = at40.status === 'ambiguous' ? ['A', 'B', 'C', 'D', 'E'] : at40.classes;
    const drifting = t >= to - 3 * DAY;
    repos.predictions.insertMany(MODELS.map((m) => predict(rng, m, id, truth, m.id === 'mc5' && drifting ? 0.25 : 0.75)));
    if (n % 97 === 0) verifications.add({ segmentId: id, verdict: 'corrected', classes: [rng.pick(['A', 'B', 'C', 'D'])], analyst: 'test', at: t + DAY });
    if (n % 211 === 0) verifications.add({ segmentId: id, verdict: 'no-ship', classes: ['E'], analyst: 'test', at: t + DAY });
    if (n % 307 === 0) verifications.add({ segmentId: id, verdict: 'cant-tell', classes: [], analyst: 'test', at: t + DAY });
  }
  db.close();
  return { segments: n };
}
