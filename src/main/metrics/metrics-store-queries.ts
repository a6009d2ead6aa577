/** The SQL of the metrics store (metrics-store.ts; tables from migration 0012). */
import type { Db } from '../storage/database.ts';
import { HOUR } from './aggregate.ts';

export function queries(db: Db) {
  return {
    cursor: db.prepare<[string], number>('SELECT value FROM metrics_cursors WHERE name = ?').pluck(),
    setCursor: db.prepare('INSERT INTO metrics_cursors (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
    newPredictions: db.prepare<[number], { model_id: string; model_version: string; classes: string; hour: number; last: number }>(`
      SELECT p.model_id, p.model_version, min(p.classes) AS classes, s.start_time - (s.start_time % ${HOUR}) AS hour, max(p.id) AS last
      FROM predictions p NOT INDEXED CROSS JOIN segments s ON s.id = p.segment_id WHERE p.id > ? GROUP BY p.model_id, p.model_version, hour`),
    newFacts: db.prepare<[number], { hour: number; last: number }>(`SELECT s.start_time - (s.start_time % ${HOUR}) AS hour, max(f.computed_at) AS last
      FROM label_facts f CROSS JOIN segments s ON s.id = f.segment_id WHERE f.computed_at > ? GROUP BY hour`),
    newVerifications: db.prepare<[number], { hour: number; last: number }>(`SELECT s.start_time - (s.start_time % ${HOUR}) AS hour, max(v.id) AS last
      FROM verifications v CROSS JOIN segments s ON s.id = v.segment_id WHERE v.id > ? GROUP BY hour`),
    verifiedHours: db.prepare<[], number>(`SELECT DISTINCT s.start_time - (s.start_time % ${HOUR}) FROM verifications v CROSS JOIN segments s ON s.id = v.segment_id`).pluck(),
    addModel: db.prepare('INSERT OR IGNORE INTO metrics_models (model, id, version, classes) VALUES (?, ?, ?, ?)'),
    staleModelHour: db.prepare(`INSERT INTO metrics_model_hours (model, hour, rows, stations) VALUES (?, ?, NULL, NULL)
      ON CONFLICT (model, hour) DO UPDATE SET rows = NULL, stations = NULL`),
    dropModelCtxHour: db.prepare('DELETE FROM metrics_hours WHERE hour = ? AND substr(ctx, 1, ?) = ?'),
    dropCtxHour: db.prepare('DELETE FROM metrics_hours WHERE hour = ?'),
    dropVerifiedCtxHour: db.prepare("DELETE FROM metrics_hours WHERE hour = ? AND ctx NOT LIKE '%|ais|%'"),
    dropLabelHour: db.prepare('DELETE FROM metrics_label_hours WHERE hour = ?'),
    countLabelHour: db.prepare(`INSERT INTO metrics_label_hours (hour, station_id, labelled, final)
      SELECT @hour, s.station_id, count(*), sum(f.final) FROM segments s JOIN label_facts f ON f.segment_id = s.id
      WHERE s.start_time >= @hour AND s.start_time < @hour + ${HOUR} GROUP BY s.station_id`),
    labelCounts: db.prepare<{ from: number; to: number; station: string | null }, { labelled: number | null; final: number | null }>(`
      SELECT sum(labelled) AS labelled, sum(final) AS final FROM metrics_label_hours
      WHERE hour >= @from AND hour < @to AND (@station IS NULL OR station_id = @station)`),
    labelCountsExact: db.prepare<{ from: number; to: number; station: string | null }, { labelled: number | null; final: number | null }>(`
      SELECT count(*) AS labelled, sum(f.final) AS final FROM segments s JOIN label_facts f ON f.segment_id = s.id
      WHERE s.start_time >= @from AND s.start_time < @to AND (@station IS NULL OR s.station_id = @station)`),
    models: db.prepare<[], { model: string; id: string; version: string; classes: string }>('SELECT * FROM metrics_models ORDER BY id, version'),
    modelHours: db.prepare<[string], number>('SELECT hour FROM metrics_model_hours WHERE model = ? ORDER BY hour').pluck(),
    modelRows: db.prepare<[string, number], { rows: Buffer | null; stations: string | null }>('SELECT rows, stations FROM metrics_model_hours WHERE model = ? AND hour = ?'),
    saveModelRows: db.prepare('UPDATE metrics_model_hours SET rows = ?, stations = ? WHERE model = ? AND hour = ?'),
    hourPredictions: db.prepare<[string, string, number, number], { id: number; start: number; station: string; probs: string; entropy: number; margin: number; aleatoric: number | null; epistemic: number | null }>(`
      SELECT s.id, s.start_time AS start, s.station_id AS station, p.probs, p.entropy, p.margin, p.aleatoric, p.epistemic
      FROM segments s JOIN predictions p ON p.segment_id = s.id AND p.model_id = ? AND p.model_version = ?
      WHERE s.start_time >= ? AND s.start_time < ? ORDER BY s.start_time, s.id`),
    hourFacts: db.prepare<[number, number], { segment_id: number; coverage: 'fresh' | 'stale' | 'none'; vessels: string; final: number }>(`
      SELECT f.segment_id, f.coverage, f.vessels, f.final FROM segments s JOIN label_facts f ON f.segment_id = s.id
      WHERE s.start_time >= ? AND s.start_time < ?`),
    ctxCounts: db.prepare<[string], { hour: number; counts: Buffer; evals: Buffer }>('SELECT hour, counts, evals FROM metrics_hours WHERE ctx = ?'),
    saveCtx: db.prepare('INSERT OR REPLACE INTO metrics_hours (ctx, hour, counts, evals) VALUES (?, ?, ?, ?)'),
  };
}
