/**
 * The map's tracks, kept between fetches so that only new points cross the wire: a full fetch fills
 * the store, then every 15 s an incremental `ais:tracks` (`since`) continues each track. The server
 * thins tracks on absolute minutes, so the points kept earlier stay valid as the window slides; only
 * the newest point of a track (its moving tail) is replaced. Pure: no DOM, unit-tested.
 */
import type { VesselTrack } from '../../../shared/ais.ts';

/** Index of the first element of sorted `ts` greater than `t` (ts.length when none is). */
export function firstAfter(ts: readonly number[], t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Points of `track` from index `start` to `end` (exclusive), as a new track. */
function slice(track: VesselTrack, start: number, end = track.t.length): VesselTrack {
  return { mmsi: track.mmsi, vesselClass: track.vesselClass, t: track.t.slice(start, end), lat: track.lat.slice(start, end), lon: track.lon.slice(start, end) };
}

/** `old` up to and including `since`, then the points of `update` after the last one kept. */
export function continueTrack(old: VesselTrack, update: VesselTrack, since: number): VesselTrack {
  const keep = firstAfter(old.t, since);
  const lastKept = keep > 0 ? old.t[keep - 1] : -Infinity;
  const from = firstAfter(update.t, lastKept);
  if (keep === old.t.length && from === update.t.length && old.vesselClass === update.vesselClass) return old;
  return {
    mmsi: old.mmsi, vesselClass: update.vesselClass,
    t: [...old.t.slice(0, keep), ...update.t.slice(from)],
    lat: [...old.lat.slice(0, keep), ...update.lat.slice(from)],
    lon: [...old.lon.slice(0, keep), ...update.lon.slice(from)],
  };
}

/** Tracks by MMSI; every change makes new track objects (the map layer diffs by identity and content). */
export class TrackStore {
  #tracks = new Map<number, VesselTrack>();

  /** Replaces everything with the answer of a full fetch. */
  replace(tracks: readonly VesselTrack[]): void {
    this.#tracks = new Map(tracks.map((t) => [t.mmsi, t]));
  }

  /** Adds or replaces whole tracks (a full fetch of vessels new to the store). */
  add(tracks: readonly VesselTrack[]): void {
    for (const t of tracks) this.#tracks.set(t.mmsi, t);
  }

  /**
   * Applies an incremental answer (`since`): vessels absent from it left the picture and are dropped,
   * the others are continued. Returns the MMSIs the store has no history for (fetch them in full).
   */
  merge(update: readonly VesselTrack[], since: number): number[] {
    const next = new Map<number, VesselTrack>();
    const unknown: number[] = [];
    for (const u of update) {
      const old = this.#tracks.get(u.mmsi);
      if (old === undefined) unknown.push(u.mmsi);
      else next.set(u.mmsi, continueTrack(old, u, since));
    }
    this.#tracks = next;
    return unknown;
  }

  /** Drops points older than `from` (the window slid); tracks left empty are dropped. */
  trim(from: number): void {
    for (const [mmsi, track] of this.#tracks) {
      const start = firstAfter(track.t, from - 1);
      if (start === 0) continue;
      if (start === track.t.length) this.#tracks.delete(mmsi);
      else this.#tracks.set(mmsi, slice(track, start));
    }
  }

  /** Every track, in MMSI order. */
  list(): VesselTrack[] {
    return [...this.#tracks.values()].sort((a, b) => a.mmsi - b.mmsi);
  }

  get size(): number {
    return this.#tracks.size;
  }
}
