/** Predictions: one row per segment per model version, never rewritten. */
import type { Db } from './database.ts';
import type { Prediction, Uncertainty } from '../../shared/domain.ts';

export interface NewPrediction {
  segmentId: number;
  modelId: string;
  modelVersion: string;
  /** Class-mapping version current when predicted (provenance; default: the newest version). */
  mappingVersion?: number;
  classes: string[];
  probs: number[];
  predictedClass: string;
  uncertainty: Uncertainty;
  latencyMs: number;
  /** 'backfill' for predictions re-computed over cached audio (default 'live'). */
  source?: 'live' | 'backfill';
}

interface PredictionRow {
  id: number;
  segment_id: number;
  station_id: string;
  start_time: number;
  end_time: number;
  model_id: string;
  model_version: string;
  classes: string;
  probs: string;
  predicted_class: string;
  entropy: number;
  entropy_norm: number;
  margin: number;
  aleatoric: number | null;
  epistemic: number | null;
  passes: number | null;
  variance: string | null;
  label_entropy: string | null;
  latency_ms: number;
  created_at: number;
}

const SELECT = `SELECT p.*, s.station_id, s.start_time, s.end_time FROM predictions p JOIN segments s ON s.id = p.segment_id`;

function fromRow(r: PredictionRow): Prediction {
  return {
    id: r.id,
    segmentId: r.segment_id,
    stationId: r.station_id,
    segmentStart: r.start_time,
    segmentEnd: r.end_time,
    modelId: r.model_id,
    modelVersion: r.model_version,
    classes: JSON.parse(r.classes) as string[],
    probs: JSON.parse(r.probs) as number[],
    predictedClass: r.predicted_class,
    uncertainty: {
      entropy: r.entropy,
      entropyNorm: r.entropy_norm,
      margin: r.margin,
      aleatoric: r.aleatoric ?? undefined,
      epistemic: r.epistemic ?? undefined,
      passes: r.passes ?? undefined,
      ...(r.variance === null ? {} : { variance: JSON.parse(r.variance) as number[] }),
      ...(r.label_entropy === null ? {} : { labelEntropy: JSON.parse(r.label_entropy) as number[] }),
    },
    latencyMs: r.latency_ms,
    createdAt: r.created_at,
  };
}

export function createPredictionsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO predictions (segment_id, model_id, model_version, mapping_version, classes, probs, predicted_class,
      entropy, entropy_norm, margin, aleatoric, epistemic, passes, variance, label_entropy, latency_ms, created_at, source)
    VALUES (@segmentId, @modelId, @modelVersion, coalesce(@mappingVersion, (SELECT max(version) FROM class_mappings)), @classes, @probs, @predictedClass,
      @entropy, @entropyNorm, @margin, @aleatoric, @epistemic, @passes, @variance, @labelEntropy, @latencyMs, @createdAt, @source)
    ON CONFLICT (segment_id, model_id, model_version) DO NOTHING`);
  const byId = db.prepare<[number], PredictionRow>(`${SELECT} WHERE p.id = ?`);
  const recent = db.prepare<[string, number], PredictionRow>(
    `${SELECT} WHERE s.station_id = ? ORDER BY s.start_time DESC, p.model_id LIMIT ?`,
  );
  const count = db.prepare<[string], number>(
    'SELECT count(*) FROM predictions p JOIN segments s ON s.id = p.segment_id WHERE s.station_id = ?',
  );

  return {
    /** Stores a batch in one transaction; returns the stored rows (duplicates are skipped). */
    insertMany(batch: readonly NewPrediction[]): Prediction[] {
      const ids: number[] = [];
      db.transaction(() => {
        for (const p of batch) {
          const u = p.uncertainty;
          const info = insert.run({
            ...p, mappingVersion: p.mappingVersion ?? null, classes: JSON.stringify(p.classes),
            probs: JSON.stringify(p.probs), entropy: u.entropy, entropyNorm: u.entropyNorm, margin: u.margin,
            aleatoric: u.aleatoric ?? null, epistemic: u.epistemic ?? null, passes: u.passes ?? null,
            variance: u.variance ? JSON.stringify(u.variance) : null,
            labelEntropy: u.labelEntropy ? JSON.stringify(u.labelEntropy) : null,
            createdAt: Date.now(), source: p.source ?? 'live',
          });
          if (info.changes > 0) ids.push(Number(info.lastInsertRowid));
        }
      })();
      return ids.map((id) => fromRow(byId.get(id)!));
    },
    recent(stationId: string, limit: number): Prediction[] {
      return recent.all(stationId, limit).map(fromRow);
    },
    count(stationId: string): number {
      return count.pluck().get(stationId) as number;
    },
  };
}
export type PredictionsRepo = ReturnType<typeof createPredictionsRepo>;
