/**
 * Test support: a real registry (SQLite file, model host processes) in a temporary data folder,
 * and helpers to make package variants (another id or version, a tampered manifest).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/main/app/logger.ts';
import { InferenceService } from '../../src/main/inference/inference-service.ts';
import { openDatabase, type Db } from '../../src/main/storage/database.ts';
import { createRepositories, type Repositories } from '../../src/main/storage/repositories.ts';
import { ModelRegistry } from '../../src/main/models/model-registry.ts';

export interface TestRegistry {
  dir: string;
  db: Db;
  repos: Repositories;
  inference: InferenceService;
  registry: ModelRegistry;
  changes: () => number;
  close(): Promise<void>;
}

/** A registry over a fresh data folder; the analyst is "tester". */
export function testRegistry(options: { runTimeoutMs?: number; maxOnnxBytes?: number } = {}): TestRegistry {
  const dir = mkdtempSync(join(tmpdir(), 'aiw-registry-'));
  const db = openDatabase(join(dir, 'aiw.db'));
  const repos = createRepositories(db);
  const inference = new InferenceService({ timeoutMs: 5000 });
  let changes = 0;
  const registry = new ModelRegistry({
    repo: repos.models, events: repos.modelEvents, inference, modelsDir: join(dir, 'models'), logger: silentLogger,
    actor: () => 'tester', onChange: () => changes++,
    validation: { runTimeoutMs: options.runTimeoutMs ?? 5000, ...(options.maxOnnxBytes ? { maxOnnxBytes: options.maxOnnxBytes } : {}) },
  });
  return {
    dir, db, repos, inference, registry, changes: () => changes,
    async close() {
      registry.stopWatching();
      await inference.stop();
      db.close();
    },
  };
}

/** Copies a package folder, rewriting fields of its model.json (e.g. another id or version). */
export function packageVariant(source: string, patch: (manifest: Record<string, unknown>) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'aiw-pkg-')), 'pkg');
  cpSync(source, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
  patch(manifest);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
