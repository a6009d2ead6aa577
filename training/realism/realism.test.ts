/**
 * The simulator's statistics fall within the ranges measured on real recordings (docs/simulator-realism.md).
 * The real ranges come from the committed training/realism/measured.json (written by
 * `node training/realism.ts --write`), so the test needs neither DeepShip nor Orcasound audio; the simulated
 * side is rendered here, from the current simulator code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatedWindows, type Group, type Measured } from './cases.ts';
import type { RealismStats } from './stats.ts';
import type { GroupSummary, Range } from './summary.ts';

const committed = JSON.parse(readFileSync(join(import.meta.dirname, 'measured.json'), 'utf8')) as { summary: GroupSummary[] };

function realRange(group: Group, key: keyof RealismStats): Range {
  const g = committed.summary.find((s) => s.source === 'real' && s.group === group);
  if (!g) throw new Error(`measured.json has no real ${group} summary`);
  return g.stats[key];
}

function median(ms: readonly Measured[], key: keyof RealismStats): number {
  const v = ms.map((m) => m.stats[key]).sort((a, b) => a - b);
  return v[v.length >> 1];
}

describe('simulator realism (vs committed real-recording ranges)', () => {
  // The committed run's simulated set (4 ships per class at 1–2 km CPA, the DeepShip range; 8 ship-free windows).
  const sim = simulatedWindows(4, 8);
  const ships = sim.filter((m) => m.group === 'vessel');
  const ambient = sim.filter((m) => m.group === 'non-vessel');

  it('measured.json is up to date with the simulator (else re-run node training/realism.ts --write)', () => {
    const committedSim = committed.summary.filter((s) => s.source === 'sim');
    for (const [group, windows] of [['vessel', ships], ['non-vessel', ambient]] as const) {
      const g = committedSim.find((s) => s.group === group)!;
      expect(median(windows, 'slopeDbPerDecade')).toBeCloseTo(g.stats.slopeDbPerDecade.median, 3);
      expect(median(windows, 'kurtosis')).toBeCloseTo(g.stats.kurtosis.median, 3);
    }
  });

  const checks: [Group, () => Measured[], (keyof RealismStats)[]][] = [
    ['vessel', () => ships, ['slopeDbPerDecade', 'tonalCount', 'modulationDepth', 'modulationSnrDb', 'levelStdDb', 'kurtosis']],
    ['non-vessel', () => ambient, ['slopeDbPerDecade', 'modulationDepth', 'levelStdDb', 'kurtosis']],
  ];
  for (const [group, windows, keys] of checks) {
    for (const key of keys) {
      it(`${group}: median ${key} of the simulator lies in the real range`, () => {
        const r = realRange(group, key);
        const m = median(windows(), key);
        expect(m).toBeGreaterThanOrEqual(r.min);
        expect(m).toBeLessThanOrEqual(r.max);
      });
    }
  }

  it('merchant ships (C, D) are no longer ~10 dB/decade steeper than real large ships', () => {
    const merchant = ships.filter((s) => / [CD] seed /.test(s.name));
    // Before the realism pass the simulated C/D slope over 50–1000 Hz was about −22 dB/decade (median) against
    // −9…−16 for the real large ship and the DeepShip tankers and ferries.
    expect(median(merchant, 'slopeDbPerDecade')).toBeGreaterThan(realRange('vessel', 'slopeDbPerDecade').min - 2);
  });

  it('known gap, bounded: simulated lines are weaker than real ones, but within 4 dB of the weakest real vessel', () => {
    expect(median(ships, 'tonalProminenceDb')).toBeGreaterThan(realRange('vessel', 'tonalProminenceDb').min - 4);
  });
}, 180_000);
