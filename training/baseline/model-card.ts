/**
 * Renders MODEL_CARD.md from the numbers of one training run, so the card can never disagree with the
 * model it ships with.
 */
import type { ModelManifest } from '../../src/shared/model-manifest.ts';
import type { Evaluations, Prediction } from './train.ts';
import { report } from './experiment.ts';
import { CLASS_LABELS, DEFAULT_POLICY } from './labels.ts';
import type { ClassificationReport } from './metrics.ts';
import type { ClipSpec } from './real-clips.ts';
import type { SimPlan } from './sim-dataset.ts';
import type { ClassRangeSummary } from './truth-summary.ts';
import type { Verification } from './verify.ts';
import { CARD_TEXT } from './model-card-text.ts';

export interface CardInput {
  seed: number;
  scenarios: number;
  workers: number;
  machine: string;
  timings: { dataSeconds: number; trainSeconds: number; totalSeconds: number; cpuSeconds: number };
  plan: SimPlan;
  counts: Record<'train' | 'test' | 'sanct' | 'deep', number[]>;
  kinds: Record<string, number>;
  truth: ClassRangeSummary[];
  l2: { best: number; scores: { l2: number; macroF1: number; accuracy: number }[] };
  iterations: number;
  realWeight: number;
  folds: number;
  evaluations: Evaluations;
  clips: { sanct: ClipSpec[]; deep: ClipSpec[] };
  verification: Verification;
  manifest: ModelManifest;
}

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : 'n/a');
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
const km = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');

function headline(r: ClassificationReport): string {
  return `${r.total} windows — accuracy **${pct(r.accuracy)}**, macro F1 **${f3(r.macroF1)}**, vessel-vs-no-vessel balanced accuracy **${pct(r.vesselBalancedAccuracy)}**`;
}

function perClassTable(r: ClassificationReport): string {
  const rows = r.perClass.map((c) => `| ${c.label} | ${c.support} | ${f3(c.precision)} | ${f3(c.recall)} | ${f3(c.f1)} |`);
  return ['| class | support | precision | recall | F1 |', '|---|---|---|---|---|', ...rows].join('\n');
}

function confusionTable(r: ClassificationReport): string {
  const head = `| true ↓ / predicted → | ${r.labels.join(' | ')} |`;
  const sep = `|---|${r.labels.map(() => '---').join('|')}|`;
  const rows = r.confusion.map((row, t) => `| **${r.labels[t]}** | ${row.join(' | ')} |`);
  return [head, sep, ...rows].join('\n');
}

function section(title: string, note: string, predictions: readonly Prediction[]): string {
  if (predictions.length === 0) return `### ${title}\n\n${note}\n\nNot available in this run.\n`;
  const r = report(predictions);
  return `### ${title}\n\n${note}\n\n${headline(r)}.\n\n${perClassTable(r)}\n\n${confusionTable(r)}\n`;
}

function clipTable(predictions: readonly Prediction[], clips: readonly ClipSpec[], more: Record<string, readonly Prediction[]> = {}): string {
  const extra = Object.keys(more);
  const head = `| clip | source label | truth | predicted | p(predicted) |${extra.map((k) => ` ${k} |`).join('')}`;
  const sep = `|---|---|---|---|---|${extra.map(() => '---|').join('')}`;
  const rows = predictions.map((p, i) => {
    const clip = clips.find((c) => `${c.corpus}:${c.file}` === p.group);
    const others = extra.map((k) => ` ${CLASS_LABELS[more[k][i]?.predicted ?? 0]} |`).join('');
    return `| ${clip?.file ?? p.group} | ${clip?.sourceLabel ?? ''} | ${CLASS_LABELS[p.truth]} | ${CLASS_LABELS[p.predicted]} | ${p.probs[p.predicted].toFixed(2)} |${others}`;
  });
  return [head, sep, ...rows].join('\n');
}

function countsTable(counts: CardInput['counts']): string {
  const row = (name: string, c: number[]) => `| ${name} | ${c.join(' | ')} | ${c.reduce((a, b) => a + b, 0)} |`;
  return [
    `| split | ${CLASS_LABELS.join(' | ')} | total |`,
    `|---|${CLASS_LABELS.map(() => '---').join('|')}|---|`,
    row('simulated train', counts.train),
    row('simulated test', counts.test),
    row('SanctSound (real)', counts.sanct),
    row('DeepShip (real, test only)', counts.deep),
  ].join('\n');
}

function truthTable(truth: readonly ClassRangeSummary[]): string {
  const rows = truth.map(
    (t) => `| ${t.classId} | ${t.observations} | ${km(t.audibleMedianKm)} | ${km(t.audibleP90Km)} | ${pct(t.audibleWithin5Km)} | ${km(t.inaudibleP10Km)} |`,
  );
  return [
    `| class | ship observations | audible (SNR ≥ ${DEFAULT_POLICY.audibleDb} dB): median range km | 90th pct km | audible when within 5 km | inaudible (SNR < ${DEFAULT_POLICY.clearDb} dB): 10th pct range km |`,
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The complete MODEL_CARD.md text. */
export function renderModelCard(c: CardInput): string {
  const e = c.evaluations;
  const sim = report(e.simTest);
  const real = report(e.realLoco);
  const l2Scores = c.l2.scores.map((s) => `${s.l2} → ${f3(s.macroF1)}`).join(', ');
  const kinds = Object.entries(c.kinds).map(([k, n]) => `${k} ${n}`).join(', ');
  const t = CARD_TEXT;
  return `# ${c.manifest.name} — \`${c.manifest.id}\` ${c.manifest.version}

${t.summary}

**Headline (held-out).** Simulated test scenarios: ${headline(sim)}. Real SanctSound clips (leave-one-clip-out): ${headline(real)}.

${t.intendedUse}

## Input

${t.input}

## Architecture

${t.architecture}

## Training data

${t.simulatedData(c.scenarios, c.plan)}

Window kinds drawn: ${kinds}.

${countsTable(c.counts)}

**Why these labels (the physics check).** ${t.labelPolicy}

${truthTable(c.truth)}

${t.realData}

## Training procedure

${t.procedure(c.realWeight)} λ was chosen from {${c.l2.scores.map((s) => s.l2).join(', ')}} by ${c.folds}-fold cross-validation over the training scenarios (whole scenarios per fold), maximising out-of-fold macro F1 (${l2Scores}): **λ = ${c.l2.best}**. Final fit: ${c.iterations} L-BFGS iterations.

## Results

${section('Simulated held-out scenarios (all window kinds)', t.notes.simTest, e.simTest)}
${section('Simulated held-out scenarios, natural windows only', t.notes.simNatural, e.simTestNatural)}
${section('Real SanctSound clips, leave-one-clip-out', t.notes.realLoco, e.realLoco)}
Per clip (LOCO prediction; the last column is the simulation-only model, which never saw a real clip):

${clipTable(e.realLoco, c.clips.sanct, { 'sim-only model': e.realSimOnly })}

${section('DeepShip clips (external real test, never trained on)', t.notes.deepShip, e.deepShip)}
${e.deepShip.length ? clipTable(e.deepShip, c.clips.deep) : ''}

### Ablation: without gain invariance

${t.notes.ablation} Simulated test: ${headline(report(e.ablationRawLevelSimTest))}. Real clips (LOCO): ${headline(report(e.ablationRawLevelRealLoco))}.

## Reproduce

\`\`\`
npm run train:baseline
# or: node training/baseline/train.ts --seed ${c.seed} --out models/baseline-logreg --scenarios ${c.scenarios} --workers ${c.workers}
\`\`\`

${t.reproduce}

This run: data ${c.timings.dataSeconds.toFixed(0)} s, fitting and all evaluations ${c.timings.trainSeconds.toFixed(1)} s, ${c.timings.totalSeconds.toFixed(0)} s wall in total and ${c.timings.cpuSeconds.toFixed(0)} s of CPU (all threads) on ${c.machine} (${c.workers} worker threads).

**Serving check.** The written package was loaded with \`loadModelPackage\` and run in a \`ModelHost\` child process (onnxruntime-node) on the ${c.verification.rows} simulated test windows: largest difference from the TypeScript forward pass ${c.verification.maxAbsDiff.toExponential(1)}. ONNX: ${c.verification.onnxBytes} bytes, sha256 \`${c.verification.onnxSha256}\`.

## Limitations

${t.limitations}
`;
}
