/**
 * Simulator realism check: `node training/realism.ts [--shared-audio DIR] [--per-class N] [--ambient N] [--write]`.
 * Measures the real recordings and the demo station at matched conditions (training/realism/cases.ts), prints
 * one row per window and the per-group ranges, and with --write stores the real ranges (and the simulator's) in
 * training/realism/measured.json, which the realism test reads (DeepShip may be absent on a test machine).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureRecording, realRecordings, simulatedWindows, type Measured } from './realism/cases.ts';
import { summarize, type GroupSummary } from './realism/summary.ts';

const { values } = parseArgs({
  options: {
    'shared-audio': { type: 'string', default: '/work/shared/data/audio' },
    'per-class': { type: 'string', default: '4' },
    ambient: { type: 'string', default: '6' },
    write: { type: 'boolean', default: false },
  },
});

const fmt = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '–');

function row(m: Measured): string {
  const s = m.stats;
  return [m.source, m.group, m.name.padEnd(52), fmt(s.slopeDbPerDecade), String(s.tonalCount), fmt(s.tonalProminenceDb), fmt(s.tonalHz, 0),
    fmt(s.modulationDepth, 3), fmt(s.modulationHz), fmt(s.modulationSnrDb), fmt(s.levelStdDb, 2), fmt(s.kurtosis, 2), fmt(s.bandLevelDb)].join('\t');
}

function printSummary(title: string, groups: GroupSummary[]): void {
  process.stdout.write(`\n${title}\n`);
  for (const g of groups) {
    const parts = Object.entries(g.stats).map(([k, r]) => `${k} ${fmt(r.min, 2)}…${fmt(r.max, 2)} (median ${fmt(r.median, 2)})`);
    process.stdout.write(`  ${g.source} ${g.group} (n=${g.n}): ${parts.join('; ')}\n`);
  }
}

const measured: Measured[] = [];
for (const r of realRecordings(values['shared-audio'])) measured.push(...(await measureRecording(r.path, r.name, r.group)));
measured.push(...simulatedWindows(Number(values['per-class']), Number(values.ambient)));
process.stdout.write(`source\tgroup\twindow${' '.repeat(46)}\tslope\tlines\tprom\tline Hz\tAM m\tAM Hz\tAM SNR\tlevel σ\tkurt\tband dB\n`);
for (const m of measured) process.stdout.write(`${row(m)}\n`);
const summary = summarize(measured);
printSummary('Ranges (min…max, median) per source and group:', summary);
if (values.write) {
  const out = join(import.meta.dirname, 'realism/measured.json');
  writeFileSync(out, `${JSON.stringify({ note: 'written by node training/realism.ts --write', windows: measured, summary }, null, 1)}\n`);
  process.stdout.write(`\nwrote ${out}\n`);
}
