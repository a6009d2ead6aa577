/**
 * AIS ingest (issue 6): full static data per vessel, and a per-minute track table.
 *
 * `ais_track_minutes` keeps the first accepted fix of every vessel in every UTC minute. It answers
 * "which vessels were reporting between t0 and t1" with an index range scan and draws long tracks
 * (24 h × 2,000 vessels) without reading every raw fix. It is filled by the ingest alongside
 * `ais_positions`, and backfilled here from positions stored before this migration.
 */
export const sql = `
ALTER TABLE vessels ADD COLUMN to_bow INTEGER;
ALTER TABLE vessels ADD COLUMN to_stern INTEGER;
ALTER TABLE vessels ADD COLUMN to_port INTEGER;
ALTER TABLE vessels ADD COLUMN to_starboard INTEGER;
ALTER TABLE vessels ADD COLUMN draught_m REAL;
ALTER TABLE vessels ADD COLUMN eta TEXT;
ALTER TABLE vessels ADD COLUMN transponder TEXT;
ALTER TABLE vessels ADD COLUMN source TEXT;

CREATE INDEX vessel_static_history_mmsi_at ON vessel_static_history (mmsi, at);

CREATE TABLE ais_track_minutes (
  mmsi INTEGER NOT NULL,
  minute INTEGER NOT NULL,
  time INTEGER NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  PRIMARY KEY (mmsi, minute)
) WITHOUT ROWID;
CREATE INDEX ais_track_minutes_minute ON ais_track_minutes (minute, mmsi);

INSERT OR IGNORE INTO ais_track_minutes (mmsi, minute, time, lat, lon)
  SELECT mmsi, time / 60000, time, lat, lon FROM ais_positions ORDER BY time;
`;
