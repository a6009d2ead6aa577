/** Per-group ranges of the realism statistics (min, median, max) over the measured windows. */
import type { Group, Measured } from './cases.ts';
import type { RealismStats } from './stats.ts';

export interface Range {
  min: number;
  median: number;
  max: number;
}

export interface GroupSummary {
  source: Measured['source'];
  group: Group;
  n: number;
  stats: Record<keyof RealismStats, Range>;
}

function range(values: number[]): Range {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  return { min: s[0], median: s[s.length >> 1], max: s[s.length - 1] };
}

/** One summary per (source, group) present in `measured`. */
export function summarize(measured: readonly Measured[]): GroupSummary[] {
  const out: GroupSummary[] = [];
  for (const source of ['real', 'sim'] as const) {
    for (const group of ['vessel', 'non-vessel'] as const) {
      const ms = measured.filter((m) => m.source === source && m.group === group);
      if (ms.length === 0) continue;
      const keys = Object.keys(ms[0].stats) as (keyof RealismStats)[];
      const stats = Object.fromEntries(keys.map((k) => [k, range(ms.map((m) => m.stats[k]))])) as Record<keyof RealismStats, Range>;
      out.push({ source, group, n: ms.length, stats });
    }
  }
  return out;
}
