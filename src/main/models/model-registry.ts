/**
 * The analyst's view of models: what is deployed (in the database), what the
 * analyst wants running (status), and what is actually running (the inference service).
 *
 * Deployed packages are copied into the data folder, so a model keeps working
 * (and stays auditable) even when its original folder is gone.
 */
import { cp, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelInfo } from '../../shared/domain.ts';
import { AppError, toAppError } from '../../shared/errors.ts';
import type { ModelManifest } from '../../shared/model-manifest.ts';
import type { Logger } from '../app/logger.ts';
import { loadModelPackage, type ModelPackage } from '../inference/model-package.ts';
import type { InferenceService } from '../inference/inference-service.ts';
import type { ModelRecord, ModelsRepo } from '../storage/models-repo.ts';

export interface ModelRegistryOptions {
  repo: ModelsRepo;
  inference: InferenceService;
  modelsDir: string;
  logger: Logger;
  actor: () => string;
  onChange: () => void;
}

export class ModelRegistry {
  readonly #o: ModelRegistryOptions;

  constructor(options: ModelRegistryOptions) {
    this.#o = options;
  }

  /** Deploys every package under `dir` not yet in the registry (first start: the bundled set). */
  async deployBundled(dir: string): Promise<void> {
    const entries = await readdir(dir).catch(() => [] as string[]);
    for (const name of entries) {
      const path = join(dir, name);
      if (!(await stat(path)).isDirectory()) continue;
      try {
        const pkg = await loadModelPackage(path);
        if (!this.#o.repo.get(pkg.manifest.id, pkg.manifest.version)) await this.deploy(pkg, 'active');
      } catch (err) {
        this.#o.logger.error(`bundled model ${name} refused`, { reason: toAppError(err).message });
      }
    }
  }

  /** Copies a validated package into the data folder and records it. */
  async deploy(pkg: ModelPackage, status: 'active' | 'inactive'): Promise<ModelRecord> {
    const { id, version } = pkg.manifest;
    if (this.#o.repo.get(id, version)) throw new AppError('CONFLICT', `model ${id} ${version} is already deployed`);
    const target = join(this.#o.modelsDir, id, version);
    await cp(pkg.dir, target, { recursive: true });
    this.#o.repo.insert({ manifest: pkg.manifest, dir: target, onnxSha256: pkg.onnxSha256, status, actor: this.#o.actor() });
    return this.#o.repo.get(id, version)!;
  }

  /** Starts every model the analyst left active; a failing one is marked failed, the others run. */
  async startActive(): Promise<void> {
    const active = this.#o.repo.list().filter((m) => m.status === 'active');
    await Promise.all(active.map((m) => this.#start(m)));
    this.#o.onChange();
  }

  async setActive(id: string, version: string, active: boolean): Promise<ModelInfo> {
    const record = this.#o.repo.get(id, version);
    if (!record) throw new AppError('NOT_FOUND', `no model ${id} ${version}`);
    if (record.status === 'retired') throw new AppError('CONFLICT', `model ${id} ${version} is retired`);
    this.#o.repo.setStatus(id, version, active ? 'active' : 'inactive', this.#o.actor());
    if (active) await this.#start(this.#o.repo.get(id, version)!);
    else await this.#o.inference.deactivate(id, version);
    this.#o.onChange();
    return this.info().find((m) => m.id === id && m.version === version)!;
  }

  /** Manifests of the models that are running now. */
  runningManifests(): ModelManifest[] {
    const running = new Set(this.#o.inference.list().filter((r) => r.state === 'ready').map((r) => `${r.id}@${r.version}`));
    return this.#o.repo.list().filter((m) => m.status === 'active' && running.has(`${m.id}@${m.version}`)).map((m) => m.manifest);
  }

  info(): ModelInfo[] {
    const runtime = new Map(this.#o.inference.list().map((r) => [`${r.id}@${r.version}`, r]));
    return this.#o.repo.list().map((m) => {
      const r = runtime.get(`${m.id}@${m.version}`);
      const failed = m.status === 'active' && (r?.state === 'failed' || (!r && m.failure !== undefined));
      return {
        id: m.id, version: m.version, name: m.manifest.name, author: m.manifest.author, task: m.manifest.task,
        status: failed ? 'failed' : m.status, uncertainty: m.manifest.uncertainty.method,
        channels: m.manifest.input.channels.length, sampleRate: m.manifest.input.sampleRate,
        segmentSeconds: m.manifest.input.segmentSeconds, classes: m.manifest.classes.map((c) => c.classId),
        failure: r?.failure ?? m.failure, latencyMs: r?.latencyMsP50, deployedAt: m.deployedAt,
      };
    });
  }

  async #start(m: ModelRecord): Promise<void> {
    try {
      await this.#o.inference.activate(await loadModelPackage(m.dir));
    } catch (err) {
      const reason = toAppError(err).message;
      this.#o.logger.error(`model ${m.id} ${m.version} failed to start`, { reason });
      this.#o.repo.setStatus(m.id, m.version, 'active', 'system', reason);
    }
  }
}
