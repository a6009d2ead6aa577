/**
 * Analyst verifications of segment labels: every confirmation or correction is kept (who, when, note);
 * the newest one of a segment is the one that counts.
 */
import type { Verdict, Verification } from '../../shared/labels.ts';
import type { Db } from '../storage/database.ts';

interface Row { id: number; segment_id: number; verdict: Verdict; classes: string; analyst: string; at: number; note: string | null }

function fromRow(r: Row): Verification {
  return {
    id: r.id, segmentId: r.segment_id, verdict: r.verdict, classes: JSON.parse(r.classes) as string[], analyst: r.analyst, at: r.at,
    ...(r.note === null ? {} : { note: r.note }),
  };
}

/** The newest verification per segment, as the SQL of a subquery over `verifications`. */
const LATEST = `SELECT v.* FROM verifications v WHERE v.id = (SELECT max(id) FROM verifications w WHERE w.segment_id = v.segment_id)`;

export function createVerificationsRepo(db: Db) {
  const q = {
    insert: db.prepare('INSERT INTO verifications (segment_id, verdict, classes, analyst, at, note) VALUES (?, ?, ?, ?, ?, ?)'),
    byId: db.prepare<[number], Row>('SELECT * FROM verifications WHERE id = ?'),
    history: db.prepare<[number], Row>('SELECT * FROM verifications WHERE segment_id = ? ORDER BY id DESC'),
    latestAll: db.prepare<[], Row>(LATEST),
    latestInRange: db.prepare<{ station: string | null; from: number; to: number }, Row>(`${LATEST}
      AND v.segment_id IN (SELECT id FROM segments WHERE start_time < @to AND end_time > @from AND (@station IS NULL OR station_id = @station))`),
    maxId: db.prepare<[], number | null>('SELECT max(id) FROM verifications').pluck(),
  };
  return {
    add(v: Omit<Verification, 'id'>): Verification {
      const info = q.insert.run(v.segmentId, v.verdict, JSON.stringify(v.classes), v.analyst, v.at, v.note ?? null);
      return fromRow(q.byId.get(Number(info.lastInsertRowid))!);
    },
    /** Every verification of a segment, newest first. */
    history: (segmentId: number): Verification[] => q.history.all(segmentId).map(fromRow),
    /** The newest verification of every segment (the one that counts). */
    latestAll: (): Verification[] => q.latestAll.all().map(fromRow),
    /** The newest verification of each segment overlapping [from, to) (of one station when given). */
    latestInRange: (from: number, to: number, stationId?: string): Verification[] =>
      q.latestInRange.all({ station: stationId ?? null, from, to }).map(fromRow),
    /** Changes whenever a verification is added (cache key). */
    stamp: (): number => q.maxId.get() ?? 0,
  };
}
export type VerificationsRepo = ReturnType<typeof createVerificationsRepo>;
