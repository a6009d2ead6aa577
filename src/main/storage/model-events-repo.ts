/**
 * The model audit trail (`model_events`): who deployed, (de)activated, retired or backfilled which
 * model version and when, what failed on its own, and refused deploys. Never rewritten.
 */
import type { Db } from './database.ts';
import type { ModelEvent } from '../../shared/models.ts';

interface EventRow {
  id: number;
  model_id: string;
  model_version: string;
  action: string;
  actor: string;
  at: number;
  detail: string | null;
}

function fromRow(r: EventRow): ModelEvent {
  return {
    id: r.id, modelId: r.model_id, modelVersion: r.model_version, action: r.action, actor: r.actor, at: r.at,
    ...(r.detail === null ? {} : { detail: r.detail }),
  };
}

export interface HistoryFilter {
  id?: string;
  version?: string;
  limit: number;
}

export function createModelEventsRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO model_events (model_id, model_version, action, actor, at, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const history = db.prepare<[{ id: string | null; version: string | null; limit: number }], EventRow>(`
    SELECT * FROM model_events
    WHERE (@id IS NULL OR model_id = @id) AND (@version IS NULL OR model_version = @version)
    ORDER BY at DESC, id DESC LIMIT @limit`);
  const lastId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM model_events');

  return {
    /** Appends one audit entry. */
    record(e: { modelId: string; modelVersion: string; action: string; actor: string; detail?: string; at?: number }): void {
      insert.run(e.modelId, e.modelVersion, e.action, e.actor, e.at ?? Date.now(), e.detail ?? null);
    },
    /** Newest first, optionally for one model id (and version). */
    history(filter: HistoryFilter): ModelEvent[] {
      return history.all({ id: filter.id ?? null, version: filter.version ?? null, limit: filter.limit }).map(fromRow);
    },
    /** Id of the newest entry: changes whenever any process (app or CLI) changes the registry. */
    lastId(): number {
      return lastId.pluck().get() as number;
    },
  };
}
export type ModelEventsRepo = ReturnType<typeof createModelEventsRepo>;
