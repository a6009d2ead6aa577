/**
 * The analyst's view of models: what is deployed (in the database), what the analyst wants
 * running (status), and what is actually running (the inference service).
 *
 * Deployed packages are copied into the data folder, so a model keeps working (and stays
 * auditable) even when its original folder is gone. Several versions of one model may run side by
 * side (to compare a new version with the old one on the same stream); `only` activates one
 * version and deactivates the others. Every action is recorded in the audit trail with the analyst.
 */
import { cp, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ModelInfo } from '../../shared/domain.ts';
import { AppError, toAppError } from '../../shared/errors.ts';
import type { ModelManifest } from '../../shared/model-manifest.ts';
import type { DeployResult, ModelEvent } from '../../shared/models.ts';
import type { Logger } from '../app/logger.ts';
import type { InferenceService } from '../inference/inference-service.ts';
import { loadModelPackage, type ModelPackage } from '../inference/model-package.ts';
import type { ModelEventsRepo } from '../storage/model-events-repo.ts';
import type { ModelRecord, ModelsRepo } from '../storage/models-repo.ts';
import { validatePackage, type ValidationOptions } from './deploy-validation.ts';
import { toModelInfo } from './model-info.ts';
import { stagePackage, type PackageSource } from './package-staging.ts';
import { RuntimeWatch } from './runtime-watch.ts';

export interface ModelRegistryOptions {
  repo: ModelsRepo;
  events: ModelEventsRepo;
  inference: InferenceService;
  modelsDir: string;
  logger: Logger;
  /** The analyst name recorded with every action. */
  actor: () => string;
  onChange: () => void;
  validation?: ValidationOptions;
}

export interface DeployOptions {
  /** Start it live right away (default true). */
  activate?: boolean;
}

const key = (id: string, version: string) => `${id}@${version}`;

export class ModelRegistry {
  readonly #o: ModelRegistryOptions;
  /** Why an active model could not be started, until the analyst activates it again. */
  readonly #startFailures = new Map<string, string>();
  /** Models kept running for a backfill although not active; counted per holder. */
  readonly #held = new Map<string, number>();
  readonly #watch: RuntimeWatch;

  constructor(options: ModelRegistryOptions) {
    this.#o = options;
    this.#watch = new RuntimeWatch({
      inference: options.inference, events: options.events, repo: options.repo, logger: options.logger,
      onChange: options.onChange, reconcile: () => this.reconcile(),
    });
  }

  /** Watches runtime failures and changes made by other processes (the CLI) on the same database. */
  startWatching(pollMs = 1000): void {
    this.#watch.start(pollMs);
  }

  stopWatching(): void {
    this.#watch.stop();
  }

  /** Deploys every package under `dir` not yet in the registry (first start: the bundled set). */
  async deployBundled(dir: string): Promise<void> {
    const entries = await readdir(dir).catch(() => [] as string[]);
    for (const name of entries) {
      const path = join(dir, name);
      if (!(await stat(path)).isDirectory()) continue;
      try {
        const pkg = await loadModelPackage(path);
        if (!this.#o.repo.get(pkg.manifest.id, pkg.manifest.version)) await this.#recordBundled(pkg, 'active', `bundled ${name}`);
      } catch (err) {
        this.#o.logger.error(`bundled model ${name} refused`, { reason: toAppError(err).message });
      }
    }
  }

  /**
   * Validates and deploys a package from a folder, a zip or uploaded zip bytes. Throws the precise
   * reason (MODEL_INVALID, MODEL_FAILED, MODEL_TIMEOUT, CONFLICT) and records the refusal.
   */
  async deploy(source: PackageSource, options: DeployOptions = {}): Promise<DeployResult> {
    const staged = await stagePackage(source, join(this.#o.modelsDir, '.staging')).catch((err: unknown) => {
      throw this.#refused(err, undefined, source);
    });
    try {
      const { pkg, report } = await validatePackage(staged.dir, (id, v) => this.#o.repo.get(id, v), {
        logger: this.#o.logger, ...this.#o.validation,
      }).catch(async (err: unknown) => {
        throw this.#refused(err, await manifestIds(staged.dir), source);
      });
      const target = join(this.#o.modelsDir, pkg.manifest.id, pkg.manifest.version);
      await rm(target, { recursive: true, force: true }); // leftovers of a deploy interrupted before it was recorded
      await mkdir(join(this.#o.modelsDir, pkg.manifest.id), { recursive: true });
      await rename(staged.dir, target);
      const status = options.activate === false ? 'inactive' : 'active';
      const fullReport = { ...report, source: staged.origin };
      this.#o.repo.insert({
        manifest: pkg.manifest, dir: target, onnxSha256: pkg.onnxSha256, onnxBytes: pkg.onnxBytes, status,
        actor: this.#o.actor(), source: staged.origin, validation: fullReport,
        detail: `${staged.origin}; sha256 ${pkg.onnxSha256.slice(0, 12)}; reference ${Math.round(report.referenceMs)} ms`,
      });
      if (status === 'active') await this.#start(this.#o.repo.get(pkg.manifest.id, pkg.manifest.version)!);
      this.#o.onChange();
      return { model: this.#info(pkg.manifest.id, pkg.manifest.version), report: fullReport };
    } finally {
      await staged.cleanup();
    }
  }

  /** Starts every model the analyst left active; a failing one is marked failed, the others run. */
  async startActive(): Promise<void> {
    const active = this.#o.repo.list().filter((m) => m.status === 'active');
    await Promise.all(active.map((m) => this.#start(m)));
    this.#o.onChange();
  }

  /** Activates or deactivates one version; `only` also deactivates the other versions of the id. */
  async setActive(id: string, version: string, active: boolean, only = false): Promise<ModelInfo> {
    const record = this.#require(id, version);
    if (record.status === 'retired') throw new AppError('CONFLICT', `model ${id} ${version} is retired; deploy a new version instead`);
    if (active && only) {
      for (const other of this.#o.repo.list().filter((m) => m.id === id && m.version !== version && m.status === 'active')) {
        await this.setActive(id, other.version, false);
      }
    }
    const wasActive = record.status === 'active';
    if (active !== wasActive || (active && this.#startFailures.has(key(id, version)))) {
      this.#o.repo.setStatus(id, version, active ? 'active' : 'inactive', this.#o.actor());
    }
    this.#startFailures.delete(key(id, version));
    if (active) await this.#start(this.#o.repo.get(id, version)!);
    else if (!this.#held.has(key(id, version))) await this.#o.inference.deactivate(id, version);
    this.#o.onChange();
    return this.#info(id, version);
  }

  /** Retires a version for good: it stops, cannot be activated again, and stays in the audit trail. */
  async retire(id: string, version: string): Promise<ModelInfo> {
    const record = this.#require(id, version);
    if (record.status === 'retired') throw new AppError('CONFLICT', `model ${id} ${version} is already retired`);
    this.#o.repo.setStatus(id, version, 'retired', this.#o.actor());
    this.#startFailures.delete(key(id, version));
    await this.#o.inference.deactivate(id, version);
    this.#o.onChange();
    return this.#info(id, version);
  }

  /** Resolves "the" version of an id for CLI commands: the given one, else the newest that fits. */
  resolveVersion(id: string, version: string | undefined, want: (m: ModelRecord) => boolean = (m) => m.status !== 'retired'): string {
    const versions = this.#o.repo.list().filter((m) => m.id === id);
    if (!versions.length) throw new AppError('NOT_FOUND', `no deployed model "${id}"`);
    if (version !== undefined) return this.#require(id, version).version;
    const fitting = versions.filter(want).sort((a, b) => a.deployedAt - b.deployedAt);
    if (!fitting.length) throw new AppError('NOT_FOUND', `model "${id}" has no version that fits; pass --version`);
    return fitting.at(-1)!.version;
  }

  history(filter: { id?: string; version?: string; limit?: number } = {}): ModelEvent[] {
    return this.#o.events.history({ ...filter, limit: filter.limit ?? 200 });
  }

  /** Manifests of the active models that are running now (what live stations feed). */
  runningManifests(): ModelManifest[] {
    const running = new Set(this.#o.inference.list().filter((r) => r.state === 'ready').map((r) => key(r.id, r.version)));
    return this.#o.repo.list().filter((m) => m.status === 'active' && running.has(key(m.id, m.version))).map((m) => m.manifest);
  }

  info(): ModelInfo[] {
    const runtime = new Map(this.#o.inference.list().map((r) => [key(r.id, r.version), r]));
    return this.#o.repo.list().map((m) => toModelInfo(m, runtime.get(key(m.id, m.version)), this.#startFailures.get(key(m.id, m.version))));
  }

  /** The record of a deployed version (NOT_FOUND otherwise). */
  record(id: string, version: string): ModelRecord {
    return this.#require(id, version);
  }

  /**
   * Keeps a model running for a backfill even if it is not active; returns the release function.
   * A model that is not active is stopped again when its last holder releases it.
   */
  async hold(id: string, version: string): Promise<() => Promise<void>> {
    const k = key(id, version);
    const record = this.#require(id, version);
    this.#held.set(k, (this.#held.get(k) ?? 0) + 1);
    try {
      await this.#o.inference.activate(await loadModelPackage(record.dir));
    } catch (err) {
      await this.#release(k, record);
      throw err;
    }
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      await this.#release(k, record);
    };
  }

  /** Brings the running set in line with the database (another process may have changed it). */
  async reconcile(): Promise<void> {
    const records = new Map(this.#o.repo.list().map((m) => [key(m.id, m.version), m]));
    const running = new Set(this.#o.inference.list().map((r) => key(r.id, r.version)));
    for (const [k, m] of records) {
      if (m.status === 'active' && !running.has(k) && !this.#startFailures.has(k)) await this.#start(m);
    }
    for (const k of running) {
      const m = records.get(k);
      if ((!m || m.status !== 'active') && !this.#held.has(k) && m) await this.#o.inference.deactivate(m.id, m.version);
    }
  }

  async #release(k: string, record: ModelRecord): Promise<void> {
    const count = (this.#held.get(k) ?? 1) - 1;
    if (count > 0) return void this.#held.set(k, count);
    this.#held.delete(k);
    if (this.#o.repo.get(record.id, record.version)?.status !== 'active') await this.#o.inference.deactivate(record.id, record.version);
  }

  #require(id: string, version: string): ModelRecord {
    const record = this.#o.repo.get(id, version);
    if (!record) throw new AppError('NOT_FOUND', `no model ${id} version ${version}`);
    return record;
  }

  #info(id: string, version: string): ModelInfo {
    return this.info().find((m) => m.id === id && m.version === version)!;
  }

  /** Copies a package into the data folder and records it (bundled packages: trusted, not dry-run). */
  async #recordBundled(pkg: ModelPackage, status: 'active' | 'inactive', source: string): Promise<void> {
    const { id, version } = pkg.manifest;
    const target = join(this.#o.modelsDir, id, version);
    await cp(pkg.dir, target, { recursive: true });
    this.#o.repo.insert({
      manifest: pkg.manifest, dir: target, onnxSha256: pkg.onnxSha256, onnxBytes: pkg.onnxBytes, status, actor: 'system', source,
      detail: source,
    });
  }

  /** Records a refused deploy in the audit trail and returns the error to throw. */
  #refused(err: unknown, ids: { id: string; version: string } | undefined, source: PackageSource): AppError {
    const e = toAppError(err, 'MODEL_INVALID');
    const what = source.kind === 'path' ? resolve(source.path) : `upload ${source.fileName}`;
    this.#o.events.record({
      modelId: ids?.id ?? '(unknown)', modelVersion: ids?.version ?? '-', action: 'deploy-refused', actor: this.#o.actor(),
      detail: `${what}: ${e.message}`,
    });
    this.#o.logger.warn('deploy refused', { source: what, reason: e.message });
    return e;
  }

  async #start(m: ModelRecord): Promise<void> {
    const k = key(m.id, m.version);
    try {
      await this.#o.inference.activate(await loadModelPackage(m.dir));
      this.#startFailures.delete(k);
      if (m.failure !== undefined) this.#o.repo.setFailure(m.id, m.version, undefined);
    } catch (err) {
      const reason = toAppError(err).message;
      this.#o.logger.error(`model ${m.id} ${m.version} failed to start`, { reason });
      this.#startFailures.set(k, reason);
      this.#o.repo.setFailure(m.id, m.version, reason);
      this.#o.events.record({ modelId: m.id, modelVersion: m.version, action: 'failed', actor: 'system', detail: reason });
    }
  }
}

/** id and version from a staged model.json, when it is readable enough to say (for the audit trail). */
async function manifestIds(dir: string): Promise<{ id: string; version: string } | undefined> {
  try {
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { id?: unknown; version?: unknown };
    if (typeof json.id === 'string' && typeof json.version === 'string') return { id: json.id.slice(0, 64), version: json.version.slice(0, 64) };
  } catch {
    // unreadable manifests are reported by validation itself
  }
  return undefined;
}
