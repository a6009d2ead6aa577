/**
 * Issue 7 follow-ups: the deadweight (tonnes) that some text-type AIS sources carry beside their text
 * designation (`vessels.designation`, added by 0006), for the Classes page; and the metrics store
 * (src/main/metrics/metrics-store.ts): per model version and UTC hour its packed predictions, per
 * scoring context and hour the additive counts and row evaluations, per hour and station the labelled
 * segments, and the cursors of what has been folded in — so a Metrics request sums small rows, cold or
 * warm. An index on segment start time lets the store read one hour of segments of every station.
 */
export const sql = `
ALTER TABLE vessels ADD COLUMN deadweight_t REAL;

CREATE INDEX segments_start ON segments (start_time);

CREATE TABLE metrics_cursors (name TEXT PRIMARY KEY, value INTEGER NOT NULL);

CREATE TABLE metrics_models (
  model TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  classes TEXT NOT NULL
);

CREATE TABLE metrics_model_hours (
  model TEXT NOT NULL,
  hour INTEGER NOT NULL,
  rows BLOB,
  stations TEXT,
  PRIMARY KEY (model, hour)
) WITHOUT ROWID;

CREATE TABLE metrics_hours (
  ctx TEXT NOT NULL,
  hour INTEGER NOT NULL,
  counts BLOB NOT NULL,
  evals BLOB NOT NULL,
  PRIMARY KEY (ctx, hour)
);
CREATE INDEX metrics_hours_hour ON metrics_hours (hour);

CREATE TABLE metrics_label_hours (
  hour INTEGER NOT NULL,
  station_id TEXT NOT NULL,
  labelled INTEGER NOT NULL,
  final INTEGER NOT NULL,
  PRIMARY KEY (hour, station_id)
) WITHOUT ROWID;
`;
