/**
 * Remote stations added in the app (Stations page), kept in the settings table beside the
 * ones of the --config file. Their secrets go to the SecretStore (desktop: safeStorage), never
 * into the settings: the stored config only names them.
 */
import { AppError } from '../../shared/errors.ts';
import { remoteStationConfigSchema, type RemoteStationConfig, type StationAuth } from '../../shared/station-config.ts';
import type { Logger } from '../app/logger.ts';
import type { SecretStore } from '../app/secrets.ts';
import type { SettingsRepo } from '../storage/settings-repo.ts';

const KEY = 'ingest.remoteStations';

export const secretName = (stationId: string, what: 'password' | 'passphrase') => `station:${stationId}:${what}`;

/** The app-defined stations; an entry that no longer validates is skipped with an error in the log. */
export function loadAppStations(settings: SettingsRepo, logger: Logger): RemoteStationConfig[] {
  const raw = settings.get<unknown[]>(KEY, []);
  return raw.flatMap((entry) => {
    const parsed = remoteStationConfigSchema.safeParse(entry);
    if (parsed.success) return [parsed.data];
    logger.error('a saved remote station is invalid and was skipped', { id: (entry as { id?: unknown }).id });
    return [];
  });
}

export function saveAppStations(settings: SettingsRepo, stations: readonly RemoteStationConfig[]): void {
  settings.set(KEY, stations);
}

/** Stores typed-in secrets in the SecretStore and points the auth config at them. */
export async function storeSecrets(
  config: RemoteStationConfig, values: { password?: string; passphrase?: string }, store: SecretStore | undefined,
): Promise<RemoteStationConfig> {
  const wanted = (config.auth.method === 'password' && values.password) || (config.auth.method === 'key' && values.passphrase);
  if (!wanted) return config;
  if (!store) {
    throw new AppError('CONFIG_INVALID', 'this workstation has no secret store (headless mode): give the secret as an "env" or "file" reference instead');
  }
  let auth: StationAuth = config.auth;
  if (auth.method === 'password' && values.password) {
    await store.set(secretName(config.id, 'password'), values.password);
    auth = { method: 'password', password: { store: secretName(config.id, 'password') } };
  } else if (auth.method === 'key' && values.passphrase) {
    await store.set(secretName(config.id, 'passphrase'), values.passphrase);
    auth = { ...auth, passphrase: { store: secretName(config.id, 'passphrase') } };
  }
  return { ...config, auth };
}

/** Whether every store-held secret the config names is present (false when the store lacks one). */
export async function secretsPresent(config: RemoteStationConfig, store: SecretStore | undefined): Promise<boolean> {
  const a = config.auth;
  const ref = a.method === 'password' ? a.password : a.method === 'key' ? a.passphrase : undefined;
  if (!ref || !('store' in ref)) return true;
  return store ? (await store.get(ref.store).catch(() => undefined)) !== undefined : false;
}

export async function deleteSecrets(stationId: string, store: SecretStore | undefined): Promise<void> {
  if (!store) return;
  for (const what of ['password', 'passphrase'] as const) await store.delete(secretName(stationId, what)).catch(() => undefined);
}
