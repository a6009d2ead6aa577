/**
 * Turns one PyTorch run into a model package: ONNX + model.json + MODEL_CARD.md in `models/<id>`, checked
 * through the serving path against PyTorch, evaluated, with the per-window results kept in
 * training/results/<id>.json (what the card's numbers and the integration test are computed from).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../src/shared/errors.ts';
import { loadModelPackage } from '../../src/main/inference/model-package.ts';
import type { Dataset } from '../data/dataset.ts';
import { evaluatePackage, manifestMetrics } from '../eval/evaluate.ts';
import type { ResultsFile } from '../eval/results-file.ts';
import { checkAgainstTorch, readNpyRows, segmentLatencyMs } from '../eval/serving.ts';
import { BANDS, buildCnnManifest, FRAMES, type CnnRecipe } from '../recipes.ts';
import { renderCnnCard } from './cnn-card.ts';

/** Bundled packages must stay small (issue 9: each under 20 MB). */
const MAX_ONNX_BYTES = 20 * 1024 * 1024;

export interface RunInfo {
  recipe: CnnRecipe;
  seed: number;
  epochs: number;
  threads: number;
  machine: string;
  dataset: Dataset;
  datasetSeconds: number;
  runDir: string;
  outDir: string;
  /** Where results/<id>.json goes: training/results for the bundled models/, else beside --out. */
  resultsDir: string;
}

/** What train_cnn.py writes beside the ONNX file. */
export interface TrainLog {
  history: { epoch: number; loss: number; val: number; seconds: number }[];
  bestEpoch: number;
  bestVal: number;
  trainRows: number;
  parameters: number;
  seconds: number;
  cpuSeconds: number;
  torch: string;
  threads: number;
  seed: number;
  batch: number;
  lr: number;
  epochs: number;
  reference: { rows: number[]; probs: number[][] };
}

/** PyTorch vs onnxruntime on the reference windows, and the served cost of one window. */
async function checkServing(info: RunInfo, log: TrainLog): Promise<{ maxDiff: number; latencyMs: number }> {
  const take = info.recipe.channels * FRAMES * BANDS;
  const features = await readNpyRows(join(info.dataset.dir, 'sim.npy'), log.reference.rows, take);
  const maxDiff = await checkAgainstTorch(info.outDir, features, log.reference.probs);
  return { maxDiff, latencyMs: await segmentLatencyMs(info.outDir, features.subarray(0, take)) };
}

/** Writes, checks and evaluates one package; returns a one-line summary. */
export async function assemblePackage(info: RunInfo): Promise<string> {
  const { recipe, outDir } = info;
  const log = JSON.parse(await readFile(join(info.runDir, 'train-log.json'), 'utf8')) as TrainLog;
  await mkdir(outDir, { recursive: true });
  await copyFile(join(info.runDir, 'model.onnx'), join(outDir, 'model.onnx'));
  const first = buildCnnManifest(recipe);
  await writeFile(join(outDir, 'model.json'), `${JSON.stringify(first, null, 2)}\n`);
  const { maxDiff, latencyMs } = await checkServing(info, log);
  const t0 = performance.now();
  const evaluation = await evaluatePackage(outDir, first, recipe, info.dataset.dir, info.dataset.meta, info.seed);
  const evalSeconds = (performance.now() - t0) / 1000;
  const metrics = manifestMetrics(evaluation);
  const manifest = buildCnnManifest(recipe, metrics);
  await writeFile(join(outDir, 'model.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const pkg = await loadModelPackage(outDir);
  if (pkg.onnxBytes > MAX_ONNX_BYTES) throw new AppError('MODEL_INVALID', `${recipe.id}: model.onnx is ${pkg.onnxBytes} bytes (> 20 MB)`);
  const results: ResultsFile = {
    id: manifest.id, version: manifest.version, onnxSha256: pkg.onnxSha256, task: recipe.task, channels: recipe.channels, mc: recipe.mc,
    dataset: info.dataset.meta.config, metrics, sim: evaluation.sim, real: evaluation.real,
  };
  await mkdir(info.resultsDir, { recursive: true });
  await writeFile(join(info.resultsDir, `${recipe.id}.json`), `${JSON.stringify(results)}\n`);
  const card = renderCnnCard({ info, log, manifest, evaluation, pkg, maxDiff, latencyMs, evalSeconds });
  await writeFile(join(outDir, manifest.card), card);
  const real = evaluation.realTest ? `real held-out acc ${evaluation.realTest.accuracy.toFixed(3)}, vessel BA ${fmt(evaluation.realTest.vesselBalancedAccuracy)}` : 'no real numbers';
  return `sim test acc ${evaluation.simTest.accuracy.toFixed(3)}, macro F1 ${evaluation.simTest.macroF1.toFixed(3)}, ` +
    `vessel BA ${fmt(evaluation.simTest.vesselBalancedAccuracy)}; ${real}; ${pkg.onnxBytes} B; ${latencyMs.toFixed(1)} ms/window; torch ${log.seconds.toFixed(0)} s, eval ${evalSeconds.toFixed(0)} s`;
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : 'n/a';
}
