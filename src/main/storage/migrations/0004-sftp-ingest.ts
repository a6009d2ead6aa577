/**
 * SFTP ingest (issue 5): what was seen on each remote station and where every file is in
 * its life (seen → ready → downloading → done, or failed / gone), listed folders (so an
 * unchanged archive is not listed again), pinned host keys, and analysis marks on recordings.
 */
export const sql = `
CREATE TABLE remote_files (
  id INTEGER PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime INTEGER NOT NULL,
  start_time INTEGER,
  first_seen INTEGER NOT NULL,
  unchanged_polls INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('seen', 'ready', 'downloading', 'done', 'failed', 'gone')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  local_path TEXT,
  recording_id INTEGER REFERENCES recordings(id) ON DELETE SET NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (station_id, path)
);
CREATE INDEX remote_files_state ON remote_files (station_id, state, start_time);

CREATE TABLE remote_dirs (
  station_id TEXT NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  mtime INTEGER NOT NULL,
  listed_at INTEGER NOT NULL,
  PRIMARY KEY (station_id, path)
);

CREATE TABLE host_keys (
  station_id TEXT NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  host TEXT NOT NULL,
  port INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  key_type TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('trusted', 'offered')),
  seen_at INTEGER NOT NULL,
  trusted_at INTEGER,
  trusted_by TEXT,
  PRIMARY KEY (station_id, host, port, fingerprint)
);

ALTER TABLE recordings ADD COLUMN analyzed_at INTEGER;
ALTER TABLE recordings ADD COLUMN evicted_at INTEGER;
CREATE INDEX recordings_station_status ON recordings (station_id, status, start_time);
`;
