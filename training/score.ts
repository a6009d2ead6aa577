/**
 * Scores `aiw analyze` output against labels: the second half of every "recompute this number" command in the
 * CNN model cards.
 *
 *   node training/score.ts PREDICTIONS(.jsonl|.csv) --model ID [--labels labels.csv] [--package DIR] [--json]
 *
 * Labels: a CSV with `file,label` columns (class id A–E, or 'mixed' = not scored), as export-sim-test.ts writes;
 * without --labels, the real recordings' own labels and splits (training/data/real-sets.ts). Every segment of a
 * file carries the file's label. Prints accuracy, macro F1, vessel-vs-no-vessel balanced accuracy and ECE per split.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../src/shared/errors.ts';
import { loadModelPackage } from '../src/main/inference/model-package.ts';
import { parseCsv } from '../src/shared/csv.ts';
import { realClipSets } from './data/real-sets.ts';
import { parseAnalyzeOutput, probsInOrder, type AnalyzedSegment } from './eval/analyze-output.ts';
import { setMetrics, type ScoredWindow, type SetMetrics } from './eval/metrics.ts';
import { CLASS_IDS } from './recipes.ts';

const REPO = resolve(import.meta.dirname, '..');

export interface FileLabel {
  label: string;
  split: string;
}

/** Scored windows per split for one model's rows. */
export function scoreRows(
  rows: readonly AnalyzedSegment[], labels: ReadonlyMap<string, FileLabel>, task: 'multi-class' | 'multi-label', classes: readonly string[],
): Map<string, SetMetrics> {
  const bySplit = new Map<string, ScoredWindow[]>();
  for (const row of rows) {
    const label = labels.get(row.file);
    if (!label) throw new AppError('NOT_FOUND', `no label for ${row.file}`);
    const truth = (CLASS_IDS as readonly string[]).indexOf(label.label);
    if (truth < 0) continue; // 'mixed': no single class
    bySplit.set(label.split, [...(bySplit.get(label.split) ?? []), { truth, probs: probsInOrder(row, classes) }]);
  }
  return new Map([...bySplit].sort(([a], [b]) => a.localeCompare(b)).map(([split, windows]) => [split, setMetrics(task, windows)]));
}

async function readLabels(path: string | undefined): Promise<Map<string, FileLabel>> {
  if (path) return new Map(parseCsv(await readFile(path, 'utf8')).map((r) => [r.file, { label: r.label, split: r.split || 'test' }]));
  const split = (s: string) => (s === 'train' ? 'real fine-tuning clips (train)' : 'real held-out (test)');
  return new Map(realClipSets().clips.map((c) => [c.file, { label: c.label, split: split(c.split) }]));
}

function print(split: string, m: SetMetrics): string {
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : 'n/a');
  const perClass = m.perClass.map((c) => `${c.label} ${f(c.f1)}`).join(', ');
  return `${split}: ${m.total} windows, accuracy ${f(m.accuracy)}, macro F1 ${f(m.macroF1)}, ` +
    `vessel balanced accuracy ${f(m.vesselBalancedAccuracy)}, ECE ${f(m.ece)}; F1 ${perClass}`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { model: { type: 'string' }, labels: { type: 'string' }, package: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length !== 1 || !values.model) {
    process.stderr.write('usage: node training/score.ts PREDICTIONS --model ID [--labels labels.csv] [--package DIR] [--json]\n');
    process.exitCode = 2;
    return;
  }
  const pkg = await loadModelPackage(values.package ?? join(REPO, 'models', values.model));
  const rows = parseAnalyzeOutput(await readFile(positionals[0], 'utf8')).filter((r) => r.modelId === values.model);
  if (!rows.length) throw new AppError('NOT_FOUND', `no rows of model ${values.model} in ${positionals[0]}`);
  const classes = pkg.manifest.classes.map((c) => c.classId);
  const scores = scoreRows(rows, await readLabels(values.labels), pkg.manifest.task, classes);
  for (const [split, m] of scores) process.stdout.write(values.json ? `${JSON.stringify({ split, ...m })}\n` : `${print(split, m)}\n`);
}

await main();
