/**
 * Sessions (issue 8): a station and a time range kept together for review and exchange — a live run
 * (found in the segments), a span the analyst chose, or one imported from a `.aiwsession` file.
 * A pinned session's audio, tiles and AIS are kept from cache clean-up (retention checks this table).
 */
export const sql = `
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('run', 'span', 'imported')),
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  pinned INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  imported_from TEXT,
  imported_at INTEGER,
  created_at INTEGER NOT NULL,
  CHECK (end_time > start_time)
);
CREATE INDEX sessions_station_time ON sessions (station_id, start_time);
CREATE INDEX sessions_pinned ON sessions (station_id, start_time, end_time) WHERE pinned = 1;
`;
