/**
 * Trains the bundled baseline classifier and writes its model package.
 *
 *   node training/baseline/train.ts [--seed 1] [--out models/baseline-logreg] [--scenarios 120] [--workers 2]
 *   npm run train:baseline
 *
 * Deterministic for a seed: scenario seeds, window choice and the L-BFGS fit use no Math.random.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { featureRequestOf } from '../../src/main/pipeline/feature-plan.ts';
import { buildSimExamples, realExamples } from './dataset.ts';
import { fit, leaveOneGroupOut, predictAll, report, selectL2, type FitOptions, type Prediction } from './experiment.ts';
import { levelProjection } from './level-projection.ts';
import { buildManifest, INPUT_NAME, OUTPUT_NAME, SEGMENT_SECONDS } from './manifest.ts';
import { renderModelCard, type CardInput } from './model-card.ts';
import { exportSoftmaxModelToOnnx } from './onnx-export.ts';
import { createRng, shuffleInPlace } from './prng.ts';
import { firstDataDir, listDeepShipClips, listSanctSoundClips } from './real-clips.ts';
import type { Example, SimPlan } from './sim-dataset.ts';
import { summarizeTruth } from './truth-summary.ts';
import { verifyPackage } from './verify.ts';

const REPO = resolve(import.meta.dirname, '../..');
const SANCTSOUND_DIRS = [join(REPO, 'resources/demo/sanctsound'), '/work/shared/data/audio/sanctsound'];
const DEEPSHIP_DIR = '/work/shared/data/audio/deepship';
const L2_GRID = [1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1];
const CV_FOLDS = 5;
/** Each real-clip window counts as this many simulated windows of its class (there are only a handful). */
const REAL_WEIGHT = 10;
const N_BANDS = 32;

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function options() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'models/baseline-logreg' },
      scenarios: { type: 'string', default: '150' },
      workers: { type: 'string', default: '2' },
    },
  });
  return { seed: Number(values.seed), out: resolve(REPO, values.out), scenarios: Number(values.scenarios), workers: Number(values.workers) };
}

/** Scenario seeds split 70 / 30 % into train / test (disjoint by construction; L2 is chosen by CV inside train). */
function splitSeeds(seed: number, n: number): { train: number[]; test: number[] } {
  const seeds = shuffleInPlace(Array.from({ length: n }, (_, i) => seed * 1_000_000 + i), createRng(seed));
  const nTrain = Math.round(n * 0.7);
  return { train: seeds.slice(0, nTrain), test: seeds.slice(nTrain) };
}

const PLAN: SimPlan = {
  windowsPerScenario: 5,
  startTime: Date.UTC(2024, 0, 1),
  spanMs: 12 * 3_600_000,
  windowMs: SEGMENT_SECONDS * 1000,
  randomCandidates: 40,
};

async function buildData(opts: ReturnType<typeof options>) {
  const request = featureRequestOf(buildManifest());
  const seeds = splitSeeds(opts.seed, opts.scenarios);
  const all = [...seeds.train, ...seeds.test];
  const t0 = performance.now();
  const sim = await buildSimExamples(all, PLAN, request, (done, total) => {
    if (done % 10 === 0 || done === total) log(`  scenarios ${done}/${total}  ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }, opts.workers);
  const inSeeds = (list: number[]) => new Set(list.map((s) => `sim:${s}`));
  const pick = (list: number[]) => sim.examples.filter((e) => inSeeds(list).has(e.group));
  const sanctDir = firstDataDir(SANCTSOUND_DIRS);
  const sanctClips = sanctDir ? listSanctSoundClips(sanctDir) : [];
  const deepClips = listDeepShipClips(DEEPSHIP_DIR);
  const input = buildManifest().input;
  return {
    train: pick(seeds.train),
    test: pick(seeds.test),
    seeds,
    truthLog: sim.log,
    sanct: { dir: sanctDir, clips: sanctClips, examples: await realExamples(sanctClips, request, input.segmentSeconds, input.overlap) },
    deep: { clips: deepClips, examples: await realExamples(deepClips, request, input.segmentSeconds, input.overlap) },
    seconds: (performance.now() - t0) / 1000,
  };
}

type Data = Awaited<ReturnType<typeof buildData>>;

/** Fits the shipped model and every evaluation the card reports. */
function trainAndEvaluate(data: Data) {
  const t0 = performance.now();
  const projection = levelProjection(N_BANDS);
  const simTrain = data.train;
  const l2 = selectL2(simTrain, L2_GRID, { realWeight: REAL_WEIGHT, projection }, CV_FOLDS);
  log(`  L2 ${l2.best} (${CV_FOLDS}-fold CV macro F1 ${l2.scores.map((s) => `${s.l2}: ${s.macroF1.toFixed(3)}`).join(', ')})`);
  const fitOpts: FitOptions = { l2: l2.best, realWeight: REAL_WEIGHT, projection };
  const final = fit([...simTrain, ...data.sanct.examples], fitOpts);
  log(`  final fit: ${final.iterations} L-BFGS iterations, loss ${final.loss.toFixed(4)}`);
  const simOnly = fit(simTrain, fitOpts).model;
  const rawLevel = fit([...simTrain, ...data.sanct.examples], { ...fitOpts, projection: undefined }).model;
  const natural = data.test.filter((e) => e.kind === 'natural');
  const evaluations = {
    simTest: predictAll(final.model, data.test),
    simTestNatural: predictAll(final.model, natural),
    realLoco: leaveOneGroupOut(simTrain, data.sanct.examples, fitOpts),
    realSimOnly: predictAll(simOnly, data.sanct.examples),
    deepShip: predictAll(final.model, data.deep.examples),
    ablationRawLevelSimTest: predictAll(rawLevel, data.test),
    ablationRawLevelRealLoco: leaveOneGroupOut(simTrain, data.sanct.examples, { ...fitOpts, projection: undefined }),
  };
  return { model: final.model, iterations: final.iterations, l2, evaluations, seconds: (performance.now() - t0) / 1000 };
}

function finiteMetrics(entries: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => Number.isFinite(v)).map(([k, v]) => [k, Math.round(v * 1e4) / 1e4]));
}

function manifestMetrics(e: ReturnType<typeof trainAndEvaluate>['evaluations']): Record<string, number> {
  const sim = report(e.simTest);
  const real = report(e.realLoco);
  return finiteMetrics({
    accuracy: sim.accuracy,
    macroF1: sim.macroF1,
    vesselBalancedAccuracy: sim.vesselBalancedAccuracy,
    realClipsAccuracy: real.accuracy,
    realClipsVesselBalancedAccuracy: real.vesselBalancedAccuracy,
  });
}

function countByClass(examples: readonly Example[]): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (const e of examples) counts[e.label]++;
  return counts;
}

async function main(): Promise<void> {
  const opts = options();
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  log(`baseline-logreg: seed ${opts.seed}, ${opts.scenarios} scenarios, ${opts.workers} workers → ${opts.out}`);
  const data = await buildData(opts);
  log(`  data: ${data.train.length} train / ${data.test.length} test simulated windows, ` +
    `${data.sanct.examples.length} SanctSound, ${data.deep.examples.length} DeepShip (${data.seconds.toFixed(1)} s)`);
  const result = trainAndEvaluate(data);
  log(`  training and evaluation: ${result.seconds.toFixed(1)} s`);
  const manifest = buildManifest(manifestMetrics(result.evaluations));
  await mkdir(opts.out, { recursive: true });
  const onnxBytes = exportSoftmaxModelToOnnx(result.model, {
    inputName: INPUT_NAME,
    outputName: OUTPUT_NAME,
    description: manifest.description,
    metadata: { id: manifest.id, version: manifest.version, seed: String(opts.seed) },
  });
  await writeFile(join(opts.out, manifest.onnx), onnxBytes);
  await writeFile(join(opts.out, 'model.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const verification = await verifyPackage(opts.out, result.model, data.test.map((e) => e.features));
  log(`  ModelHost check: ${verification.rows} rows, max |served − TS| = ${verification.maxAbsDiff.toExponential(2)}`);
  const totalSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = process.cpuUsage().user / 1e6; // all threads of this process, workers included
  const card: CardInput = {
    seed: opts.seed,
    scenarios: opts.scenarios,
    workers: opts.workers,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, 1-min load average ${loadAtStart.toFixed(1)} at start`,
    timings: { dataSeconds: data.seconds, trainSeconds: result.seconds, totalSeconds, cpuSeconds },
    plan: PLAN,
    counts: {
      train: countByClass(data.train),
      test: countByClass(data.test),
      sanct: countByClass(data.sanct.examples),
      deep: countByClass(data.deep.examples),
    },
    kinds: data.test.concat(data.train).reduce<Record<string, number>>((m, e) => ({ ...m, [e.kind]: (m[e.kind] ?? 0) + 1 }), {}),
    truth: summarizeTruth(data.truthLog),
    l2: result.l2,
    iterations: result.iterations,
    realWeight: REAL_WEIGHT,
    folds: CV_FOLDS,
    evaluations: result.evaluations,
    clips: { sanct: data.sanct.clips, deep: data.deep.clips },
    verification,
    manifest,
  };
  await writeFile(join(opts.out, manifest.card), renderModelCard(card));
  log(`  wrote ${opts.out} (model.onnx ${onnxBytes.length} B) in ${totalSeconds.toFixed(1)} s total, ${cpuSeconds.toFixed(0)} s CPU`);
  const sim = report(result.evaluations.simTest);
  const real = report(result.evaluations.realLoco);
  log(`  simulated test: accuracy ${sim.accuracy.toFixed(3)}, macro F1 ${sim.macroF1.toFixed(3)}, vessel BA ${sim.vesselBalancedAccuracy.toFixed(3)}`);
  log(`  real clips (leave-one-clip-out): accuracy ${real.accuracy.toFixed(3)}, vessel BA ${real.vesselBalancedAccuracy.toFixed(3)}`);
}

export type Evaluations = ReturnType<typeof trainAndEvaluate>['evaluations'];
export type { Prediction };

await main();
