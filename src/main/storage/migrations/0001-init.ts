/** Initial schema: stations, recordings, segments, models, predictions, AIS, class mappings, labels, settings. */
export const sql = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE stations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('demo', 'sftp', 'files')),
  config TEXT NOT NULL DEFAULT '{}',
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  depth_m REAL,
  sample_rate INTEGER NOT NULL,
  channels INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE recordings (
  id INTEGER PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  bytes INTEGER,
  sha256 TEXT,
  start_time INTEGER,
  duration_ms INTEGER,
  sample_rate INTEGER,
  channels INTEGER,
  status TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'failed')),
  error TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (station_id, name)
);

CREATE TABLE segments (
  id INTEGER PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  recording_id INTEGER REFERENCES recordings(id) ON DELETE SET NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  sample_rate INTEGER NOT NULL,
  padded INTEGER NOT NULL DEFAULT 0,
  UNIQUE (station_id, start_time, end_time)
);
CREATE INDEX segments_station_time ON segments (station_id, start_time);

CREATE TABLE gaps (
  id INTEGER PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  UNIQUE (station_id, start_time)
);

CREATE TABLE models (
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  name TEXT NOT NULL,
  author TEXT NOT NULL,
  task TEXT NOT NULL,
  manifest TEXT NOT NULL,
  onnx_sha256 TEXT NOT NULL,
  dir TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'failed', 'retired')),
  failure TEXT,
  deployed_at INTEGER NOT NULL,
  deployed_by TEXT NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE model_events (
  id INTEGER PRIMARY KEY,
  model_id TEXT NOT NULL,
  model_version TEXT NOT NULL,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  detail TEXT,
  FOREIGN KEY (model_id, model_version) REFERENCES models(id, version) ON DELETE CASCADE
);

CREATE TABLE class_mappings (
  version INTEGER PRIMARY KEY,
  author TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

CREATE TABLE class_mapping_entries (
  version INTEGER NOT NULL REFERENCES class_mappings(version) ON DELETE CASCADE,
  designation TEXT NOT NULL,
  class_id TEXT NOT NULL,
  PRIMARY KEY (version, designation)
);

CREATE TABLE predictions (
  id INTEGER PRIMARY KEY,
  segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  model_id TEXT NOT NULL,
  model_version TEXT NOT NULL,
  mapping_version INTEGER REFERENCES class_mappings(version),
  classes TEXT NOT NULL,
  probs TEXT NOT NULL,
  predicted_class TEXT NOT NULL,
  entropy REAL NOT NULL,
  entropy_norm REAL NOT NULL,
  margin REAL NOT NULL,
  aleatoric REAL,
  epistemic REAL,
  passes INTEGER,
  latency_ms REAL NOT NULL,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (model_id, model_version) REFERENCES models(id, version),
  UNIQUE (segment_id, model_id, model_version)
);
CREATE INDEX predictions_model ON predictions (model_id, model_version, segment_id);

CREATE TABLE vessels (
  mmsi INTEGER PRIMARY KEY,
  name TEXT,
  callsign TEXT,
  imo INTEGER,
  ship_type INTEGER,
  length_m REAL,
  beam_m REAL,
  destination TEXT,
  updated_at INTEGER NOT NULL
);

CREATE TABLE vessel_static_history (
  id INTEGER PRIMARY KEY,
  mmsi INTEGER NOT NULL REFERENCES vessels(mmsi) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE ais_positions (
  id INTEGER PRIMARY KEY,
  mmsi INTEGER NOT NULL,
  time INTEGER NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  sog REAL,
  cog REAL,
  heading REAL,
  source TEXT NOT NULL
);
CREATE INDEX ais_positions_time ON ais_positions (time);
CREATE INDEX ais_positions_mmsi_time ON ais_positions (mmsi, time);

CREATE TABLE labels (
  segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  range_km REAL NOT NULL,
  mapping_version INTEGER NOT NULL REFERENCES class_mappings(version),
  status TEXT NOT NULL CHECK (status IN ('single', 'multi', 'background', 'ambiguous')),
  classes TEXT NOT NULL,
  vessels TEXT NOT NULL,
  final INTEGER NOT NULL DEFAULT 0,
  computed_at INTEGER NOT NULL,
  PRIMARY KEY (segment_id, range_km, mapping_version)
);

CREATE TABLE verifications (
  id INTEGER PRIMARY KEY,
  segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  verdict TEXT NOT NULL,
  classes TEXT NOT NULL,
  analyst TEXT NOT NULL,
  at INTEGER NOT NULL,
  note TEXT
);
`;
