/**
 * Writes a model's held-out simulated test windows as WAV files plus `labels.csv`, so its card's simulated numbers
 * can be recomputed from audio with `aiw analyze` and training/score.ts:
 *
 *   node training/export-sim-test.ts --model seed-cnn-1ch --out /tmp/sim-test [--limit N]
 *   npx aiw analyze /tmp/sim-test/*.wav --model models/seed-cnn-1ch --format jsonl --out p.jsonl
 *   node training/score.ts p.jsonl --model seed-cnn-1ch --labels /tmp/sim-test/labels.csv
 *
 * The windows (scenario seed, start, ships left out) come from training/results/<id>.json. About 4 MB per window.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSimWindow } from './data/sim-windows.ts';
import { readResults } from './eval/results-file.ts';
import { CLASS_IDS } from './recipes.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { model: { type: 'string' }, out: { type: 'string' }, limit: { type: 'string' } } });
  if (!values.model || !values.out) {
    process.stderr.write('usage: node training/export-sim-test.ts --model ID --out DIR [--limit N]\n');
    process.exitCode = 2;
    return;
  }
  const results = await readResults(values.model);
  const rows = results.sim.slice(0, values.limit ? Number(values.limit) : undefined);
  await mkdir(values.out, { recursive: true });
  const labels = ['file,label,kind'];
  for (const [i, row] of rows.entries()) {
    const path = await writeSimWindow(values.out, row);
    labels.push(`${basename(path)},${row.truth >= 0 ? CLASS_IDS[row.truth] : 'mixed'},${row.kind}`);
    if ((i + 1) % 20 === 0 || i + 1 === rows.length) process.stderr.write(`export-sim-test: ${i + 1}/${rows.length} windows\n`);
  }
  await writeFile(join(values.out, 'labels.csv'), `${labels.join('\n')}\n`);
}

await main();
