/**
 * The bundled model set (models/): every package loads, matches its manifest and answers in a ModelHost; each
 * CNN's card numbers are recomputed from its per-window record (training/results/<id>.json), and a sample of that
 * record is reproduced through `aiw analyze` itself — the SanctSound clips in the repository, two simulated test
 * windows rendered again as WAV files and, when the shared data folder exists, DeepShip and Orcasound.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModelPackage } from '../../src/main/inference/model-package.ts';
import { ModelHost } from '../../src/main/inference/model-host.ts';
import { realClipSets } from '../../training/data/real-sets.ts';
import { writeSimWindow, simWindowFileName } from '../../training/data/sim-windows.ts';
import { parseAnalyzeOutput, probsInOrder, type AnalyzedSegment } from '../../training/eval/analyze-output.ts';
import { manifestMetrics, type Evaluation } from '../../training/eval/evaluate.ts';
import { setMetrics } from '../../training/eval/metrics.ts';
import { readResults, type ResultsFile } from '../../training/eval/results-file.ts';
import { CNN_RECIPES } from '../../training/recipes.ts';
import { runAiw } from '../helpers/run-aiw.ts';
import { REPO_ROOT, tempDir } from '../helpers/serve-process.ts';

const MODELS = join(REPO_ROOT, 'models');
const bundled = readdirSync(MODELS).filter((name) => existsSync(join(MODELS, name, 'model.json'))).sort();
const cnns = CNN_RECIPES.filter((r) => bundled.includes(r.id));
const SIM_SAMPLE = 2;
/**
 * Deterministic models must agree to float precision. MC keep-masks are random in `aiw analyze`, so the mean of
 * 30 passes moves between runs: two independent means differ with standard deviation √(2/30)·sd, and 5 of those
 * (plus a little) is a false-failure chance below one in a million per value.
 */
const tolerance = (sd: number | undefined) => (sd === undefined ? 1e-4 : 5 * Math.sqrt(2 / 30) * sd + 0.005);

describe('bundled models', () => {
  it('are the baseline and the five seed-style CNNs', () => {
    expect(bundled).toEqual(['baseline-logreg', ...CNN_RECIPES.map((r) => r.id)].sort());
  });

  it.each(bundled)('%s loads, matches its manifest, stays under 20 MB and answers in a ModelHost', async (name) => {
    const pkg = await loadModelPackage(join(MODELS, name));
    expect(pkg.manifest.id).toBe(name);
    expect(pkg.onnxBytes).toBeLessThan(20 * 1024 * 1024);
    expect(pkg.card?.length ?? 0).toBeGreaterThan(1000);
    const host = await ModelHost.start(pkg); // loads the graph, checks inputs/outputs and dry-runs silence
    try {
      const size = pkg.manifest.input.shape.reduce((a, b) => a * b, 1);
      const [out] = await host.run(new Float32Array(size).fill(-2), 1);
      expect(out!.length).toBe(pkg.manifest.classes.length * host.passes);
      expect(host.passes).toBe(pkg.manifest.uncertainty.method === 'mc-dropout' ? 30 : 1);
    } finally {
      await host.dispose();
    }
  });
});

describe.runIf(cnns.length > 0)('bundled CNN cards', () => {
  const results = new Map<string, ResultsFile>();
  let rows: AnalyzedSegment[] = [];
  let simFiles: string[] = [];

  beforeAll(async () => {
    for (const r of cnns) results.set(r.id, await readResults(r.id));
    const dir = tempDir('aiw-bundled-');
    const sample = results.get(cnns[0]!.id)!.sim.slice(0, SIM_SAMPLE);
    simFiles = await Promise.all(sample.map((w) => writeSimWindow(dir, w)));
    const real = realClipSets();
    for (const line of real.missing) process.stderr.write(`bundled-models test: skipping part of the real check: ${line}\n`);
    const files = [...real.clips.map((c) => c.path), ...simFiles];
    const out = join(dir, 'rows.jsonl');
    const r = runAiw(['analyze', ...files, '--format', 'jsonl', '--out', out, '--data-dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    rows = parseAnalyzeOutput(await import('node:fs/promises').then((fs) => fs.readFile(out, 'utf8')));
  }, 240_000);

  it.each(cnns.map((r) => r.id))('%s: the manifest metrics are recomputed from its per-window record', async (id) => {
    const res = results.get(id)!;
    const pkg = await loadModelPackage(join(MODELS, id));
    expect(res.onnxSha256).toBe(pkg.onnxSha256); // the record belongs to these weights
    const single = res.sim.filter((w) => w.truth >= 0);
    const realTest = res.real.filter((w) => w.split === 'test');
    const evaluation = {
      simTest: setMetrics(res.task, single),
      realTest: realTest.length ? setMetrics(res.task, realTest) : null,
    } as Evaluation;
    expect(manifestMetrics(evaluation)).toEqual(pkg.manifest.metrics);
    expect(pkg.card).toContain(`accuracy **${(100 * evaluation.simTest.accuracy).toFixed(1)} %**`);
  });

  it.each(cnns.map((r) => r.id))('%s: aiw analyze reproduces its recorded outputs on real clips and simulated windows', (id) => {
    const res = results.get(id)!;
    const pkg = { classes: res.task === 'multi-label' ? ['A', 'B', 'C', 'D'] : ['A', 'B', 'C', 'D', 'E'] };
    const mine = rows.filter((r) => r.modelId === id);
    const checks: [number[], { probs: number[]; sd?: number[] }][] = [];
    for (const w of res.sim.slice(0, SIM_SAMPLE)) {
      const row = mine.find((r) => r.file === simWindowFileName(w) && r.segment === 0);
      expect(row, `row for ${simWindowFileName(w)}`).toBeDefined();
      checks.push([probsInOrder(row!, pkg.classes), w]);
    }
    for (const w of res.real) {
      const row = mine.find((r) => r.file === w.file && r.segment === w.segment);
      if (row) checks.push([probsInOrder(row, pkg.classes), w]);
    }
    const expectedReal = res.channels === 1 ? res.real.filter((w) => existsSync(join(REPO_ROOT, 'resources/demo/sanctsound', w.file))).length : 0;
    expect(checks.length).toBeGreaterThanOrEqual(SIM_SAMPLE + expectedReal);
    for (const [got, want] of checks) {
      expect(res.mc).toBe(want.sd !== undefined);
      for (const [k, p] of got.entries()) expect(Math.abs(p - want.probs[k]!)).toBeLessThanOrEqual(tolerance(want.sd?.[k]));
    }
  });

  it.each(cnns.filter((r) => r.channels === 1).map((r) => r.id))('%s: its held-out real-clip accuracy is reproduced by aiw analyze', (id) => {
    const res = results.get(id)!;
    const classes = res.task === 'multi-label' ? ['A', 'B', 'C', 'D'] : ['A', 'B', 'C', 'D', 'E'];
    const available = res.real.filter((w) => w.split === 'test' && rows.some((r) => r.modelId === id && r.file === w.file));
    const analyzed = available.map((w) => ({
      truth: w.truth, probs: probsInOrder(rows.find((r) => r.modelId === id && r.file === w.file && r.segment === w.segment)!, classes),
    }));
    const recorded = setMetrics(res.task, available);
    const again = setMetrics(res.task, analyzed);
    // MC: one window may flip between runs; deterministic models must agree exactly.
    expect(Math.abs(again.accuracy - recorded.accuracy)).toBeLessThanOrEqual(res.mc ? 1 / available.length + 1e-9 : 1e-9);
    if (available.length === res.real.filter((w) => w.split === 'test').length && !res.mc) {
      expect(Math.round(again.accuracy * 1e4) / 1e4).toBe(res.metrics.realClipsAccuracy);
    }
  });
});
