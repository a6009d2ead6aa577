/**
 * The truth a prediction is scored against, per segment: a status and a class mask (CLASS_BITS), from
 * the AIS label facts at a range re-derived under a mapping version, or from the analyst's newest
 * verification (which overrides AIS in the 'verified' view, and is the only truth in 'verified-only').
 */
import type { Coverage, LabelStatus, Verification, VesselZone } from '../../shared/labels.ts';
import type { TruthSource } from '../../shared/metrics.ts';
import type { ClassMapping } from '../classes/mapping-repo.ts';
import { deriveLabel, type StoredVessel } from '../labels/derive.ts';
import type { LabelsRepo } from '../labels/labels-repo.ts';
import { I8ById, ListsById } from './columns.ts';
import { bitOf } from './dataset.ts';

/** Status codes of the truth arrays (0: no label). */
export const STATUS = { none: 0, single: 1, multi: 2, background: 3, ambiguous: 4 } as const;
const STATUS_CODE: Record<LabelStatus, number> = STATUS;
const COVERAGES: readonly Coverage[] = ['fresh', 'stale', 'none'];
const ZONES: readonly VesselZone[] = ['in', 'ring', 'lost'];

/** Truth per segment id: status code and class mask. */
export interface TruthArrays {
  status: I8ById;
  mask: I8ById;
}

const maskOf = (classes: readonly string[]) => classes.reduce((m, c) => m | bitOf(c), 0);

/** Label facts at one range: coverage, finality and distinct (designation, zone) pairs per segment. */
export class LabelFactsCache {
  readonly rangeKm: number;
  readonly coverage = new I8ById();
  readonly final = new I8ById();
  readonly pairs = new ListsById<Int32Array>();
  readonly designations: string[] = [];
  readonly #designationIndex = new Map<string, number>();
  /** Segment ids in the order they were (re)loaded; consumers remember how far they have read. */
  readonly changes: number[] = [];
  #since = 0;

  constructor(rangeKm: number) {
    this.rangeKm = rangeKm;
  }

  refresh(repo: LabelsRepo): void {
    for (const l of repo.changedSince(this.rangeKm, this.#since)) {
      this.coverage.set(l.id, COVERAGES.indexOf(l.coverage) + 1);
      this.final.set(l.id, l.final ? 1 : 0);
      this.pairs.set(l.id, this.#pairsOf(l.vessels));
      this.changes.push(l.id);
      if (l.computedAt > this.#since) this.#since = l.computedAt;
    }
  }

  #pairsOf(vessels: readonly StoredVessel[]): Int32Array {
    const codes = new Set<number>();
    for (const [, designation, zone] of vessels) {
      let d = this.#designationIndex.get(designation);
      if (d === undefined) this.#designationIndex.set(designation, (d = this.designations.push(designation) - 1));
      codes.add(d * 4 + ZONES.indexOf(zone));
    }
    return Int32Array.from(codes);
  }

  /** Derives status and mask of segment `id` under `mapping` into `out`. */
  deriveInto(id: number, mapping: ClassMapping, out: TruthArrays): void {
    const cov = this.coverage.get(id);
    if (cov === 0) return;
    const vessels: StoredVessel[] = Array.from(this.pairs.get(id) ?? [], (code) => [0, this.designations[code >> 2], ZONES[code & 3], null]);
    const d = deriveLabel(COVERAGES[cov - 1], vessels, mapping);
    out.status.set(id, STATUS_CODE[d.status]);
    out.mask.set(id, maskOf(d.classes));
  }
}

/** AIS truth at one range under one mapping version, kept in step with its facts cache. */
export class DerivedTruth implements TruthArrays {
  readonly status = new I8ById();
  readonly mask = new I8ById();
  readonly facts: LabelFactsCache;
  readonly mapping: ClassMapping;
  #read = 0;

  constructor(facts: LabelFactsCache, mapping: ClassMapping) {
    this.facts = facts;
    this.mapping = mapping;
  }

  update(): void {
    const { changes } = this.facts;
    for (; this.#read < changes.length; this.#read++) this.facts.deriveInto(changes[this.#read], this.mapping, this);
  }
}

/** The truth a verification gives: the class set heard, "no ship" = background (E), "can't tell" = ambiguous. */
export function verificationTruth(v: Verification): { status: LabelStatus; classes: string[] } {
  if (v.verdict === 'cant-tell') return { status: 'ambiguous', classes: [] };
  const classes = v.verdict === 'no-ship' ? ['E'] : v.classes;
  const ships = classes.filter((c) => c !== 'E');
  if (classes.length === 0) return { status: 'ambiguous', classes: [] };
  if (ships.length === 0) return { status: 'background', classes: ['E'] };
  return { status: ships.length === 1 ? 'single' : 'multi', classes: ships };
}

/** Truth arrays from the newest verification of each segment. */
export function verifiedTruth(verifications: readonly Verification[]): TruthArrays {
  const out: TruthArrays = { status: new I8ById(), mask: new I8ById() };
  for (const v of verifications) {
    const t = verificationTruth(v);
    out.status.set(v.segmentId, STATUS_CODE[t.status]);
    out.mask.set(v.segmentId, maskOf(t.classes));
  }
  return out;
}

/** Combines AIS and verified truth for a truth source into a lookup. */
export function truthLookup(source: TruthSource, ais: TruthArrays, verified: TruthArrays): (id: number) => { status: number; mask: number } {
  const result = { status: 0, mask: 0 };
  return (id) => {
    const v = verified.status.get(id);
    const useVerified = source !== 'ais' && v !== 0;
    const from = useVerified ? verified : source === 'verified-only' ? undefined : ais;
    result.status = from ? from.status.get(id) : 0;
    result.mask = from ? from.mask.get(id) : 0;
    return result;
  };
}
