/**
 * Where each vessel was relative to the sensor during each segment, from its AIS track: the closest
 * distance over the part of the segment where its position is known (straight motion between reports
 * at most `maxGapMs` apart, a report instant, or — for provisional labels only — dead reckoning from a
 * last report whose successor may still arrive), how much of the segment that part covers, and for the
 * rest a lower bound of its distance (it may have moved towards the sensor at its last known speed).
 * Pure functions over tracks in a local east/north plane around the sensor (metres).
 */
import { KNOT_MPS } from '../vessels/interpolate.ts';

/** One report, in metres east/north of the sensor; sog in knots, cog in degrees (null when unknown). */
export interface LocalFix {
  t: number;
  e: number;
  n: number;
  sog: number | null;
  cog: number | null;
}

/** An analysis window. */
export interface Window {
  start: number;
  end: number;
}

/** Limits of the presence computation. */
export interface PresenceOptions {
  /** Reports further apart are not joined by a straight line (default 10 min, like the vessel picture). */
  maxGapMs: number;
  /** A report this close in time to an unknown stretch bounds where the vessel can have been then. */
  staleMs: number;
  /** Speed assumed for a report without speed over ground, m/s (default 30 kn). */
  assumedSpeedMps: number;
  /** Newest AIS data time: a last report within `maxGapMs` of it is dead-reckoned (provisional labels). */
  knownUntil: number;
}

/** A vessel during one segment: closest known distance, when, known share, and the unknown part's bound. */
export interface Presence {
  minM: number;
  closestAt: number;
  coveredMs: number;
  uncertainM: number;
}

const STATIONARY_KN = 0.3;
const RAD = Math.PI / 180;

/** Segments sorted by start, with the index helpers the sweeps need. */
export class WindowIndex {
  readonly windows: readonly Window[];
  readonly #starts: Float64Array;
  readonly #maxLen: number;

  constructor(windows: readonly Window[]) {
    this.windows = windows;
    this.#starts = Float64Array.from(windows, (w) => w.start);
    this.#maxLen = windows.reduce((m, w) => Math.max(m, w.end - w.start), 0);
  }

  /** Calls `visit(i)` for every window overlapping [a, b]. */
  overlapping(a: number, b: number, visit: (i: number) => void): void {
    let lo = 0;
    let hi = this.#starts.length;
    const from = a - this.#maxLen;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#starts[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.#starts.length && this.#starts[i] <= b; i++) {
      if (this.windows[i].end >= a) visit(i);
    }
  }
}

function emptyPresence(): Presence {
  return { minM: Infinity, closestAt: Number.NaN, coveredMs: 0, uncertainM: Infinity };
}

/** Where a straight leg a→b (times ta < tb) is closest to the origin within [u0, u1]. */
function closestOnLeg(a: LocalFix, b: { t: number; e: number; n: number }, u0: number, u1: number): { d: number; at: number } {
  const dt = b.t - a.t;
  if (dt <= 0) return { d: Math.hypot(a.e, a.n), at: a.t };
  const de = b.e - a.e;
  const dn = b.n - a.n;
  const s0 = (u0 - a.t) / dt;
  const s1 = (u1 - a.t) / dt;
  const qa = de * de + dn * dn;
  const free = qa === 0 ? s0 : -(a.e * de + a.n * dn) / qa;
  const s = Math.min(s1, Math.max(s0, free));
  return { d: Math.hypot(a.e + s * de, a.n + s * dn), at: a.t + s * dt };
}

/** The dead-reckoned end of a provisional tail after the last report, or null (unknown motion). */
function reckonedEnd(f: LocalFix, untilT: number): { t: number; e: number; n: number } | null {
  if (f.sog === null) return null;
  if (f.sog < STATIONARY_KN) return { t: untilT, e: f.e, n: f.n };
  if (f.cog === null) return null;
  const dist = (f.sog * KNOT_MPS * (untilT - f.t)) / 1000;
  return { t: untilT, e: f.e + dist * Math.sin(f.cog * RAD), n: f.n + dist * Math.cos(f.cog * RAD) };
}

/** Presence of one vessel in every segment its (time-sorted) track touches; keyed by window index. */
export function presenceOf(track: readonly LocalFix[], index: WindowIndex, opts: PresenceOptions): Map<number, Presence> {
  const out = new Map<number, Presence>();
  const at = (i: number) => {
    let p = out.get(i);
    if (!p) out.set(i, (p = emptyPresence()));
    return p;
  };
  const addLeg = (a: LocalFix, b: { t: number; e: number; n: number }) => {
    index.overlapping(a.t, b.t, (i) => {
      const w = index.windows[i];
      const u0 = Math.max(a.t, w.start);
      const u1 = Math.min(b.t, w.end);
      if (u1 < u0) return;
      const c = closestOnLeg(a, b, u0, u1);
      const p = at(i);
      p.coveredMs += u1 - u0;
      if (c.d < p.minM) Object.assign(p, { minM: c.d, closestAt: c.at });
    });
  };
  const joined = (i: number) => i + 1 < track.length && track[i + 1].t > track[i].t && track[i + 1].t - track[i].t <= opts.maxGapMs;
  for (let i = 0; i < track.length; i++) {
    const f = track[i];
    if (joined(i)) addLeg(f, track[i + 1]);
    else if (i === 0 || !joined(i - 1)) addLeg(f, f);
  }
  addProvisionalTail(track, opts, addLeg);
  addUncertainty(track, index, opts, out, at);
  return out;
}

/** Dead-reckons after the newest report while its successor may still arrive (never for final labels). */
function addProvisionalTail(track: readonly LocalFix[], opts: PresenceOptions, addLeg: (a: LocalFix, b: { t: number; e: number; n: number }) => void): void {
  const last = track.at(-1);
  if (last === undefined || last.t + opts.maxGapMs <= opts.knownUntil) return;
  const end = reckonedEnd(last, last.t + opts.maxGapMs);
  if (end !== null) addLeg(last, end);
}

/**
 * For segments a vessel only partly covers, the lower bound of its distance over the unknown part, from
 * the reports at the edges of its known stretches: distance minus what it could have travelled since.
 */
function addUncertainty(track: readonly LocalFix[], index: WindowIndex, opts: PresenceOptions, out: Map<number, Presence>, at: (i: number) => Presence): void {
  const edge = (i: number) => {
    const f = track[i];
    const speed = f.sog === null ? opts.assumedSpeedMps : Math.max(f.sog * KNOT_MPS, 0.5);
    const d = Math.hypot(f.e, f.n);
    index.overlapping(f.t - opts.staleMs, f.t + opts.staleMs, (w) => {
      const win = index.windows[w];
      const p = out.get(w);
      if (p && p.coveredMs >= win.end - win.start) return;
      const dt = f.t < win.start ? win.start - f.t : f.t > win.end ? f.t - win.end : 0;
      const bound = Math.max(0, d - (speed * dt) / 1000);
      const q = p ?? at(w);
      if (bound < q.uncertainM) q.uncertainM = bound;
    });
  };
  const gapAfter = (i: number) => i + 1 >= track.length || track[i + 1].t - track[i].t > opts.maxGapMs;
  for (let i = 0; i < track.length; i++) {
    if (i === 0 || gapAfter(i - 1) || gapAfter(i)) edge(i);
  }
}
