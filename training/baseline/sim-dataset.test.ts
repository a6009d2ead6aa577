import { describe, expect, it } from 'vitest';
import { planWindows, scenarioExamples, shipsToRemove, type SimPlan, type SimShipTruth, type SimSource } from './sim-dataset.ts';

const HOUR = 3_600_000;

/**
 * A stand-in station over 4 h: a loud cargo ship (mmsi 1) all the time, a tug (mmsi 2) passing at
 * CPA 1 h that is only dominant within 10 min of CPA when the cargo ship is quiet (after 2 h).
 */
function fakeSource(): SimSource & { renders: { from: number; removed: number[] }[] } {
  const renders: { from: number; removed: number[] }[] = [];
  const cargoSnr = (t: number) => (t < 2 * HOUR ? 20 : -10);
  const tugSnr = (t: number) => 25 - Math.abs(t - 1 * HOUR) / 60_000;
  return {
    renders,
    truthAt: (t): SimShipTruth[] => [
      { mmsi: 1, classId: 'D', rangeM: 20_000, snrDb: cargoSnr(t) },
      { mmsi: 2, classId: 'A', rangeM: 1_000, snrDb: tugSnr(t) },
    ],
    passes: () => [{ mmsi: 2, classId: 'A', cpaTime: 1 * HOUR }],
    render(fromMs, durationMs, removed) {
      renders.push({ from: fromMs, removed: [...removed].sort() });
      const level = [...this.truthAt(fromMs)].filter((s) => !removed.has(s.mmsi)).length;
      return { startTime: fromMs, sampleRate: 8000, channels: [new Float32Array((durationMs / 1000) * 8000).fill(level)] };
    },
  };
}

const PLAN: SimPlan = { windowsPerScenario: 6, startTime: 0, spanMs: 4 * HOUR, windowMs: 30_000, randomCandidates: 80 };

describe('planWindows', () => {
  it('draws every label that the scene can provide, without overlapping windows', () => {
    const chosen = planWindows(fakeSource(), PLAN, 3);
    expect(new Set(chosen.map((w) => w.label))).toEqual(new Set(['A', 'D', 'E']));
    for (let i = 1; i < chosen.length; i++) expect(chosen[i].start - chosen[i - 1].start).toBeGreaterThanOrEqual(30_000);
    for (const w of chosen) {
      if (w.label === 'D') expect(w.kind).toBe('natural');
      if (w.kind === 'isolated') expect(w.target).toBe(2);
    }
  });

  it('is deterministic for a seed', () => {
    expect(planWindows(fakeSource(), PLAN, 9)).toEqual(planWindows(fakeSource(), PLAN, 9));
  });
});

describe('shipsToRemove', () => {
  it('clears every audible ship for E and only the rival class for an isolated window', () => {
    const src = fakeSource();
    const t = 1 * HOUR - 15_000;
    expect(shipsToRemove(src, { start: t, label: 'E', kind: 'cleared' }, 30_000)).toEqual(new Set([1, 2]));
    expect(shipsToRemove(src, { start: t, label: 'A', kind: 'isolated', target: 2 }, 30_000)).toEqual(new Set([1]));
    expect(shipsToRemove(src, { start: t, label: 'D', kind: 'natural' }, 30_000)).toEqual(new Set());
  });
});

describe('scenarioExamples', () => {
  it('renders each planned window once, with the planned removals, grouped by seed', () => {
    const src = fakeSource();
    const examples = scenarioExamples(src, PLAN, 5, (audio) => Float32Array.of(audio.channels[0][0]));
    expect(examples.length).toBe(src.renders.length);
    expect(examples.every((e) => e.group === 'sim:5')).toBe(true);
    for (const [i, e] of examples.entries()) {
      if (e.kind === 'cleared') expect(e.maxSnrDb).toBeLessThan(-3);
      if (e.kind === 'natural') expect(src.renders[i].removed).toEqual([]);
    }
  });
});

describe('mixed windows (multi-label data)', () => {
  it('are drawn only when asked, labelled −1, with the per-class SNR of the ships left in the scene', () => {
    expect(planWindows(fakeSource(), PLAN, 3).some((w) => w.label === 'mixed')).toBe(false);
    const plan = { ...PLAN, mixedWindows: true };
    const chosen = planWindows(fakeSource(), plan, 3);
    expect(chosen.filter((w) => w.label === 'mixed').every((w) => w.kind === 'natural')).toBe(true);
    const examples = scenarioExamples(fakeSource(), plan, 3, (audio) => Float32Array.of(audio.channels[0][0]));
    const mixed = examples.filter((e) => e.label === -1);
    expect(mixed.length).toBeGreaterThan(0);
    for (const e of mixed) {
      const [a, b, c, d] = e.classSnrDb!;
      expect(Math.min(a, d)).toBeGreaterThanOrEqual(6); // both classes audible, within the dominance margin
      expect(Math.abs(a - d)).toBeLessThan(6);
      expect([b, c]).toEqual([-99, -99]);
      expect(e.removed).toEqual([]);
    }
    for (const e of examples) expect(e.start).toBeGreaterThanOrEqual(0);
  });
});
