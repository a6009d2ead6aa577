/**
 * Reads `aiw analyze` output (CSV or JSON lines) back into per-model, per-segment probabilities, and runs the
 * command itself: the model cards' numbers on real recordings are computed from exactly these rows.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../src/shared/errors.ts';
import { parseCsv } from '../../src/shared/csv.ts';

const REPO = resolve(import.meta.dirname, '../..');
export const AIW_BIN = join(REPO, 'bin', 'aiw.mjs');

/** One analyze row: which file and segment, which model, and the probability per class id. */
export interface AnalyzedSegment {
  /** File name without folder. */
  file: string;
  segment: number;
  modelId: string;
  modelVersion: string;
  probs: Record<string, number>;
}

function fromRecord(r: Record<string, unknown>): AnalyzedSegment {
  const probs: Record<string, number> = {};
  for (const [k, v] of Object.entries(r)) {
    if (k.startsWith('p_') && v !== '' && v !== null && v !== undefined) probs[k.slice(2)] = Number(v);
  }
  return {
    file: basename(String(r.file)), segment: Number(r.segment_index), modelId: String(r.model_id),
    modelVersion: String(r.model_version), probs,
  };
}

/** Parses analyze output; the format is recognised from the first character. */
export function parseAnalyzeOutput(text: string): AnalyzedSegment[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith('{')) return trimmed.split('\n').map((l) => fromRecord(JSON.parse(l) as Record<string, unknown>));
  return parseCsv(trimmed).map(fromRecord);
}

/** Probabilities in the model's class order. */
export function probsInOrder(row: AnalyzedSegment, classes: readonly string[]): number[] {
  return classes.map((c) => {
    const p = row.probs[c];
    if (p === undefined || !Number.isFinite(p)) throw new AppError('BAD_REQUEST', `row of ${row.file} has no probability for class ${c}`);
    return p;
  });
}

/** The shell command a reader can paste to recompute a set: `npx aiw analyze …`. */
export function analyzeCommandLine(files: readonly string[], modelDir: string): string {
  const rel = (p: string) => (p.startsWith(REPO) ? p.slice(REPO.length + 1) : p);
  return `npx aiw analyze ${files.map(rel).join(' ')} --model ${rel(modelDir)} --format jsonl --out predictions.jsonl`;
}

/** Runs `aiw analyze FILES --model DIR --format jsonl` in a fresh data folder and returns its rows. */
export async function runAnalyze(files: readonly string[], modelDir: string): Promise<AnalyzedSegment[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'aiw-train-analyze-'));
  const out = join(dataDir, 'predictions.jsonl');
  try {
    const args = [AIW_BIN, 'analyze', ...files, '--model', modelDir, '--format', 'jsonl', '--out', out, '--data-dir', dataDir];
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
      const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', fail);
      child.on('close', (c) => done({ code: c, stderr: err }));
    });
    if (code !== 0) throw new AppError('INTERNAL', `aiw analyze exited with ${code}:\n${stderr}`);
    return parseAnalyzeOutput(await readFile(out, 'utf8'));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
