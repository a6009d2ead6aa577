/**
 * Markdown pieces of the CNN model cards: headline lines, per-class and confusion tables, per-clip tables.
 */
import type { DatasetMeta } from '../data/dataset.ts';
import type { RealResult } from '../eval/evaluate.ts';
import { multiLabelDecision, type SetMetrics } from '../eval/metrics.ts';
import { CLASS_IDS, SHIP_CLASS_IDS } from '../recipes.ts';

export const pct = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : 'n/a');
export const f3 = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(3) : 'n/a');

/** "N windows — accuracy …, macro F1 …, vessel BA …, ECE …". */
export function headline(m: SetMetrics): string {
  return `${m.total} windows — accuracy **${pct(m.accuracy)}**, macro F1 **${f3(m.macroF1)}**, ` +
    `vessel-vs-no-vessel balanced accuracy **${pct(m.vesselBalancedAccuracy)}**, ECE **${f3(m.ece)}**`;
}

export function perClassTable(m: SetMetrics): string {
  const rows = m.perClass.map((c) => `| ${c.label} | ${c.support} | ${f3(c.precision)} | ${f3(c.recall)} | ${f3(c.f1)} |`);
  return ['| class | support | precision | recall | F1 |', '|---|---|---|---|---|', ...rows].join('\n');
}

export function confusionTable(m: SetMetrics): string {
  const head = `| true ↓ / predicted → | ${m.labels.join(' | ')} |`;
  const sep = `|---|${m.labels.map(() => '---').join('|')}|`;
  const rows = m.confusion.map((row, t) => `| **${m.labels[t]}** | ${row.join(' | ')} |`);
  return [head, sep, ...rows].join('\n');
}

/** Headline, per-class table and confusion matrix of one set. */
export function metricsBlock(m: SetMetrics | null, empty: string): string {
  if (!m || m.total === 0) return empty;
  return `${headline(m)}.\n\n${perClassTable(m)}\n\n${confusionTable(m)}`;
}

function decision(task: 'multi-class' | 'multi-label', probs: readonly number[]): { cls: string; p: number } {
  if (task === 'multi-label') {
    const d = multiLabelDecision(probs);
    return { cls: CLASS_IDS[d], p: d === 4 ? 1 - Math.max(...probs) : probs[d] };
  }
  const best = probs.indexOf(Math.max(...probs));
  return { cls: CLASS_IDS[best], p: probs[best] };
}

/** One row per real window: file, site, source label, truth, prediction and the probabilities. */
export function realClipTable(rows: readonly RealResult[], task: 'multi-class' | 'multi-label'): string {
  const classes = task === 'multi-label' ? SHIP_CLASS_IDS : CLASS_IDS;
  const head = `| clip | seg | site | source label | truth | predicted | ${classes.map((c) => `p_${c}`).join(' | ')} |`;
  const sep = `|---|---|---|---|---|---|${classes.map(() => '---').join('|')}|`;
  const body = rows.map((r) => {
    const d = decision(task, r.probs);
    return `| ${r.file} | ${r.segment} | ${r.site} | ${r.sourceLabel} | ${CLASS_IDS[r.truth]} | ${d.cls} | ${r.probs.map((p) => p.toFixed(2)).join(' | ')} |`;
  });
  return [head, sep, ...body].join('\n');
}

/** Windows per split and class of the simulated data (mixed = two classes audible, multi-label only). */
export function simCountsTable(meta: DatasetMeta): string {
  const labels = [...CLASS_IDS, 'mixed'];
  const row = (split: string) => {
    const counts = labels.map((_, i) => meta.sim.filter((r) => r.split === split && (i === 5 ? r.label < 0 : r.label === i)).length);
    return `| simulated ${split} | ${counts.join(' | ')} | ${counts.reduce((a, b) => a + b, 0)} |`;
  };
  return [`| split | ${labels.join(' | ')} | total |`, `|---|${labels.map(() => '---').join('|')}|---|`, ...['train', 'val', 'test'].map(row)].join('\n');
}

/** Real recordings per split with their sites and labels. */
export function realSetTable(meta: DatasetMeta): string {
  const files = [...new Map(meta.real.map((r) => [r.file, r])).values()];
  const body = files.map((r) => {
    const n = meta.real.filter((x) => x.file === r.file).length;
    return `| ${r.file} | ${r.corpus} | ${r.site} | ${r.sourceLabel} | ${CLASS_IDS[r.label]} | ${n} | ${r.split === 'train' ? 'fine-tuning' : 'held-out test'} |`;
  });
  return ['| file | corpus | site | source label | class | windows | use |', '|---|---|---|---|---|---|---|', ...body].join('\n');
}

/** The simulator's effective detection ranges per class (the physical check of the SNR labels). */
export function truthTable(meta: DatasetMeta): string {
  const km = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
  const body = meta.truth.map((t) =>
    `| ${t.classId} | ${t.observations} | ${km(t.audibleMedianKm)} | ${km(t.audibleP90Km)} | ${pct(t.audibleWithin5Km)} | ${km(t.inaudibleP10Km)} |`);
  return [
    '| class | ship observations | audible (SNR ≥ 6 dB): median km | 90th pct km | audible within 5 km | inaudible (< −3 dB): 10th pct km |',
    '|---|---|---|---|---|---|', ...body,
  ].join('\n');
}
