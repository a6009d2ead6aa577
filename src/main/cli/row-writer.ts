/**
 * Writes `aiw analyze` rows as CSV or JSON lines, to stdout or a file.
 * Column set: see README.md ("analyze output columns").
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { csvField } from '../../shared/csv.ts';

export interface AnalyzeRow {
  file: string;
  segment_index: number;
  segment_start: string;
  segment_end: string;
  padded: boolean;
  model_id: string;
  model_version: string;
  predicted_class: string;
  probs: Record<string, number>;
  entropy: number;
  entropy_norm: number;
  margin: number;
  aleatoric?: number;
  epistemic?: number;
  /** Per-class variance of the probability over MC passes or ensemble members; absent for deterministic models. */
  variance?: Record<string, number>;
}

export interface RowWriter {
  write(row: AnalyzeRow): void;
  close(): Promise<void>;
}

const FIXED = ['file', 'segment_index', 'segment_start', 'segment_end', 'padded', 'model_id', 'model_version', 'predicted_class'] as const;
const TRAILING = ['entropy', 'entropy_norm', 'margin', 'aleatoric', 'epistemic'] as const;

/** The CSV header: fixed columns, p_<class>, the uncertainty columns, var_<class>. */
export function analyzeColumns(classIds: readonly string[]): string[] {
  return [...FIXED, ...classIds.map((c) => `p_${c}`), ...TRAILING, ...classIds.map((c) => `var_${c}`)];
}

function flatten(row: AnalyzeRow, classIds: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of FIXED) out[k] = row[k];
  for (const c of classIds) out[`p_${c}`] = row.probs[c];
  for (const k of TRAILING) out[k] = row[k];
  // Empty (CSV) or absent (JSONL) for deterministic models and for classes the model does not have.
  for (const c of classIds) out[`var_${c}`] = row.variance?.[c];
  return out;
}

/** A writer for rows over `classIds` (the union of the models' classes, in column order). */
export function createRowWriter(format: 'csv' | 'jsonl', classIds: readonly string[], outFile?: string): RowWriter {
  const stream: Writable = outFile ? createWriteStream(outFile) : process.stdout;
  if (format === 'csv') stream.write(`${analyzeColumns(classIds).join(',')}\n`);
  return {
    write(row) {
      const flat = flatten(row, classIds);
      stream.write(format === 'csv' ? `${Object.values(flat).map(csvField).join(',')}\n` : `${JSON.stringify(flat)}\n`);
    },
    close: () =>
      new Promise((resolve, reject) => {
        if (!outFile) return resolve();
        stream.once('error', reject);
        stream.end(() => resolve());
      }),
  };
}
