/**
 * The truth a prediction is scored against, per segment: a status and a class mask (CLASS_BITS), from
 * the AIS label facts at a range re-derived under a mapping version, or from the analyst's newest
 * verification (which overrides AIS in the 'verified' view, and is the only truth in 'verified-only').
 */
import type { Coverage, LabelStatus, Verification } from '../../shared/labels.ts';
import type { ClassMapping } from '../classes/mapping-repo.ts';
import { deriveLabel, zoneOf, type FactVessel, type StoredVessel } from '../labels/derive.ts';
import type { StoredFacts } from '../labels/labels-repo.ts';
import { I8ById, ListsById } from './columns.ts';
import { bitOf } from './dataset.ts';

/** Status codes of the truth arrays (0: no label). */
export const STATUS = { none: 0, single: 1, multi: 2, background: 3, ambiguous: 4 } as const;
const STATUS_CODE: Record<LabelStatus, number> = STATUS;
const COVERAGES: readonly Coverage[] = ['fresh', 'stale', 'none'];

/** Truth per segment id: status code and class mask. */
export interface TruthArrays {
  status: I8ById;
  mask: I8ById;
}

const maskOf = (classes: readonly string[]) => classes.reduce((m, c) => m | bitOf(c), 0);

/** Label facts of segments (an hour's, in the metrics store): coverage, finality and (designation, distances) per vessel; all ranges derive from them. */
export class FactsCache {
  readonly coverage = new I8ById();
  readonly final = new I8ById();
  /** Per segment: triples [designation index, closest known m, bound of the unknown part m] (Infinity: none). */
  readonly vessels = new ListsById<Float64Array>();
  readonly designations: string[] = [];
  readonly #designationIndex = new Map<string, number>();
  /** Segment ids in the order they were (re)loaded; consumers remember how far they have read. */
  readonly changes: number[] = [];
  /** Bumped if `changes` is ever cleared: consumers then re-read everything. */
  epoch = 0;

  /** Takes one segment's facts (as read from the labels repository). */
  add(f: Pick<StoredFacts, 'segmentId' | 'coverage' | 'final' | 'vessels'>): void {
    this.coverage.set(f.segmentId, COVERAGES.indexOf(f.coverage) + 1);
    this.final.set(f.segmentId, f.final ? 1 : 0);
    this.vessels.set(f.segmentId, this.#pack(f.vessels));
    this.changes.push(f.segmentId);
  }

  #pack(vessels: readonly FactVessel[]): Float64Array {
    const out = new Float64Array(vessels.length * 3);
    vessels.forEach(([, designation, minM, uncertainM], i) => {
      let d = this.#designationIndex.get(designation);
      if (d === undefined) this.#designationIndex.set(designation, (d = this.designations.push(designation) - 1));
      out[i * 3] = d;
      out[i * 3 + 1] = minM ?? Infinity;
      out[i * 3 + 2] = uncertainM ?? Infinity;
    });
    return out;
  }

  /** Derives status and mask of segment `id` at a range under `mapping` into `out`. */
  deriveInto(id: number, rangeM: number, bufferM: number, mapping: ClassMapping, out: TruthArrays): void {
    const cov = this.coverage.get(id);
    if (cov === 0) return;
    const packed = this.vessels.get(id) ?? new Float64Array(0);
    const vessels: StoredVessel[] = [];
    for (let i = 0; i < packed.length; i += 3) {
      const zone = zoneOf({ minM: packed[i + 1], uncertainM: packed[i + 2] }, rangeM, bufferM);
      if (zone !== null) vessels.push([0, this.designations[packed[i]], zone, null]);
    }
    const d = deriveLabel(COVERAGES[cov - 1], vessels, mapping);
    out.status.set(id, STATUS_CODE[d.status]);
    out.mask.set(id, maskOf(d.classes));
  }
}

/** AIS truth at one range under one mapping version, kept in step with the facts cache. */
export class DerivedTruth implements TruthArrays {
  readonly status = new I8ById();
  readonly mask = new I8ById();
  readonly facts: FactsCache;
  readonly mapping: ClassMapping;
  readonly #rangeM: number;
  readonly #bufferM: number;
  #read = 0;
  #epoch = -1;

  constructor(facts: FactsCache, rangeKm: number, bufferKm: number, mapping: ClassMapping) {
    this.facts = facts;
    this.mapping = mapping;
    this.#rangeM = rangeKm * 1000;
    this.#bufferM = bufferKm * 1000;
    // While the facts' change list was never cleared it names every segment: reading it is enough.
    if (facts.epoch === 0) this.#epoch = 0;
  }

  update(): void {
    const { changes, coverage, epoch } = this.facts;
    const derive = (id: number) => this.facts.deriveInto(id, this.#rangeM, this.#bufferM, this.mapping, this);
    if (this.#epoch !== epoch) {
      this.#epoch = epoch;
      this.#read = changes.length;
      for (let id = 0; id < coverage.data.length; id++) if (coverage.data[id] !== 0) derive(id);
    }
    for (; this.#read < changes.length; this.#read++) derive(changes[this.#read]);
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
