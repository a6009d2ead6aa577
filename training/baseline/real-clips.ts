/**
 * Real labelled clips: the SanctSound exemplars (trained on, evaluated leave-one-clip-out) and, when the
 * shared data folder is present, the DeepShip dev clips (never trained on: an external test only).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src/shared/errors.ts';
import { NO_SHIP_LABEL } from './labels.ts';
import { parseCsv } from '../../src/shared/csv.ts';

export interface ClipSpec {
  /** Absolute path of the audio file. */
  path: string;
  file: string;
  /** Workstation class id A–E. */
  label: string;
  /** The corpus's own label, kept for the model card. */
  sourceLabel: string;
  corpus: 'sanctsound' | 'deepship' | 'orcasound';
}


/** SanctSound fine label → class: large ship → D, small boat / vessel → B, anything non-vessel → E. */
export function sanctSoundClass(fineLabel: string): string | null {
  if (fineLabel === 'vessel/large-ship') return 'D';
  if (fineLabel.startsWith('vessel/')) return 'B';
  if (fineLabel.startsWith('non-vessel/')) return NO_SHIP_LABEL;
  return null; // 'mixed' clips have no single class
}

/** DeepShip folder label → class (passenger → C; tanker, cargo → D; tug → A). */
export function deepShipClass(label: string): string | null {
  const map: Record<string, string> = { passenger: 'C', tanker: 'D', cargo: 'D', tug: 'A' };
  return map[label] ?? null;
}

function readLabels(dir: string): Record<string, string>[] {
  const csv = join(dir, 'labels.csv');
  if (!existsSync(csv)) throw new AppError('NOT_FOUND', `${csv} not found`);
  return parseCsv(readFileSync(csv, 'utf8'));
}

function clipsFrom(dir: string, classify: (label: string) => string | null, corpus: ClipSpec['corpus']): ClipSpec[] {
  const clips: ClipSpec[] = [];
  for (const r of readLabels(dir)) {
    const label = classify(r.label);
    const path = join(dir, r.file);
    if (label !== null && existsSync(path)) clips.push({ path, file: r.file, sourceLabel: r.label, label, corpus });
  }
  return clips.sort((a, b) => a.file.localeCompare(b.file));
}

/** The SanctSound clips of `dir` that map onto a class, in file-name order. */
export function listSanctSoundClips(dir: string): ClipSpec[] {
  return clipsFrom(dir, sanctSoundClass, 'sanctsound');
}

/** The DeepShip clips of `dir` (external test set), or none when the folder is absent. */
export function listDeepShipClips(dir: string): ClipSpec[] {
  return existsSync(join(dir, 'labels.csv')) ? clipsFrom(dir, deepShipClass, 'deepship') : [];
}

/** First existing directory of `candidates` that holds a labels.csv. */
export function firstDataDir(candidates: readonly string[]): string | null {
  return candidates.find((d) => existsSync(join(d, 'labels.csv'))) ?? null;
}
