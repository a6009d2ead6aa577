/**
 * What changed between the tracks the worker holds and new ones, so only new points are posted to it
 * (a day of 2,000 tracks is ~400,000 points; 15 s of updates is a few thousand). Points are identified
 * by their time: a stored minute row never changes, only a track's newest point moves on.
 */
import type { VesselTrack } from '../../../shared/ais.ts';
import type { TrackDelta } from './tracks-protocol.ts';

/** Index of the first element of sorted `ts` at or after `t`. */
function lowerBound(ts: readonly number[], t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The delta turning `old` (undefined: nothing held) into `next`; undefined when they hold the same points. */
export function diffTrack(old: VesselTrack | undefined, next: VesselTrack): TrackDelta | undefined {
  let dropFront = 0;
  let keep = 0;
  if (old !== undefined && next.t.length > 0) {
    dropFront = lowerBound(old.t, next.t[0]);
    while (dropFront + keep < old.t.length && keep < next.t.length && old.t[dropFront + keep] === next.t[keep]) keep++;
    const same = dropFront === 0 && keep === next.t.length && keep === old.t.length;
    if (same && old.vesselClass === next.vesselClass) return undefined;
  }
  return {
    mmsi: next.mmsi, vesselClass: next.vesselClass, dropFront, keep,
    t: Float64Array.from(next.t.slice(keep)), lat: Float64Array.from(next.lat.slice(keep)), lon: Float64Array.from(next.lon.slice(keep)),
  };
}

/** One parallel array of a held track after a delta: the kept part of `old`, then `appended`. */
export function spliceTrack(old: Float64Array | undefined, d: Pick<TrackDelta, 'dropFront' | 'keep'>, appended: Float64Array): Float64Array {
  const out = new Float64Array(d.keep + appended.length);
  if (old !== undefined && d.keep > 0) out.set(old.subarray(d.dropFront, d.dropFront + d.keep));
  out.set(appended, d.keep);
  return out;
}

/** Deltas for every changed track and the MMSIs no longer present, against what was sent before. */
export function diffTracks(sent: ReadonlyMap<number, VesselTrack>, next: readonly VesselTrack[]): { deltas: TrackDelta[]; removed: number[] } {
  const deltas: TrackDelta[] = [];
  const present = new Set<number>();
  for (const track of next) {
    present.add(track.mmsi);
    const old = sent.get(track.mmsi);
    if (old === track) continue;
    const delta = diffTrack(old, track);
    if (delta !== undefined) deltas.push(delta);
  }
  const removed = [...sent.keys()].filter((mmsi) => !present.has(mmsi));
  return { deltas, removed };
}
