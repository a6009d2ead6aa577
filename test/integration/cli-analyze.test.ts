/**
 * `aiw analyze` end to end on real recordings: real WAV decoding, real onnxruntime,
 * a real SQLite registry in a temporary data folder.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAiw } from '../helpers/run-aiw.ts';
import { tempDir } from '../helpers/serve-process.ts';

const SANCTSOUND = join(import.meta.dirname, '../../resources/demo/sanctsound');
const clips = existsSync(SANCTSOUND) ? readdirSync(SANCTSOUND).filter((f) => f.endsWith('.wav')).map((f) => join(SANCTSOUND, f)) : [];

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const cols = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

describe('aiw analyze', () => {
  it('writes one row per 30 s segment per model for every SanctSound clip', () => {
    expect(clips.length).toBeGreaterThanOrEqual(8);
    const r = runAiw(['analyze', ...clips, '--model', 'baseline-logreg', '--data-dir', tempDir()]);
    expect(r.stderr).not.toMatch(/FAILED/);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    // Every clip is shorter than 30 s: one loop-padded segment each.
    expect(rows).toHaveLength(clips.length);
    for (const row of rows) {
      expect(row.segment_index).toBe('0');
      expect(row.model_id).toBe('baseline-logreg');
      expect(row.model_version).toMatch(/^\d+\.\d+\.\d+/);
      expect(row.padded).toBe('true');
      expect(['A', 'B', 'C', 'D', 'E']).toContain(row.predicted_class);
      const sum = ['A', 'B', 'C', 'D', 'E'].reduce((s, c) => s + Number(row[`p_${c}`]), 0);
      expect(sum).toBeCloseTo(1, 4);
      // A deterministic model: no MC/ensemble columns.
      expect([row.aleatoric, row.epistemic, row.var_A, row.var_E]).toEqual(['', '', '', '']);
      expect(new Date(row.segment_start!).toISOString()).toBe(row.segment_start);
    }
    expect(rows.map((r) => r.segment_start)).toContain('2019-09-25T13:59:56.000Z');
  });

  it('reports a bad file clearly, exits non-zero and still analyses the others', () => {
    const dir = tempDir();
    const bad = join(dir, 'broken_20200101T000000Z.wav');
    writeFileSync(bad, Buffer.from('RIFF\x10\x00\x00\x00WAVEjunkjunkjunk', 'latin1'));
    const good = join(dir, 'good.wav');
    copyFileSync(clips[0]!, good);
    const r = runAiw(['analyze', bad, good, '--format', 'jsonl', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken_20200101T000000Z\.wav: FAILED: .+\[AUDIO_/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string });
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((row) => row.file === good)).toBe(true);
  });

  it('rejects unknown flags with usage and exit code 2', () => {
    const r = runAiw(['analyze', '--frobnicate', 'x.wav']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--frobnicate'/);
    expect(r.stderr).toMatch(/usage: aiw analyze/);
  });

  it('refuses a corrupt database without touching it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'aiw.db'), 'not a database '.repeat(100));
    const r = runAiw(['models', 'list', '--data-dir', dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/damaged.*left untouched.*\[DB_CORRUPT\]/);
  });

  it('lists the bundled baseline model in a fresh data folder', () => {
    const r = runAiw(['models', 'list', '--data-dir', tempDir()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/baseline-logreg\t1\.0\.0\tactive\tmulti-class/);
  });
});
