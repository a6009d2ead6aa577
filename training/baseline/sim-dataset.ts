/**
 * Simulated training windows from many seeded demo-station scenarios.
 *
 * Window times are chosen from the cheap ground truth first, so only windows that will be used get
 * rendered. At the MARS site almost every moment has some merchant ship audible and half of them have
 * two classes audible at once, so three kinds of window are drawn, round-robin over the labels:
 *  - natural:  the scene as the demo renders it, labelled by `labelFromTruth`;
 *  - isolated: a ship near its CPA whose window is 'mixed', rendered without the rival-class ships that
 *              are within the dominance margin (label = that ship's class);
 *  - cleared:  the scene without every ship above the clear threshold: ambient, weather and distant
 *              traffic exactly as they were, but no audible ship (label E).
 */
import { createRng, shuffleInPlace } from './prng.ts';
import { DEFAULT_POLICY, labelFromTruth, labelIndex, NO_SHIP_LABEL, type LabelPolicy, type TruthShip } from './labels.ts';

export interface SimShipTruth extends TruthShip {
  readonly mmsi: number;
}

export interface RenderedAudio {
  startTime: number;
  sampleRate: number;
  channels: Float32Array[];
}

/** What the dataset needs from a simulated station (structural, so tests can pass a stand-in). */
export interface SimSource {
  truthAt(timeMs: number): readonly SimShipTruth[];
  /** Ships with a CPA in [fromMs, toMs]. */
  passes(fromMs: number, toMs: number): readonly { mmsi: number; classId: string; cpaTime: number }[];
  /** The scene of [fromMs, fromMs + durationMs) without the ships in `removed`. */
  render(fromMs: number, durationMs: number, removed: ReadonlySet<number>): RenderedAudio;
}

export type WindowKind = 'natural' | 'isolated' | 'cleared';

export interface Example {
  features: Float32Array;
  label: number;
  /** Split key: all windows of one scenario seed share it. */
  group: string;
  kind: WindowKind;
  /** Best SNR of any ship left in the scene at the window centre, dB. */
  maxSnrDb: number;
  /** Best SNR per ship class A–D of the ships left in the scene at the window centre, dB (−99: none); multi-label targets. */
  classSnrDb?: number[];
  /** Simulated windows: start time (ms) and the ships left out, so the window can be rendered again. */
  start?: number;
  removed?: number[];
}

export interface SimPlan {
  windowsPerScenario: number;
  startTime: number;
  spanMs: number;
  windowMs: number;
  /** Random candidate times per scenario (plus one near each CPA). */
  randomCandidates: number;
  policy?: LabelPolicy;
  /**
   * Also draw natural windows where two classes are audible together (label MIXED_LABEL, example
   * label −1): no single class, but the multi-label targets of `classSnrDb` apply. Default off.
   */
  mixedWindows?: boolean;
}

/** The planned-window label of a natural window with two audible classes (mixedWindows only). */
export const MIXED_LABEL = 'mixed';
/** Ship classes with a per-class SNR in `Example.classSnrDb`. */
export const SHIP_CLASSES = ['A', 'B', 'C', 'D'] as const;

export interface PlannedWindow {
  start: number;
  label: string;
  kind: WindowKind;
  /** For isolated windows: the ship whose class is the label. */
  target?: number;
}

/** Every (class, range, SNR) seen while choosing windows: the physical check printed in the card. */
export type TruthLog = { classId: string; rangeM: number; snrDb: number }[];

function candidateTimes(source: SimSource, plan: SimPlan, rng: () => number): { start: number; target?: number }[] {
  const latest = plan.startTime + plan.spanMs - plan.windowMs;
  const snap = (t: number) => Math.min(latest, Math.max(plan.startTime, Math.round(t / 1000) * 1000));
  const out: { start: number; target?: number }[] = [];
  for (let k = 0; k < plan.randomCandidates; k++) out.push({ start: snap(plan.startTime + rng() * (latest - plan.startTime)) });
  for (const p of source.passes(plan.startTime, latest)) {
    // Small craft are audible for minutes around CPA (so look more often), merchant ships for hours.
    const small = p.classId === 'A' || p.classId === 'B';
    const spread = small ? 6 * 60_000 : 30 * 60_000;
    for (let k = 0; k < (small ? 3 : 1); k++) {
      out.push({ start: snap(p.cpaTime - plan.windowMs / 2 + (2 * rng() - 1) * spread), target: p.mmsi });
    }
  }
  return out;
}

/** Sorts candidates into per-label queues: natural windows first, constructed ones after. */
function classify(source: SimSource, plan: SimPlan, rng: () => number, log: TruthLog): Map<string, PlannedWindow[]> {
  const policy = plan.policy ?? DEFAULT_POLICY;
  const natural = new Map<string, PlannedWindow[]>();
  const constructed = new Map<string, PlannedWindow[]>();
  const add = (map: Map<string, PlannedWindow[]>, w: PlannedWindow) => map.set(w.label, [...(map.get(w.label) ?? []), w]);
  for (const c of candidateTimes(source, plan, rng)) {
    const ships = source.truthAt(c.start + plan.windowMs / 2);
    for (const s of ships) if (s.snrDb > -99) log.push({ classId: s.classId, rangeM: s.rangeM, snrDb: s.snrDb });
    const result = labelFromTruth(ships, policy);
    if (plan.mixedWindows && 'skip' in result && result.skip === 'mixed') add(natural, { start: c.start, label: MIXED_LABEL, kind: 'natural' });
    if ('label' in result) {
      add(natural, { start: c.start, label: result.label, kind: 'natural' });
      if (result.label === NO_SHIP_LABEL) continue;
    }
    add(constructed, { start: c.start, label: NO_SHIP_LABEL, kind: 'cleared' });
    const target = ships.find((s) => s.mmsi === c.target);
    if ('skip' in result && result.skip === 'mixed' && target && target.snrDb >= policy.audibleDb) {
      add(constructed, { start: c.start, label: target.classId, kind: 'isolated', target: target.mmsi });
    }
  }
  const queues = new Map<string, PlannedWindow[]>();
  for (const label of new Set([...natural.keys(), ...constructed.keys()])) {
    // Queues are popped from the end, so constructed windows go first in the array.
    queues.set(label, [...shuffleInPlace(constructed.get(label) ?? [], rng), ...shuffleInPlace(natural.get(label) ?? [], rng)]);
  }
  return queues;
}

/** Picks up to `windowsPerScenario` windows, one label at a time, so rare classes are not crowded out. */
export function planWindows(source: SimSource, plan: SimPlan, seed: number, log: TruthLog = []): PlannedWindow[] {
  const rng = createRng(seed ^ 0x5eed);
  const queues = classify(source, plan, rng, log);
  const order = [...queues.keys()].sort();
  const chosen: PlannedWindow[] = [];
  const taken = new Set<number>();
  while (chosen.length < plan.windowsPerScenario && order.some((l) => queues.get(l)!.length > 0)) {
    for (const label of order) {
      const q = queues.get(label)!;
      // Windows must not overlap, or the same audio would appear under two labels.
      while (q.length > 0 && [...taken].some((t) => Math.abs(t - q[q.length - 1].start) < plan.windowMs)) q.pop();
      const w = q.pop();
      if (w && chosen.length < plan.windowsPerScenario) {
        chosen.push(w);
        taken.add(w.start);
      }
    }
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Ships to leave out of a planned window, judged at its start, centre and end. */
export function shipsToRemove(source: SimSource, w: PlannedWindow, windowMs: number, policy: LabelPolicy = DEFAULT_POLICY): Set<number> {
  if (w.kind === 'natural') return new Set();
  const loudest = new Map<number, SimShipTruth>();
  for (const t of [w.start, w.start + windowMs / 2, w.start + windowMs]) {
    for (const s of source.truthAt(t)) if ((loudest.get(s.mmsi)?.snrDb ?? -Infinity) < s.snrDb) loudest.set(s.mmsi, s);
  }
  if (w.kind === 'cleared') return new Set([...loudest.values()].filter((s) => s.snrDb >= policy.clearDb).map((s) => s.mmsi));
  const target = source.truthAt(w.start + windowMs / 2).find((s) => s.mmsi === w.target);
  const floor = (target?.snrDb ?? Infinity) - policy.dominanceDb;
  return new Set([...loudest.values()].filter((s) => s.classId !== w.label && s.snrDb > floor).map((s) => s.mmsi));
}

/** Renders and featurises the planned windows of one scenario. */
export function scenarioExamples(
  source: SimSource,
  plan: SimPlan,
  seed: number,
  featurize: (audio: RenderedAudio) => Float32Array,
  log: TruthLog = [],
): Example[] {
  return planWindows(source, plan, seed, log).map((w) => {
    const removed = shipsToRemove(source, w, plan.windowMs, plan.policy);
    const left = source.truthAt(w.start + plan.windowMs / 2).filter((s) => !removed.has(s.mmsi));
    const audio = source.render(w.start, plan.windowMs, removed);
    const bestOf = (ships: readonly SimShipTruth[]) => ships.reduce((m, s) => Math.max(m, s.snrDb), -99);
    return {
      features: featurize(audio),
      label: w.label === MIXED_LABEL ? -1 : labelIndex(w.label),
      group: `sim:${seed}`,
      kind: w.kind,
      maxSnrDb: bestOf(left),
      classSnrDb: SHIP_CLASSES.map((c) => bestOf(left.filter((s) => s.classId === c))),
      start: w.start,
      removed: [...removed].sort((a, b) => a - b),
    };
  });
}
