/**
 * The dataset step of the CNN recipes: every model input is computed by the workstation's own serving code
 * (demo station → featurize, and Segmenter → featurize for real files) and written as float32 `.npy` arrays
 * that the PyTorch step only reads — there is no feature code in Python.
 *
 *   <dir>/sim.npy   [N, 4, 160, 128]  simulated windows, 4 channels (the 1-channel input is plane 0)
 *   <dir>/real.npy  [M, 1, 160, 128]  real recordings (single hydrophones: no 4-channel real data exists here)
 *   <dir>/meta.json labels, splits, groups, per-class SNR, window start times, clip names
 *
 * Deterministic for a config; cached under training/.cache keyed by the config, so every recipe of a run
 * (and a re-run) shares one rendering.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NpyWriter } from '../../src/main/dsp/npy.ts';
import { featureRequestOf, type FeatureRequest } from '../../src/main/pipeline/feature-plan.ts';
import { buildSimExamples, clipFeatures } from '../baseline/dataset.ts';
import { labelIndex } from '../baseline/labels.ts';
import { createRng, shuffleInPlace } from '../baseline/prng.ts';
import type { Example, SimPlan } from '../baseline/sim-dataset.ts';
import { summarizeTruth, type ClassRangeSummary } from '../baseline/truth-summary.ts';
import { buildCnnManifest, CNN_RECIPES, SEGMENT_SECONDS } from '../recipes.ts';
import { realClipSets, type RealClip } from './real-sets.ts';

/** Bump when the dataset code changes what it writes, so stale caches are not reused. */
const DATASET_VERSION = 4;

export interface DatasetConfig {
  seed: number;
  scenarios: number;
  windowsPerScenario: number;
  workers: number;
}

export type SimSplit = 'train' | 'val' | 'test';

export interface SimRow {
  label: number;
  kind: Example['kind'];
  group: string;
  seed: number;
  split: SimSplit;
  maxSnrDb: number;
  classSnrDb: number[];
  start: number;
  removed: number[];
}

export interface RealRow {
  label: number;
  file: string;
  path: string;
  corpus: string;
  site: string;
  sourceLabel: string;
  split: RealClip['split'];
  /** Window index inside the clip. */
  segment: number;
}

export interface DatasetMeta {
  version: number;
  config: DatasetConfig;
  plan: SimPlan;
  sim: SimRow[];
  real: RealRow[];
  missing: string[];
  truth: ClassRangeSummary[];
  seconds: number;
  cpuSeconds: number;
}

export interface Dataset {
  dir: string;
  meta: DatasetMeta;
  /** True when the cache was reused (no rendering in this run). */
  cached: boolean;
}

/** Window choice for the simulated scenarios (as the baseline, plus mixed windows for the multi-label model). */
export function simPlan(windowsPerScenario: number): SimPlan {
  return {
    windowsPerScenario, startTime: Date.UTC(2024, 0, 1), spanMs: 12 * 3_600_000, windowMs: SEGMENT_SECONDS * 1000,
    randomCandidates: 40, mixedWindows: true,
  };
}

/** Scenario seeds split 70 / 15 / 15 % into train / validation (epoch choice) / test, whole scenarios each. */
export function splitScenarioSeeds(seed: number, n: number): Map<number, SimSplit> {
  const seeds = shuffleInPlace(Array.from({ length: n }, (_, i) => seed * 1_000_000 + 500_000 + i), createRng(seed ^ 0xc0ffee));
  const nTrain = Math.round(n * 0.7);
  const nVal = Math.round(n * 0.15);
  return new Map(seeds.map((s, i) => [s, i < nTrain ? 'train' : i < nTrain + nVal ? 'val' : 'test']));
}

/** The feature request of the 4-channel and 1-channel recipes (from their manifests, so conditioning is included). */
export function recipeRequest(channels: 1 | 4): FeatureRequest {
  const recipe = CNN_RECIPES.find((r) => r.channels === channels && r.task === 'multi-class' && !r.mc)!;
  return featureRequestOf(buildCnnManifest(recipe));
}

function cacheKey(config: DatasetConfig, sharedAudio: string): string {
  const text = JSON.stringify({ DATASET_VERSION, ...config, windowsPerScenario: config.windowsPerScenario, sharedAudio });
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

async function writeSim(dir: string, config: DatasetConfig, log: (m: string) => void) {
  const splits = splitScenarioSeeds(config.seed, config.scenarios);
  const plan = simPlan(config.windowsPerScenario);
  const t0 = performance.now();
  const progress = (done: number, total: number) => {
    if (done % 20 === 0 || done === total) log(`  scenarios ${done}/${total}  ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  };
  const sim = await buildSimExamples([...splits.keys()], plan, recipeRequest(4), progress, config.workers, 4);
  const writer = await NpyWriter.create(join(dir, 'sim.npy'), recipeRequest(4).shape);
  const rows: SimRow[] = [];
  try {
    for (const e of sim.examples) {
      await writer.append(e.features);
      const seed = Number(e.group.slice(4));
      rows.push({
        label: e.label, kind: e.kind, group: e.group, seed, split: splits.get(seed)!, maxSnrDb: e.maxSnrDb,
        classSnrDb: e.classSnrDb ?? [], start: e.start ?? 0, removed: e.removed ?? [],
      });
    }
  } finally {
    await writer.close();
  }
  return { plan, rows, truth: summarizeTruth(sim.log) };
}

async function writeReal(dir: string, clips: readonly RealClip[]): Promise<RealRow[]> {
  const request = recipeRequest(1);
  const writer = await NpyWriter.create(join(dir, 'real.npy'), request.shape);
  const rows: RealRow[] = [];
  try {
    for (const clip of clips) {
      const windows = await clipFeatures(clip, request, SEGMENT_SECONDS, 0.25);
      for (const [segment, features] of windows.entries()) {
        await writer.append(features);
        rows.push({
          label: labelIndex(clip.label), file: clip.file, path: clip.path, corpus: clip.corpus, site: clip.site,
          sourceLabel: clip.sourceLabel, split: clip.split, segment,
        });
      }
    }
  } finally {
    await writer.close();
  }
  return rows;
}

/** Builds (or reuses) the dataset for `config` under `cacheRoot`. */
export async function buildDataset(config: DatasetConfig, cacheRoot: string, log: (m: string) => void, sharedAudio?: string): Promise<Dataset> {
  const real = realClipSets(sharedAudio);
  const dir = join(cacheRoot, `dataset-${cacheKey(config, sharedAudio ?? '')}`);
  if (existsSync(join(dir, 'meta.json'))) {
    const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as DatasetMeta;
    log(`  dataset: reusing ${dir} (rendered in ${meta.seconds.toFixed(0)} s when it was built)`);
    return { dir, meta, cached: true };
  }
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage().user;
  for (const line of real.missing) log(`  note: ${line}`);
  const sim = await writeSim(partial, config, log);
  const realRows = await writeReal(partial, real.clips);
  const meta: DatasetMeta = {
    version: DATASET_VERSION, config, plan: sim.plan, sim: sim.rows, real: realRows, missing: real.missing, truth: sim.truth,
    seconds: (performance.now() - t0) / 1000, cpuSeconds: (process.cpuUsage().user - cpu0) / 1e6,
  };
  await writeFile(join(partial, 'meta.json'), `${JSON.stringify(meta)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return { dir, meta, cached: false };
}
