/**
 * The SQL condition every cache clean-up adds so pinned sessions keep their data: "this span overlaps
 * no pinned session" (of the same station, when the data belongs to one). Empty on a database opened
 * without migration 0007 (no sessions table), so repositories work on older schemas in tests.
 */
import type { Db } from '../storage/database.ts';
import { AIS_MARGIN_MS } from './session-scope.ts';

/** AIS kept around a pinned session: the same margin its export takes. */
export const PINNED_AIS_MARGIN_MS = AIS_MARGIN_MS;

/**
 * `AND NOT EXISTS (…)` for a span given as SQL expressions `start` and `end` (epoch ms), widened by
 * `marginMs`, of `station` (an SQL expression) when given.
 */
export function notPinnedSql(db: Db, span: { start: string; end: string; station?: string; marginMs?: number }): string {
  const hasSessions = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sessions'").get() !== undefined;
  if (!hasSessions) return '';
  const margin = span.marginMs ?? 0;
  const station = span.station ? ` AND s.station_id = ${span.station}` : '';
  return `AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.pinned = 1${station}
    AND s.start_time - ${margin} < ${span.end} AND s.end_time + ${margin} > ${span.start})`;
}
