/**
 * `npm run train -- --recipe NAME [options]`: from data to deployable model packages in `models/`.
 *
 *   --recipe NAME     baseline | cnn-all | seed-cnn-1ch | seed-cnn-4ch | seed-cnn-mc-1ch | seed-cnn-mc-4ch | seed-cnn-multilabel-1ch
 *   --seed N          everything random derives from it (default 1)
 *   --scenarios N     simulated scenarios (default 170), --windows N windows per scenario (default 6)
 *   --epochs N        training epochs per CNN (default 30), --threads N PyTorch threads (default 2)
 *   --workers N       simulator worker threads (default 2)
 *   --out DIR         where packages go (default models/)
 *   --package-only    skip PyTorch: package and evaluate the last training run again (training/.cache/runs)
 *
 * Steps: setup (Debian PyTorch, training/setup.sh) → dataset (workstation features → .npy, cached) →
 * PyTorch training + ONNX export (training/torch) → package, serving check, evaluation, model card
 * (training/package). The baseline recipe runs training/baseline/train.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../src/shared/errors.ts';
import { buildDataset, type Dataset } from './data/dataset.ts';
import { RESULTS_DIR } from './eval/results-file.ts';
import { assemblePackage, type RunInfo } from './package/assemble.ts';
import { RECIPE_NAMES, selectCnnRecipes, type CnnRecipe } from './recipes.ts';

const REPO = resolve(import.meta.dirname, '..');
const CACHE = join(REPO, 'training/.cache');

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function options() {
  const { values } = parseArgs({
    options: {
      recipe: { type: 'string' }, seed: { type: 'string', default: '1' }, scenarios: { type: 'string', default: '170' },
      windows: { type: 'string', default: '6' }, epochs: { type: 'string', default: '30' }, threads: { type: 'string', default: '2' },
      workers: { type: 'string', default: '2' }, out: { type: 'string', default: 'models' },
      python: { type: 'string', default: process.env.AIW_TRAIN_PYTHON ?? '/usr/bin/python3' },
      'shared-audio': { type: 'string' }, 'package-only': { type: 'boolean' },
    },
  });
  if (!values.recipe) throw new AppError('BAD_REQUEST', `--recipe is required: one of ${RECIPE_NAMES.join(', ')}`);
  const num = (v: string) => Number(v);
  return {
    recipe: values.recipe, seed: num(values.seed), scenarios: num(values.scenarios), windows: num(values.windows),
    epochs: num(values.epochs), threads: num(values.threads), workers: num(values.workers), out: resolve(REPO, values.out),
    python: values.python, sharedAudio: values['shared-audio'], packageOnly: values['package-only'] === true,
  };
}

type Options = ReturnType<typeof options>;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: REPO, stdio: 'inherit', env });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new AppError('INTERNAL', `${command} ${args[0] ?? ''} exited with ${code}`))));
  });
}

/** Debian's PyTorch for `python`, installed by training/setup.sh when missing. */
function ensurePython(python: string): void {
  const probe = spawnSync(python, ['-c', 'import torch, onnx, numpy, scipy'], { stdio: 'ignore' });
  if (probe.status === 0) return;
  const setup = spawnSync('sh', [join(REPO, 'training/setup.sh')], { stdio: 'inherit', env: { ...process.env, AIW_TRAIN_PYTHON: python } });
  if (setup.status !== 0) throw new AppError('CONFIG_INVALID', 'PyTorch is not available (see training/setup.sh)');
}

async function trainTorch(opts: Options, dataset: Dataset, recipes: readonly CnnRecipe[]): Promise<Map<string, string>> {
  const runs = join(CACHE, 'runs');
  await mkdir(runs, { recursive: true });
  const outDirs = new Map(recipes.map((r) => [r.id, join(runs, r.id)]));
  if (opts.packageOnly) return outDirs;
  const jobs = recipes.map((r) => ({ id: r.id, channels: r.channels, task: r.task, mc: r.mc, out: outDirs.get(r.id), epochs: opts.epochs }));
  const jobsFile = join(runs, 'jobs.json');
  await writeFile(jobsFile, JSON.stringify(jobs, null, 1));
  const script = join(REPO, 'training/torch/train_cnn.py');
  const args = [script, '--data', dataset.dir, '--jobs', jobsFile, '--seed', String(opts.seed), '--threads', String(opts.threads)];
  // Debian's torch 1.13 warns about its own ONNX exporter internals; the warnings say nothing about our models.
  await run(opts.python, ['-W', 'ignore', ...args], { ...process.env, PYTHONHASHSEED: '0' });
  return outDirs;
}

async function trainCnns(opts: Options): Promise<void> {
  const started = performance.now();
  const recipes = selectCnnRecipes(opts.recipe);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, 1-min load average ${loadavg()[0].toFixed(1)} at start`;
  log(`train ${opts.recipe}: ${recipes.map((r) => r.id).join(', ')} (seed ${opts.seed}) on ${machine}`);
  ensurePython(opts.python);
  const t0 = performance.now();
  const dataset = await buildDataset(
    { seed: opts.seed, scenarios: opts.scenarios, windowsPerScenario: opts.windows, workers: opts.workers }, CACHE, log, opts.sharedAudio,
  );
  const datasetSeconds = (performance.now() - t0) / 1000;
  log(`  dataset: ${dataset.meta.sim.length} simulated windows, ${dataset.meta.real.length} real windows (${datasetSeconds.toFixed(0)} s)`);
  const t1 = performance.now();
  const runDirs = await trainTorch(opts, dataset, recipes);
  const torchSeconds = (performance.now() - t1) / 1000;
  for (const recipe of recipes) {
    const info: RunInfo = {
      recipe, seed: opts.seed, epochs: opts.epochs, threads: opts.threads, machine, dataset, datasetSeconds,
      runDir: runDirs.get(recipe.id)!, outDir: join(opts.out, recipe.id),
      resultsDir: opts.out === join(REPO, 'models') ? RESULTS_DIR : `${opts.out}-results`,
    };
    const summary = await assemblePackage(info);
    log(`  ${recipe.id}: ${summary}`);
  }
  log(`train ${opts.recipe}: done in ${((performance.now() - started) / 1000).toFixed(0)} s wall ` +
    `(dataset ${datasetSeconds.toFixed(0)} s, PyTorch ${torchSeconds.toFixed(0)} s, packaging and evaluation the rest)`);
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.recipe === 'baseline') {
    const args = ['--seed', String(opts.seed), '--workers', String(opts.workers), '--out', join(opts.out, 'baseline-logreg')];
    await run(process.execPath, [join(REPO, 'training/baseline/train.ts'), ...args]);
    return;
  }
  await trainCnns(opts);
}

try {
  await main();
} catch (err) {
  process.stderr.write(`train: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = err instanceof AppError && err.code === 'BAD_REQUEST' ? 2 : 1;
}
