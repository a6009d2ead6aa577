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
  };
}

export function createModelsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO models (id, version, name, author, task, manifest, onnx_sha256, dir, status, deployed_at, deployed_by)
    VALUES (@id, @version, @name, @author, @task, @manifest, @sha, @dir, @status, @at, @actor)`);
  const get = db.prepare<[string, string], ModelRow>('SELECT * FROM models WHERE id = ? AND version = ?');
  const all = db.prepare<[], ModelRow>('SELECT * FROM models ORDER BY id, deployed_at');
  const setStatus = db.prepare('UPDATE models SET status = ?, failure = ? WHERE id = ? AND version = ?');
  const event = db.prepare(
    'INSERT INTO model_events (model_id, model_version, action, actor, at, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );

  return {
    insert(m: { manifest: ModelManifest; dir: string; onnxSha256: string; status: ModelStatus; actor: string }): void {
      const { manifest } = m;
      db.transaction(() => {
        insert.run({
          id: manifest.id, version: manifest.version, name: manifest.name, author: manifest.author,
          task: manifest.task, manifest: JSON.stringify(manifest), sha: m.onnxSha256, dir: m.dir,
          status: m.status, at: Date.now(), actor: m.actor,
        });
        event.run(manifest.id, manifest.version, 'deployed', m.actor, Date.now(), null);
      })();
    },
    get(id: string, version: string): ModelRecord | undefined {
      const row = get.get(id, version);
      return row ? fromRow(row) : undefined;
    },
    list(): ModelRecord[] {
      return all.all().map(fromRow);
    },
    /** Changes a model's status and records the change in the audit trail. */
    setStatus(id: string, version: string, status: ModelStatus, actor: string, failure?: string): void {
      db.transaction(() => {
        setStatus.run(status, failure ?? null, id, version);
        event.run(id, version, status, actor, Date.now(), failure ?? null);
      })();
    },
  };
}
export type ModelsRepo = ReturnType<typeof createModelsRepo>;
