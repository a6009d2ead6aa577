/**
 * The model registry: every deployed model version, its status and an audit trail
 * of who deployed, activated or deactivated it and when.
 */
import type { Db } from './database.ts';
import type { ModelManifest } from '../../shared/model-manifest.ts';
import type { ModelStatus } from '../../shared/domain.ts';

export interface ModelRecord {
  id: string;
  version: string;
  manifest: ModelManifest;
  dir: string;
  onnxSha256: string;
  status: ModelStatus;
  failure?: string;
  deployedAt: number;
  deployedBy: string;
  /** Where the package came from (folder, zip or upload), as told at deploy time. */
  source?: string;
  /** The deploy validation report (JSON of DeployReport), for packages deployed with validation. */
  validation?: unknown;
  retiredAt?: number;
}

interface ModelRow {
  id: string;
  version: string;
  manifest: string;
  dir: string;
  onnx_sha256: string;
  status: ModelStatus;
  failure: string | null;
  deployed_at: number;
  deployed_by: string;
  source: string | null;
  validation: string | null;
  retired_at: number | null;
}

function fromRow(r: ModelRow): ModelRecord {
  return {
    id: r.id,
    version: r.version,
    manifest: JSON.parse(r.manifest) as ModelManifest,
    dir: r.dir,
    onnxSha256: r.onnx_sha256,
    status: r.status,
    failure: r.failure ?? undefined,
    deployedAt: r.deployed_at,
    deployedBy: r.deployed_by,
    source: r.source ?? undefined,
    validation: r.validation === null ? undefined : (JSON.parse(r.validation) as unknown),
    retiredAt: r.retired_at ?? undefined,
  };
}

const STATUS_ACTION: Record<ModelStatus, string> = {
  active: 'activated', inactive: 'deactivated', retired: 'retired', failed: 'failed',
};

export function createModelsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO models (id, version, name, author, task, manifest, onnx_sha256, onnx_bytes, dir, status, deployed_at,
      deployed_by, source, validation)
    VALUES (@id, @version, @name, @author, @task, @manifest, @sha, @bytes, @dir, @status, @at, @actor, @source, @validation)`);
  const get = db.prepare<[string, string], ModelRow>('SELECT * FROM models WHERE id = ? AND version = ?');
  const all = db.prepare<[], ModelRow>('SELECT * FROM models ORDER BY id, deployed_at');
  const setStatus = db.prepare(
    `UPDATE models SET status = ?, failure = ?, retired_at = CASE WHEN ? = 'retired' THEN ? ELSE retired_at END
     WHERE id = ? AND version = ?`,
  );
  const setFailure = db.prepare('UPDATE models SET failure = ? WHERE id = ? AND version = ?');
  const event = db.prepare(
    'INSERT INTO model_events (model_id, model_version, action, actor, at, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );

  return {
    insert(m: {
      manifest: ModelManifest; dir: string; onnxSha256: string; status: ModelStatus; actor: string;
      onnxBytes?: number; source?: string; validation?: unknown; detail?: string;
    }): void {
      const { manifest } = m;
      db.transaction(() => {
        insert.run({
          id: manifest.id, version: manifest.version, name: manifest.name, author: manifest.author,
          task: manifest.task, manifest: JSON.stringify(manifest), sha: m.onnxSha256, dir: m.dir,
          status: m.status, at: Date.now(), actor: m.actor, bytes: m.onnxBytes ?? null, source: m.source ?? null,
          validation: m.validation === undefined ? null : JSON.stringify(m.validation),
        });
        event.run(manifest.id, manifest.version, 'deployed', m.actor, Date.now(), m.detail ?? null);
      })();
    },
    get(id: string, version: string): ModelRecord | undefined {
      const row = get.get(id, version);
      return row ? fromRow(row) : undefined;
    },
    list(): ModelRecord[] {
      return all.all().map(fromRow);
    },
    /**
     * Changes a model's status (clearing its failure) and records `action` in the audit trail.
     * `action` defaults to the verb of the status (activated, deactivated, retired, failed).
     */
    setStatus(id: string, version: string, status: ModelStatus, actor: string, detail?: string, action?: string): void {
      const at = Date.now();
      db.transaction(() => {
        setStatus.run(status, status === 'failed' ? (detail ?? null) : null, status, at, id, version);
        event.run(id, version, action ?? STATUS_ACTION[status], actor, at, detail ?? null);
      })();
    },
    /** Remembers (or clears) why an active model is not running, without an audit entry. */
    setFailure(id: string, version: string, failure: string | undefined): void {
      setFailure.run(failure ?? null, id, version);
    },
  };
}
export type ModelsRepo = ReturnType<typeof createModelsRepo>;
