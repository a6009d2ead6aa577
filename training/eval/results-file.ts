/**
 * training/results/<id>.json: the per-window record of a bundled CNN's evaluation — what its card's numbers are
 * computed from, and what the integration test reproduces a sample of through `aiw analyze`.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DatasetConfig } from '../data/dataset.ts';
import type { CnnRecipe } from '../recipes.ts';
import type { Evaluation } from './evaluate.ts';

export const RESULTS_DIR = resolve(import.meta.dirname, '../results');

export interface ResultsFile {
  id: string;
  version: string;
  onnxSha256: string;
  task: CnnRecipe['task'];
  channels: number;
  mc: boolean;
  dataset: DatasetConfig;
  /** The manifest metrics (rounded to 4 decimals). */
  metrics: Record<string, number>;
  sim: Evaluation['sim'];
  real: Evaluation['real'];
}

/** Reads the committed results of a bundled model. */
export async function readResults(id: string): Promise<ResultsFile> {
  return JSON.parse(await readFile(join(RESULTS_DIR, `${id}.json`), 'utf8')) as ResultsFile;
}
