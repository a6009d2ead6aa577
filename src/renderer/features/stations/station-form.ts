/**
 * The add/edit form of a remote station as flat text fields, and its conversion to and from the
 * shared config schema (validated here too, so mistakes show before anything is sent).
 */
import {
  remoteStationConfigSchema, type RemoteStationConfig, type RemoteStationConfigInput, type SecretRef,
} from '../../../shared/station-config.ts';

export interface StationForm {
  id: string;
  name: string;
  enabled: boolean;
  host: string;
  port: string;
  user: string;
  authMethod: 'key' | 'agent' | 'password';
  privateKeyPath: string;
  /** A secret typed in (stored in the secret store), or empty to keep the current reference. */
  secret: string;
  /** The reference a secret already has (env, file or store), shown but not editable here. */
  secretRef: SecretRef | undefined;
  hostKeyFingerprint: string;
  remoteRoot: string;
  include: string;
  timePattern: 'iso-basic' | 'ymd_hms' | 'mars';
  pollIntervalS: string;
  stableAfterS: string;
  lat: string;
  lon: string;
  depthM: string;
  channelLayout: string;
  parallel: string;
  bandwidthLimitKBps: string;
  order: 'oldest-first' | 'newest-first';
}

export const EMPTY_FORM: StationForm = {
  id: '', name: '', enabled: true, host: '', port: '22', user: '', authMethod: 'key', privateKeyPath: '', secret: '',
  secretRef: undefined, hostKeyFingerprint: '', remoteRoot: '/', include: '*.{wav,flac,WAV,FLAC}', timePattern: 'iso-basic',
  pollIntervalS: '60', stableAfterS: '600', lat: '', lon: '', depthM: '', channelLayout: 'pressure', parallel: '2',
  bandwidthLimitKBps: '0', order: 'oldest-first',
};

export function formFromConfig(c: RemoteStationConfig): StationForm {
  const secretRef = c.auth.method === 'password' ? c.auth.password : c.auth.method === 'key' ? c.auth.passphrase : undefined;
  return {
    ...EMPTY_FORM, id: c.id, name: c.name, enabled: c.enabled, host: c.host, port: String(c.port), user: c.user,
    authMethod: c.auth.method, privateKeyPath: c.auth.method === 'key' ? c.auth.privateKeyPath : '', secretRef,
    hostKeyFingerprint: c.hostKeyFingerprint ?? '', remoteRoot: c.remoteRoot, include: c.include,
    timePattern: typeof c.timePattern === 'string' ? c.timePattern : 'iso-basic', pollIntervalS: String(c.pollIntervalS),
    stableAfterS: String(c.stableAfterS), lat: String(c.lat), lon: String(c.lon), depthM: c.depthM === undefined ? '' : String(c.depthM),
    channelLayout: c.channelLayout.join(', '), parallel: String(c.transfer.parallel),
    bandwidthLimitKBps: String(c.transfer.bandwidthLimitBps / 1000), order: c.transfer.order,
  };
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

function authOf(f: StationForm): RemoteStationConfigInput['auth'] {
  if (f.authMethod === 'agent') return { method: 'agent' };
  // A typed-in secret is stored by the workstation under a name it chooses; the placeholder is replaced.
  const ref = f.secret ? { store: 'pending' } : f.secretRef;
  if (f.authMethod === 'password') return { method: 'password', password: ref ?? { store: 'missing' } };
  return { method: 'key', privateKeyPath: f.privateKeyPath, ...(ref ? { passphrase: ref } : {}) };
}

/** The config the form describes, or the first problems (field: message). */
export function configFromForm(f: StationForm): { ok: true; config: RemoteStationConfig } | { ok: false; errors: string[] } {
  const input = {
    id: f.id.trim(), name: f.name.trim(), enabled: f.enabled, host: f.host.trim(), port: num(f.port), user: f.user.trim(),
    auth: authOf(f), ...(f.hostKeyFingerprint.trim() ? { hostKeyFingerprint: f.hostKeyFingerprint.trim() } : {}),
    remoteRoot: f.remoteRoot.trim(), include: f.include.trim(), timePattern: f.timePattern, pollIntervalS: num(f.pollIntervalS),
    stableAfterS: num(f.stableAfterS), lat: num(f.lat), lon: num(f.lon), ...(num(f.depthM) === undefined ? {} : { depthM: num(f.depthM) }),
    channelLayout: f.channelLayout.split(',').map((c) => c.trim()).filter(Boolean),
    transfer: { parallel: num(f.parallel), bandwidthLimitBps: Math.round((num(f.bandwidthLimitKBps) ?? 0) * 1000), order: f.order },
  };
  if (f.authMethod === 'password' && !f.secret && !f.secretRef) return { ok: false, errors: ['auth.password: type the password'] };
  const parsed = remoteStationConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: parsed.error.issues.slice(0, 6).map((i) => `${i.path.join('.') || 'config'}: ${i.message}`) };
}
