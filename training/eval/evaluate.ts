/**
 * Evaluates a written CNN package on the held-out data, through the serving code only:
 *  - simulated test scenarios: the dataset's feature rows through a ModelHost (onnxruntime, MC masks);
 *  - real recordings: `aiw analyze` on the audio files themselves (1-channel models; the real recordings are
 *    single hydrophones, so a 4-channel model has no real-audio numbers).
 * The per-window outputs are kept (training/results/<id>.json) so the integration test can reproduce a sample.
 */
import { join } from 'node:path';
import type { ModelManifest } from '../../src/shared/model-manifest.ts';
import { createRng } from '../baseline/prng.ts';
import type { DatasetMeta, RealRow, SimRow } from '../data/dataset.ts';
import { BANDS, FRAMES, type CnnRecipe } from '../recipes.ts';
import { probsInOrder, runAnalyze } from './analyze-output.ts';
import { multiLabelClassF1, setMetrics, type SetMetrics } from './metrics.ts';
import { readNpyRows, servePackage } from './serving.ts';

const SNR_ON_DB = 6;
const SNR_OFF_DB = -3;

export interface SimResult {
  row: number;
  seed: number;
  start: number;
  removed: number[];
  kind: SimRow['kind'];
  /** Class index 0–4, or −1 for a mixed window (two classes audible: multi-label targets only). */
  truth: number;
  probs: number[];
  /** MC models: standard deviation of each probability over the passes (how far a re-run's mean may move). */
  sd?: number[];
}

export interface RealResult {
  file: string;
  segment: number;
  corpus: string;
  site: string;
  split: RealRow['split'];
  sourceLabel: string;
  truth: number;
  /** As `aiw analyze` reported them. */
  probs: number[];
  /** MC models: standard deviation over the passes (from a seeded ModelHost run on the same features). */
  sd?: number[];
}

export interface Evaluation {
  sim: SimResult[];
  real: RealResult[];
  simTest: SetMetrics;
  simTestNatural: SetMetrics;
  /** Multi-label only: per-class F1 (A–D) on multi-hot SNR targets, mixed windows included. */
  simClassF1?: number[];
  realTest: SetMetrics | null;
  realTrain: SetMetrics | null;
  /** Why there are no real-audio numbers, when there are none. */
  realNote?: string;
}

/** Multi-hot A–D targets of a simulated window from its per-class SNR: 1 audible, 0 inaudible, null in between. */
export function snrTargets(classSnrDb: readonly number[]): (0 | 1 | null)[] {
  return classSnrDb.map((s) => (s >= SNR_ON_DB ? 1 : s < SNR_OFF_DB ? 0 : null));
}

async function simResults(dir: string, dataDir: string, meta: DatasetMeta, recipe: CnnRecipe, seed: number): Promise<SimResult[]> {
  const rows = meta.sim.flatMap((r, i) => (r.split === 'test' ? [i] : []));
  const take = recipe.channels * FRAMES * BANDS; // the 1-channel input is plane 0 of the 4-channel row
  const features = await readNpyRows(join(dataDir, 'sim.npy'), rows, take);
  const served = await servePackage(dir, features, rows.length, createRng(seed ^ 0x3c));
  return rows.map((row, i) => {
    const r = meta.sim[row];
    const sd = recipe.mc ? { sd: served[i].sd } : {};
    return { row, seed: r.seed, start: r.start, removed: r.removed, kind: r.kind, truth: r.label, probs: served[i].probs, ...sd };
  });
}

/** MC spread of the real windows: the same features (real.npy) through a seeded ModelHost. */
async function realSpread(dir: string, dataDir: string, meta: DatasetMeta, recipe: CnnRecipe, seed: number): Promise<number[][] | null> {
  if (!recipe.mc) return null;
  const rows = meta.real.map((_, i) => i);
  const served = await servePackage(dir, await readNpyRows(join(dataDir, 'real.npy'), rows, FRAMES * BANDS), rows.length, createRng(seed ^ 0x5d));
  return served.map((s) => s.sd);
}

async function realResults(dir: string, dataDir: string, manifest: ModelManifest, recipe: CnnRecipe, meta: DatasetMeta, seed: number): Promise<RealResult[]> {
  const files = [...new Set(meta.real.map((r) => r.path))];
  if (!files.length) return [];
  const classes = manifest.classes.map((c) => c.classId);
  const rows = (await runAnalyze(files, dir)).filter((r) => r.modelId === manifest.id);
  const spread = await realSpread(dir, dataDir, meta, recipe, seed);
  return meta.real.map((r, i) => {
    const found = rows.find((a) => a.file === r.file && a.segment === r.segment);
    if (!found) throw new Error(`aiw analyze gave no row for ${r.file} segment ${r.segment}`);
    return {
      file: r.file, segment: r.segment, corpus: r.corpus, site: r.site, split: r.split, sourceLabel: r.sourceLabel,
      truth: r.label, probs: probsInOrder(found, classes), ...(spread ? { sd: spread[i] } : {}),
    };
  });
}

/** Every number of the card for one package. */
export async function evaluatePackage(
  dir: string, manifest: ModelManifest, recipe: CnnRecipe, dataDir: string, meta: DatasetMeta, seed: number,
): Promise<Evaluation> {
  const sim = await simResults(dir, dataDir, meta, recipe, seed);
  const single = sim.filter((r) => r.truth >= 0);
  const score = (rows: readonly { truth: number; probs: readonly number[] }[]) => setMetrics(recipe.task, rows);
  const evaluation: Evaluation = {
    sim, real: [], simTest: score(single), simTestNatural: score(single.filter((r) => r.kind === 'natural')),
    realTest: null, realTrain: null,
  };
  if (recipe.task === 'multi-label') {
    evaluation.simClassF1 = multiLabelClassF1(sim.map((r) => ({ probs: r.probs, targets: snrTargets(meta.sim[r.row].classSnrDb) })));
  }
  if (recipe.channels !== 1) {
    evaluation.realNote = 'every real recording available here is a single hydrophone (no particle-velocity channels), so a 4-channel model cannot run on it';
    return evaluation;
  }
  evaluation.real = await realResults(dir, dataDir, manifest, recipe, meta, seed);
  const test = evaluation.real.filter((r) => r.split === 'test');
  const train = evaluation.real.filter((r) => r.split === 'train');
  evaluation.realTest = test.length ? score(test) : null;
  evaluation.realTrain = train.length ? score(train) : null;
  if (!test.length) evaluation.realNote = 'no held-out real recordings were found on this machine';
  return evaluation;
}

function rounded(entries: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && Number.isFinite(v)) out[k] = Math.round(v * 1e4) / 1e4;
  return out;
}

/** The manifest `metrics` (shown on the Models page): held-out simulated and held-out real numbers. */
export function manifestMetrics(e: Evaluation): Record<string, number> {
  return rounded({
    accuracy: e.simTest.accuracy,
    macroF1: e.simTest.macroF1,
    vesselBalancedAccuracy: e.simTest.vesselBalancedAccuracy,
    ece: e.simTest.ece,
    realClipsAccuracy: e.realTest?.accuracy,
    realClipsMacroF1: e.realTest?.macroF1,
    realClipsVesselBalancedAccuracy: e.realTest?.vesselBalancedAccuracy,
    realClipsEce: e.realTest?.ece,
  });
}
