/**
 * Model registry (issue 4): deploy provenance and validation report per model version, an audit
 * trail that also keeps refused deploys (so it no longer references `models`), per-class MC variance
 * and multi-label entropies on predictions, and where a prediction came from (live or backfill).
 */
export const sql = `
ALTER TABLE models ADD COLUMN onnx_bytes INTEGER;
ALTER TABLE models ADD COLUMN source TEXT;
ALTER TABLE models ADD COLUMN validation TEXT;
ALTER TABLE models ADD COLUMN retired_at INTEGER;

CREATE TABLE model_events_new (
  id INTEGER PRIMARY KEY,
  model_id TEXT NOT NULL,
  model_version TEXT NOT NULL,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  detail TEXT
);
INSERT INTO model_events_new (id, model_id, model_version, action, actor, at, detail)
  SELECT id, model_id, model_version,
    CASE action WHEN 'active' THEN 'activated' WHEN 'inactive' THEN 'deactivated' ELSE action END,
    actor, at, detail
  FROM model_events;
DROP TABLE model_events;
ALTER TABLE model_events_new RENAME TO model_events;
CREATE INDEX model_events_model ON model_events (model_id, model_version, at);
CREATE INDEX model_events_at ON model_events (at);

ALTER TABLE predictions ADD COLUMN variance TEXT;
ALTER TABLE predictions ADD COLUMN label_entropy TEXT;
ALTER TABLE predictions ADD COLUMN source TEXT NOT NULL DEFAULT 'live' CHECK (source IN ('live', 'backfill'));
`;
