/**
 * Whether AIS was being received around a segment, from the times of every stored report (any vessel):
 * `fresh` when no silence longer than `gapMs` touches [start, end] (reports within `gapMs` before the
 * start and after the end, none further apart in between), `none` when no report at all falls within
 * `gapMs` of it, `stale` otherwise. A silent feed never yields "no ship": without fresh coverage a
 * label is ambiguous. Until AIS data time (`knownUntil`) passes the segment, the silence since the last
 * report counts only as far as `knownUntil` (a provisional answer).
 */
import type { Coverage } from '../../shared/labels.ts';
import type { Window } from './presence.ts';

/** First index with times[i] >= x. */
function lowerBound(times: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Silences longer than `gapMs` in sorted report times over [from, to], as [start, end) pairs. */
export function silences(times: ArrayLike<number>, from: number, to: number, gapMs: number): [number, number][] {
  const out: [number, number][] = [];
  let prev = from;
  for (let i = lowerBound(times, from); i < times.length && times[i] <= to; i++) {
    if (times[i] - prev > gapMs) out.push([prev, times[i]]);
    prev = times[i];
  }
  if (to - prev > gapMs) out.push([prev, to]);
  return out;
}

/**
 * Coverage of each window (sorted by start) from sorted report times loaded over [from, to] (which must reach `gapMs`
 * beyond every window); `knownUntil` is the newest AIS data time.
 */
export function coverageOf(windows: readonly Window[], times: ArrayLike<number>, range: { from: number; to: number }, gapMs: number, knownUntil: number): Coverage[] {
  const gaps = silences(times, range.from, Math.min(range.to, knownUntil), gapMs);
  let g = 0;
  return windows.map((w) => {
    const first = lowerBound(times, w.start - gapMs);
    if (first >= times.length || times[first] > w.end + gapMs) return 'none';
    if (knownUntil < w.start) return 'stale';
    while (g < gaps.length && gaps[g][1] <= w.start) g++;
    return g < gaps.length && gaps[g][0] < w.end ? 'stale' : 'fresh';
  });
}
