/**
 * The `sessions` table (migration 0007): stored sessions, pins, and live runs found in the segments.
 *
 * A run is a stretch of a station's segments without a pause longer than RUN_GAP_MS. Runs are kept
 * as rows (kind 'run') so they can be pinned and named; each sync extends the newest stored run of a
 * station and adds the runs after it, scanning only the segments from that run on.
 */
import { randomBytes } from 'node:crypto';
import type { SessionKind } from '../../shared/sessions.ts';
import type { Db } from '../storage/database.ts';
import { utcStamp } from '../export/file-names.ts';

/** A pause in a station's segments longer than this ends a run. */
export const RUN_GAP_MS = 5 * 60_000;

/** A stored session row. */
export interface SessionRow {
  id: string;
  stationId: string;
  name: string;
  kind: SessionKind;
  from: number;
  to: number;
  pinned: boolean;
  note?: string;
  importedFrom?: string;
  importedAt?: number;
  createdAt: number;
}

interface DbRow {
  id: string; station_id: string; name: string; kind: SessionKind; start_time: number; end_time: number; pinned: number;
  note: string | null; imported_from: string | null; imported_at: number | null; created_at: number;
}

function fromRow(r: DbRow): SessionRow {
  return {
    id: r.id, stationId: r.station_id, name: r.name, kind: r.kind, from: r.start_time, to: r.end_time, pinned: r.pinned === 1,
    createdAt: r.created_at,
    ...(r.note === null ? {} : { note: r.note }),
    ...(r.imported_from === null ? {} : { importedFrom: r.imported_from }),
    ...(r.imported_at === null ? {} : { importedAt: r.imported_at }),
  };
}

/** A new session id: station, start time and a random suffix (readable in file names and logs). */
export function newSessionId(stationId: string, from: number): string {
  const safe = stationId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${safe}-${utcStamp(from)}-${randomBytes(3).toString('hex')}`;
}

const RUNS_SQL = `
WITH seg AS (
  SELECT start_time, end_time,
    max(end_time) OVER (ORDER BY start_time ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
  FROM segments WHERE station_id = @station AND start_time >= @since
), marked AS (
  SELECT start_time, end_time,
    sum(CASE WHEN prev_end IS NULL OR start_time - prev_end > @gap THEN 1 ELSE 0 END) OVER (ORDER BY start_time ROWS UNBOUNDED PRECEDING) AS run
  FROM seg
)
SELECT min(start_time) AS start, max(end_time) AS "end" FROM marked GROUP BY run ORDER BY start`;

export function createSessionsRepo(db: Db) {
  const q = {
    all: db.prepare<[], DbRow>('SELECT * FROM sessions ORDER BY start_time DESC, id'),
    byId: db.prepare<[string], DbRow>('SELECT * FROM sessions WHERE id = ?'),
    insert: db.prepare(`INSERT INTO sessions (id, station_id, name, kind, start_time, end_time, pinned, note, imported_from, imported_at, created_at)
      VALUES (@id, @stationId, @name, @kind, @from, @to, @pinned, @note, @importedFrom, @importedAt, @createdAt)`),
    update: db.prepare('UPDATE sessions SET name = @name, pinned = @pinned, note = @note WHERE id = @id'),
    remove: db.prepare('DELETE FROM sessions WHERE id = ?'),
    lastRun: db.prepare<[string], DbRow>("SELECT * FROM sessions WHERE station_id = ? AND kind = 'run' ORDER BY start_time DESC LIMIT 1"),
    extend: db.prepare('UPDATE sessions SET end_time = ? WHERE id = ? AND end_time < ?'),
    runs: db.prepare<{ station: string; since: number; gap: number }, { start: number; end: number }>(RUNS_SQL),
    stationsWithSegments: db.prepare<[], string>(`SELECT id FROM stations st WHERE EXISTS (SELECT 1 FROM segments s WHERE s.station_id = st.id)
      AND NOT EXISTS (SELECT 1 FROM sessions x WHERE x.station_id = st.id AND x.kind = 'imported')`).pluck(),
    recordingPinned: db.prepare<[number], number>(`SELECT 1 FROM recordings r JOIN sessions s ON s.station_id = r.station_id AND s.pinned = 1
      WHERE r.id = ? AND coalesce(r.start_time, 0) < s.end_time AND coalesce(r.start_time, 0) + coalesce(r.duration_ms, 0) >= s.start_time LIMIT 1`).pluck(),
    pinnedSpans: db.prepare<[], { stationId: string; from: number; to: number }>(
      'SELECT station_id AS stationId, start_time AS "from", end_time AS "to" FROM sessions WHERE pinned = 1 ORDER BY start_time'),
  };

  return {
    list: (): SessionRow[] => q.all.all().map(fromRow),
    get(id: string): SessionRow | undefined {
      const r = q.byId.get(id);
      return r ? fromRow(r) : undefined;
    },
    insert(s: SessionRow): SessionRow {
      q.insert.run({
        ...s, pinned: s.pinned ? 1 : 0, note: s.note ?? null, importedFrom: s.importedFrom ?? null, importedAt: s.importedAt ?? null,
      });
      return s;
    },
    update(id: string, patch: { name?: string; pinned?: boolean; note?: string }): SessionRow | undefined {
      const current = this.get(id);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      q.update.run({ id, name: next.name, pinned: next.pinned ? 1 : 0, note: next.note ?? null });
      return next;
    },
    remove: (id: string): boolean => q.remove.run(id).changes > 0,
    /** Brings the stored runs of every station with segments up to date (see module comment). */
    syncRuns(now = Date.now()): void {
      db.transaction(() => {
        for (const stationId of q.stationsWithSegments.all()) syncStationRuns(stationId, now);
      })();
    },
    /** True when a recording overlaps a pinned session of its station (retention must keep it). */
    isRecordingPinned: (recordingId: number): boolean => q.recordingPinned.get(recordingId) !== undefined,
    /** Time ranges of pinned sessions, oldest first. */
    pinnedSpans: () => q.pinnedSpans.all(),
  };

  function syncStationRuns(stationId: string, now: number): void {
    const last = q.lastRun.get(stationId);
    const runs = q.runs.all({ station: stationId, since: last?.start_time ?? -Number.MAX_SAFE_INTEGER, gap: RUN_GAP_MS });
    for (const run of runs) {
      if (last && run.start === last.start_time) {
        q.extend.run(run.end, last.id, run.end);
        continue;
      }
      q.insert.run({
        id: newSessionId(stationId, run.start), stationId, name: `Run ${new Date(run.start).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        kind: 'run', from: run.start, to: run.end, pinned: 0, note: null, importedFrom: null, importedAt: null, createdAt: now,
      });
    }
  }
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
