/**
 * Predictions of one model version as typed columns, the form the scoring code loops over (the
 * metrics store fills them an hour at a time, or with the rows a request reads).
 */
import { F64Column } from './columns.ts';
import { ScoreOrder } from './score-order.ts';

/** Workstation classes in bit order: a class set is a bit mask (A = 1, B = 2, …, E = 16). */
export const CLASS_BITS = ['A', 'B', 'C', 'D', 'E'] as const;
export const bitOf = (classId: string): number => {
  const i = (CLASS_BITS as readonly string[]).indexOf(classId);
  return i < 0 ? 0 : 1 << i;
};

/** One model version's predictions as columns (row i of each). */
export class ModelColumns {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly classes: string[];
  /** Bit of each model class in CLASS_BITS order. */
  readonly bits: number[];
  readonly segmentId = new F64Column();
  /** Segment start and station index of each row (copied from the segments cache when read). */
  readonly start = new F64Column();
  readonly station = new F64Column();
  readonly probs = new F64Column();
  readonly entropy = new F64Column();
  readonly margin = new F64Column();
  readonly aleatoric = new F64Column();
  readonly epistemic = new F64Column();
  readonly maxProb = new F64Column();
  readonly argmax = new F64Column();
  /** Uncertainty scores for error flagging as the metrics use them (higher = less sure). */
  readonly oneMinusMargin = new F64Column();
  readonly oneMinusMaxProb = new F64Column();
  /** Row orders by each uncertainty score and by time, kept sorted as rows are appended (score-order.ts). */
  readonly orders = new Map<string, ScoreOrder>();
  /** Row of each segment id (−1: none; one prediction per segment per model version). */
  readonly rowOf = new F64Column(-1);
  /**
   * Short-lived columns read for one request (metrics-store.ts): rows are appended in time order and
   * no score orders are cached (AUROC sorts the request's scores instead).
   */
  readonly transient: boolean;
  #identity: Int32Array | undefined;

  constructor(modelId: string, modelVersion: string, classes: string[], o: { transient?: boolean } = {}) {
    this.modelId = modelId;
    this.modelVersion = modelVersion;
    this.classes = classes;
    this.bits = classes.map(bitOf);
    this.transient = o.transient ?? false;
  }

  get length(): number {
    return this.segmentId.length;
  }

  add(segment: { id: number; start: number; station: number }, probs: ArrayLike<number>, entropy: number, margin: number, aleatoric: number | null, epistemic: number | null): void {
    if (!this.transient) this.rowOf.set(segment.id, this.segmentId.length);
    this.segmentId.push(segment.id);
    this.start.push(segment.start);
    this.station.push(segment.station);
    let best = 0;
    for (let i = 0; i < probs.length; i++) {
      this.probs.push(probs[i]);
      if (probs[i] > probs[best]) best = i;
    }
    this.argmax.push(best);
    this.maxProb.push(probs[best]);
    this.entropy.push(entropy);
    this.margin.push(margin);
    this.oneMinusMargin.push(1 - margin);
    this.oneMinusMaxProb.push(1 - probs[best]);
    this.aleatoric.push(aleatoric ?? Number.NaN);
    this.epistemic.push(epistemic ?? Number.NaN);
  }

  /** The uncertainty measures, each with its score column. */
  measures(): { name: string; score: Float64Array }[] {
    return [
      { name: 'entropy', score: this.entropy.data }, { name: 'margin', score: this.oneMinusMargin.data },
      { name: 'maxProb', score: this.oneMinusMaxProb.data }, { name: 'aleatoric', score: this.aleatoric.data },
      { name: 'epistemic', score: this.epistemic.data },
    ];
  }

  /** Rows sorted by segment start (cached, extended as rows arrive; transient columns are in time order). */
  timeOrder(): Int32Array {
    if (this.transient) {
      if (this.#identity?.length !== this.length) this.#identity = Int32Array.from({ length: this.length }, (_, i) => i);
      return this.#identity;
    }
    return this.orderBy('time', this.start.data);
  }

  /** Rows sorted by a measure's score (cached, extended as rows arrive). */
  orderBy(name: string, score: Float64Array): Int32Array {
    let o = this.orders.get(name);
    if (!o) this.orders.set(name, (o = new ScoreOrder()));
    return o.of(score, this.length);
  }
}
