/**
 * AIS sources as the Settings UI manages them: the sources of the `--config` file (read-only in the
 * app) and the ones added in the app (kept in the settings table), and their API keys. Keys go to the
 * SecretStore under the source's `apiKeySecret` and are never returned: the UI only learns whether a
 * key is there (secret store or environment variable).
 */
import { API_KEY_ENV, aisSourceConfigSchema, needsApiKey, type AisSourceConfig, type AisSourceEntry } from '../../shared/ais-sources.ts';
import { AppError } from '../../shared/errors.ts';
import type { Logger } from '../app/logger.ts';
import type { SecretStore } from '../app/secrets.ts';
import type { SettingsRepo } from '../storage/settings-repo.ts';

const KEY = 'ais.appSources';

/** What the source settings need. */
export interface SourceConfigsDeps {
  settings: SettingsRepo | undefined;
  secrets: SecretStore | undefined;
  /** The sources of the --config file. */
  fileSources: readonly AisSourceConfig[];
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

/** The app's view of every configured AIS source. */
export class AisSourceConfigs {
  readonly #d: SourceConfigsDeps;

  constructor(deps: SourceConfigsDeps) {
    this.#d = deps;
  }

  /** The sources added in the app; an entry that no longer validates is skipped with an error in the log. */
  appSources(): AisSourceConfig[] {
    const raw = this.#d.settings?.get<unknown[]>(KEY, []) ?? [];
    return raw.flatMap((entry) => {
      const parsed = aisSourceConfigSchema.safeParse(entry);
      if (parsed.success && !this.#d.fileSources.some((f) => f.id === parsed.data.id)) return [parsed.data];
      this.#d.logger.error('a saved AIS source is invalid or shadowed by the config file and was skipped', { id: (entry as { id?: unknown }).id });
      return [];
    });
  }

  /** Every source to run: the config file's, then the app's. */
  all(): AisSourceConfig[] {
    return [...this.#d.fileSources, ...this.appSources()];
  }

  /** The source with this id, or NOT_FOUND. */
  get(id: string): { config: AisSourceConfig; origin: AisSourceEntry['origin'] } {
    const file = this.#d.fileSources.find((s) => s.id === id);
    if (file) return { config: file, origin: 'config' };
    const app = this.appSources().find((s) => s.id === id);
    if (app) return { config: app, origin: 'app' };
    throw new AppError('NOT_FOUND', `no AIS source "${id}"`);
  }

  /** Every source with its origin and API key state. */
  async entries(): Promise<AisSourceEntry[]> {
    const file = this.#d.fileSources.map((config) => this.entry(config, 'config'));
    const app = this.appSources().map((config) => this.entry(config, 'app'));
    return Promise.all([...file, ...app]);
  }

  /** One source as the UI sees it. */
  async entry(config: AisSourceConfig, origin: AisSourceEntry['origin']): Promise<AisSourceEntry> {
    if (!needsApiKey(config)) return { config, origin };
    const env = API_KEY_ENV[config.kind];
    // A store that cannot be read (e.g. a world-readable file) counts as "no key"; starting the source reports why.
    const stored = await this.#d.secrets?.get(config.apiKeySecret).catch(() => undefined);
    const state = stored ? 'store' : (this.#d.env ?? process.env)[env] ? 'env' : 'missing';
    return { config, origin, apiKey: { state, env } };
  }

  /** Adds or replaces a source defined in the app (a config-file source cannot be changed here). */
  saveAppSource(config: AisSourceConfig): void {
    if (this.#d.settings === undefined) throw new AppError('CONFIG_INVALID', 'AIS sources cannot be saved without a database');
    if (this.#d.fileSources.some((s) => s.id === config.id)) {
      throw new AppError('CONFLICT', `AIS source "${config.id}" is defined in the --config file; change it there`);
    }
    const others = this.appSources().filter((s) => s.id !== config.id);
    this.#d.settings.set(KEY, [...others, config]);
  }

  /** Removes a source defined in the app. */
  deleteAppSource(id: string): void {
    const { origin } = this.get(id);
    if (origin === 'config') throw new AppError('CONFLICT', `AIS source "${id}" is defined in the --config file; remove it there`);
    this.#d.settings?.set(KEY, this.appSources().filter((s) => s.id !== id));
  }

  /** Stores (or with null removes) the API key of a source that needs one. */
  async setApiKey(config: AisSourceConfig, key: string | null): Promise<void> {
    if (!needsApiKey(config)) throw new AppError('BAD_REQUEST', `AIS source "${config.id}" (${config.kind}) takes no API key`);
    const store = this.#d.secrets;
    if (store === undefined) {
      throw new AppError('CONFIG_INVALID', `this workstation has no secret store; set ${API_KEY_ENV[config.kind]} in the environment instead`);
    }
    if (key === null) await store.delete(config.apiKeySecret);
    else await store.set(config.apiKeySecret, key);
  }
}
