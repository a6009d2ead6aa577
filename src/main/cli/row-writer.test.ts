import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv.ts';
import { analyzeColumns, createRowWriter, type AnalyzeRow } from './row-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'aiw-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base: AnalyzeRow = {
  file: 'a,b.wav', segment_index: 0, segment_start: '2025-01-01T00:00:00.000Z', segment_end: '2025-01-01T00:00:30.000Z',
  padded: false, model_id: 'm', model_version: '1.0.0', predicted_class: 'A', probs: { A: 0.75, B: 0.25 },
  entropy: 0.811, entropy_norm: 0.811, margin: 0.5,
};
const mc: AnalyzeRow = { ...base, model_id: 'mc', aleatoric: 0.7, epistemic: 0.111, variance: { A: 0.02, B: 0.02 } };

async function written(format: 'csv' | 'jsonl', rows: AnalyzeRow[]): Promise<string> {
  const out = join(dir, `rows-${format}-${rows.length}`);
  const writer = createRowWriter(format, ['A', 'B'], out);
  for (const row of rows) writer.write(row);
  await writer.close();
  return readFileSync(out, 'utf8');
}

describe('createRowWriter', () => {
  it('ends the CSV header with one var_<class> column per class', () => {
    expect(analyzeColumns(['A', 'B'])).toEqual([
      'file', 'segment_index', 'segment_start', 'segment_end', 'padded', 'model_id', 'model_version', 'predicted_class',
      'p_A', 'p_B', 'entropy', 'entropy_norm', 'margin', 'aleatoric', 'epistemic', 'var_A', 'var_B',
    ]);
  });

  it('fills var_ columns for MC/ensemble rows and leaves them empty for deterministic ones (CSV)', async () => {
    const [det, unc] = parseCsv(await written('csv', [base, mc]));
    expect(det).toMatchObject({ file: 'a,b.wav', p_A: '0.75', aleatoric: '', epistemic: '', var_A: '', var_B: '' });
    expect(unc).toMatchObject({ model_id: 'mc', epistemic: '0.111', var_A: '0.02', var_B: '0.02' });
  });

  it('writes var_ keys only when there is a variance (JSONL)', async () => {
    const [det, unc] = (await written('jsonl', [base, mc])).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(det!).filter((k) => k.startsWith('var_'))).toEqual([]);
    expect(unc).toMatchObject({ var_A: 0.02, var_B: 0.02, epistemic: 0.111 });
  });
});
