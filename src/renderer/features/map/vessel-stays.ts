/**
 * Which timeline segments a vessel was in range during: its stays in range (from `ais:vessel-detail`)
 * against the segments' spans, merged into bands of consecutive segments for highlighting.
 */

/** A stay in range, ms. */
export interface Stay {
  start: number;
  end: number;
}

/** Consecutive highlighted segments: their time span and how many they are. */
export interface StayBand {
  from: number;
  to: number;
  segments: number;
}

/** Indices of the segments (parallel start/end arrays, sorted by start) overlapping any stay. */
export function segmentsInStays(starts: readonly number[], ends: readonly number[], stays: readonly Stay[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < starts.length; i++) {
    if (stays.some((s) => starts[i] < s.end && ends[i] > s.start)) out.push(i);
  }
  return out;
}

/** Merges the highlighted segments into bands: a band continues while the next segment starts where the last ended (within `gapMs`). */
export function stayBands(starts: readonly number[], ends: readonly number[], indices: readonly number[], gapMs = 1000): StayBand[] {
  const bands: StayBand[] = [];
  for (const i of indices) {
    const last = bands.at(-1);
    if (last !== undefined && starts[i] - last.to <= gapMs) {
      last.to = Math.max(last.to, ends[i]);
      last.segments++;
    } else bands.push({ from: starts[i], to: ends[i], segments: 1 });
  }
  return bands;
}
