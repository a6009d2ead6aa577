/** Segments: the analysis windows of a station's stream, with absolute UTC times. */
import type { Db } from './database.ts';

export interface NewSegment {
  stationId: string;
  recordingId?: number;
  startTime: number;
  endTime: number;
  sampleRate: number;
  padded: boolean;
}

export function createSegmentsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO segments (station_id, recording_id, start_time, end_time, sample_rate, padded)
    VALUES (@stationId, @recordingId, @startTime, @endTime, @sampleRate, @padded)
    ON CONFLICT (station_id, start_time, end_time) DO NOTHING`);
  const find = db.prepare<[string, number, number], number>(
    'SELECT id FROM segments WHERE station_id = ? AND start_time = ? AND end_time = ?',
  );
  const insertGap = db.prepare(
    'INSERT OR IGNORE INTO gaps (station_id, start_time, end_time) VALUES (?, ?, ?)',
  );
  const count = db.prepare<[string], number>('SELECT count(*) FROM segments WHERE station_id = ?');

  return {
    /** Inserts a segment (or finds the existing identical one) and returns its id. */
    ensure(s: NewSegment): number {
      insert.run({ ...s, recordingId: s.recordingId ?? null, padded: s.padded ? 1 : 0 });
      return find.pluck().get(s.stationId, s.startTime, s.endTime) as number;
    },
    recordGap(stationId: string, startTime: number, endTime: number): void {
      insertGap.run(stationId, startTime, endTime);
    },
    count(stationId: string): number {
      return count.pluck().get(stationId) as number;
    },
  };
}
export type SegmentsRepo = ReturnType<typeof createSegmentsRepo>;
