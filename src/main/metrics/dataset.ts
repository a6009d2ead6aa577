/**
 * What the metrics read, cached in memory and refreshed incrementally: segments (never change),
 * predictions per model version (never rewritten, so read once by row id), and label facts per range
 * (rows rewritten by the label service are re-read by their computed_at). Loading yields to the event
 * loop between pages so a cold start does not stall the API.
 */
import type { Db } from '../storage/database.ts';
import { F64Column } from './columns.ts';
import { ScoreOrder } from './score-order.ts';

/** Workstation classes in bit order: a class set is a bit mask (A = 1, B = 2, …, E = 16). */
export const CLASS_BITS = ['A', 'B', 'C', 'D', 'E'] as const;
export const bitOf = (classId: string): number => {
  const i = (CLASS_BITS as readonly string[]).indexOf(classId);
  return i < 0 ? 0 : 1 << i;
};

const PAGE = 50_000;
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Segment times and stations by segment id. */
export class SegmentsCache {
  readonly start = new F64Column();
  readonly end = new F64Column();
  readonly station = new F64Column();
  readonly stations: string[] = [];
  #cursor = 0;

  stationIndex(id: string): number {
    const i = this.stations.indexOf(id);
    return i >= 0 ? i : this.stations.push(id) - 1;
  }

  async refresh(db: Db): Promise<void> {
    const page = db.prepare<[number, number], [number, string, number, number]>(
      'SELECT id, station_id, start_time, end_time FROM segments WHERE id > ? ORDER BY id LIMIT ?').raw();
    for (;;) {
      const rows = page.all(this.#cursor, PAGE);
      for (const [id, station, start, end] of rows) {
        this.start.set(id, start);
        this.end.set(id, end);
        this.station.set(id, this.stationIndex(station));
      }
      if (rows.length > 0) this.#cursor = rows.at(-1)![0];
      if (rows.length < PAGE) return;
      await yieldNow();
    }
  }
}

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

  constructor(modelId: string, modelVersion: string, classes: string[]) {
    this.modelId = modelId;
    this.modelVersion = modelVersion;
    this.classes = classes;
    this.bits = classes.map(bitOf);
  }

  get length(): number {
    return this.segmentId.length;
  }

  add(segment: { id: number; start: number; station: number }, probs: readonly number[], entropy: number, margin: number, aleatoric: number | null, epistemic: number | null): void {
    this.rowOf.set(segment.id, this.segmentId.length);
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

  /** Rows sorted by segment start (cached, extended as rows arrive). */
  timeOrder(): Int32Array {
    return this.orderBy('time', this.start.data);
  }

  /** Rows sorted by a measure's score (cached, extended as rows arrive). */
  orderBy(name: string, score: Float64Array): Int32Array {
    let o = this.orders.get(name);
    if (!o) this.orders.set(name, (o = new ScoreOrder()));
    return o.of(score, this.length);
  }
}

type PredictionRaw = [number, number, string, string, string, string, number, number, number | null, number | null];

/** Every prediction, grouped by model version, read once. */
export class PredictionsCache {
  readonly models = new Map<string, ModelColumns>();
  #cursor = 0;

  /** Reads predictions stored since the last refresh (refresh `segments` first: rows take their times from it). */
  async refresh(db: Db, segments: SegmentsCache): Promise<void> {
    const page = db.prepare<[number, number], PredictionRaw>(`SELECT id, segment_id, model_id, model_version, classes, probs,
      entropy, margin, aleatoric, epistemic FROM predictions WHERE id > ? ORDER BY id LIMIT ?`).raw();
    for (;;) {
      const rows = page.all(this.#cursor, PAGE);
      for (const [, segmentId, modelId, version, classes, probs, entropy, margin, aleatoric, epistemic] of rows) {
        const key = `${modelId}@${version}`;
        let m = this.models.get(key);
        if (!m) this.models.set(key, (m = new ModelColumns(modelId, version, JSON.parse(classes) as string[])));
        const segment = { id: segmentId, start: segments.start.get(segmentId), station: segments.station.get(segmentId) };
        m.add(segment, JSON.parse(probs) as number[], entropy, margin, aleatoric, epistemic);
      }
      if (rows.length > 0) this.#cursor = rows.at(-1)![0];
      if (rows.length < PAGE) return;
      await yieldNow();
    }
  }
}
