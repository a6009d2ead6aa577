/**
 * What the metrics read, cached in memory and refreshed incrementally: segments (never change),
 * predictions per model version (never rewritten, so read once by row id), and label facts per range
 * (rows rewritten by the label service are re-read by their computed_at). Loading yields to the event
 * loop between pages so a cold start does not stall the API.
 */
import type { Db } from '../storage/database.ts';
import { F64Column } from './columns.ts';

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
      if (rows.length < PAGE) return;
      this.#cursor = rows.at(-1)![0];
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
  readonly probs = new F64Column();
  readonly entropy = new F64Column();
  readonly margin = new F64Column();
  readonly aleatoric = new F64Column();
  readonly epistemic = new F64Column();
  readonly maxProb = new F64Column();
  readonly argmax = new F64Column();

  constructor(modelId: string, modelVersion: string, classes: string[]) {
    this.modelId = modelId;
    this.modelVersion = modelVersion;
    this.classes = classes;
    this.bits = classes.map(bitOf);
  }

  get length(): number {
    return this.segmentId.length;
  }

  add(segmentId: number, probs: readonly number[], entropy: number, margin: number, aleatoric: number | null, epistemic: number | null): void {
    this.segmentId.push(segmentId);
    let best = 0;
    for (let i = 0; i < probs.length; i++) {
      this.probs.push(probs[i]);
      if (probs[i] > probs[best]) best = i;
    }
    this.argmax.push(best);
    this.maxProb.push(probs[best]);
    this.entropy.push(entropy);
    this.margin.push(margin);
    this.aleatoric.push(aleatoric ?? Number.NaN);
    this.epistemic.push(epistemic ?? Number.NaN);
  }
}

type PredictionRaw = [number, number, string, string, string, string, number, number, number | null, number | null];

/** Every prediction, grouped by model version, read once. */
export class PredictionsCache {
  readonly models = new Map<string, ModelColumns>();
  #cursor = 0;

  async refresh(db: Db): Promise<void> {
    const page = db.prepare<[number, number], PredictionRaw>(`SELECT id, segment_id, model_id, model_version, classes, probs,
      entropy, margin, aleatoric, epistemic FROM predictions WHERE id > ? ORDER BY id LIMIT ?`).raw();
    for (;;) {
      const rows = page.all(this.#cursor, PAGE);
      for (const [, segmentId, modelId, version, classes, probs, entropy, margin, aleatoric, epistemic] of rows) {
        const key = `${modelId}@${version}`;
        let m = this.models.get(key);
        if (!m) this.models.set(key, (m = new ModelColumns(modelId, version, JSON.parse(classes) as string[])));
        m.add(segmentId, JSON.parse(probs) as number[], entropy, margin, aleatoric, epistemic);
      }
      if (rows.length > 0) this.#cursor = rows.at(-1)![0];
      if (rows.length < PAGE) return;
      await yieldNow();
    }
  }
}
