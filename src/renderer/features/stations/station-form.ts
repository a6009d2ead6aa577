/**
 * The add/edit form of a remote station as flat text fields, and its conversion to and from the
 * shared config schema (validated here too, so mistakes show before anything is sent).
 *
 * Saving starts from the station's current config (`base`): settings the form does not show
 * (trust on first use, expected sample rate, behind warning, agent socket, …) are kept as they are.
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
  timePattern: 'iso-basic' | 'ymd_hms' | 'mars' | 'regex';
  /** The regular expression when `timePattern` is 'regex' (named groups, src/main/audio/recording-time.ts). */
  timeRegex: string;
  tzOffsetMinutes: string;
  /** MARS `<stem>.hdr` start-time headers: use when present, require, or ignore. */
  sidecar: 'auto' | 'hdr' | 'none';
  gapToleranceMs: string;
  /** Conditioning: DC-blocking high-pass corner (Hz, empty = off) and gain (dB). */
  highPassHz: string;
  gainDb: string;
  pollIntervalS: string;
  stableAfterS: string;
  lat: string;
  lon: string;
  depthM: string;
  channelLayout: string;
  parallel: string;
  bandwidthLimitKBps: string;
  order: 'oldest-first' | 'newest-first';
  /** The config being edited: what the form does not show is saved unchanged. */
  base?: RemoteStationConfig;
}

export const EMPTY_FORM: StationForm = {
  id: '', name: '', enabled: true, host: '', port: '22', user: '', authMethod: 'key', privateKeyPath: '', secret: '',
  secretRef: undefined, hostKeyFingerprint: '', remoteRoot: '/', include: '*.{wav,flac,WAV,FLAC}', timePattern: 'iso-basic',
  timeRegex: '', tzOffsetMinutes: '0', sidecar: 'auto', gapToleranceMs: '50', highPassHz: '', gainDb: '0',
  pollIntervalS: '60', stableAfterS: '600', lat: '', lon: '', depthM: '', channelLayout: 'pressure', parallel: '2',
  bandwidthLimitKBps: '0', order: 'oldest-first',
};

export function formFromConfig(c: RemoteStationConfig): StationForm {
  const secretRef = c.auth.method === 'password' ? c.auth.password : c.auth.method === 'key' ? c.auth.passphrase : undefined;
  return {
    ...EMPTY_FORM, id: c.id, name: c.name, enabled: c.enabled, host: c.host, port: String(c.port), user: c.user,
    authMethod: c.auth.method, privateKeyPath: c.auth.method === 'key' ? c.auth.privateKeyPath : '', secretRef,
    hostKeyFingerprint: c.hostKeyFingerprint ?? '', remoteRoot: c.remoteRoot, include: c.include,
    timePattern: typeof c.timePattern === 'string' ? c.timePattern : 'regex', timeRegex: typeof c.timePattern === 'string' ? '' : c.timePattern.regex,
    tzOffsetMinutes: String(c.tzOffsetMinutes), sidecar: c.sidecar, gapToleranceMs: String(c.gapToleranceMs),
    highPassHz: c.conditioning?.highPassHz === undefined ? '' : String(c.conditioning.highPassHz), gainDb: String(c.conditioning?.gainDb ?? 0),
    pollIntervalS: String(c.pollIntervalS),
    stableAfterS: String(c.stableAfterS), lat: String(c.lat), lon: String(c.lon), depthM: c.depthM === undefined ? '' : String(c.depthM),
    channelLayout: c.channelLayout.join(', '), parallel: String(c.transfer.parallel),
    bandwidthLimitKBps: String(c.transfer.bandwidthLimitBps / 1000), order: c.transfer.order, base: c,
  };
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

function authOf(f: StationForm): RemoteStationConfigInput['auth'] {
  // An agent socket set in the config is not shown: keep it.
  if (f.authMethod === 'agent') return f.base?.auth.method === 'agent' ? f.base.auth : { method: 'agent' };
  // A typed-in secret is stored by the workstation under a name it chooses; the placeholder is replaced.
  const ref = f.secret ? { store: 'pending' } : f.secretRef;
  if (f.authMethod === 'password') return { method: 'password', password: ref ?? { store: 'missing' } };
  return { method: 'key', privateKeyPath: f.privateKeyPath, ...(ref ? { passphrase: ref } : {}) };
}

/** Keys the form edits; every other key of the base config is saved as it was. */
const FORM_KEYS = [
  'id', 'name', 'enabled', 'host', 'port', 'user', 'auth', 'hostKeyFingerprint', 'remoteRoot', 'include', 'timePattern',
  'tzOffsetMinutes', 'sidecar', 'gapToleranceMs', 'conditioning', 'pollIntervalS', 'stableAfterS', 'lat', 'lon', 'depthM',
  'channelLayout', 'transfer',
] as const satisfies readonly (keyof RemoteStationConfig)[];

function unshownOf(base: RemoteStationConfig | undefined): Partial<RemoteStationConfig> {
  const rest: Partial<RemoteStationConfig> = { ...base };
  for (const k of FORM_KEYS) delete rest[k];
  return rest;
}

/** The signal-chain fields (start times, gaps, conditioning) as config keys. */
function signalOf(f: StationForm) {
  const highPassHz = num(f.highPassHz);
  const gainDb = num(f.gainDb) ?? 0;
  return {
    timePattern: f.timePattern === 'regex' ? { regex: f.timeRegex } : f.timePattern, tzOffsetMinutes: num(f.tzOffsetMinutes) ?? 0,
    sidecar: f.sidecar, gapToleranceMs: num(f.gapToleranceMs),
    ...(highPassHz === undefined && gainDb === 0 ? {} : { conditioning: { ...(highPassHz === undefined ? {} : { highPassHz }), gainDb } }),
  };
}

/** The config the form describes, or the first problems (field: message). */
export function configFromForm(f: StationForm): { ok: true; config: RemoteStationConfig } | { ok: false; errors: string[] } {
  const input = {
    ...unshownOf(f.base), ...signalOf(f),
    id: f.id.trim(), name: f.name.trim(), enabled: f.enabled, host: f.host.trim(), port: num(f.port), user: f.user.trim(),
    auth: authOf(f), ...(f.hostKeyFingerprint.trim() ? { hostKeyFingerprint: f.hostKeyFingerprint.trim() } : {}),
    remoteRoot: f.remoteRoot.trim(), include: f.include.trim(), pollIntervalS: num(f.pollIntervalS),
    stableAfterS: num(f.stableAfterS), lat: num(f.lat), lon: num(f.lon), ...(num(f.depthM) === undefined ? {} : { depthM: num(f.depthM) }),
    channelLayout: f.channelLayout.split(',').map((c) => c.trim()).filter(Boolean),
    transfer: { parallel: num(f.parallel), bandwidthLimitBps: Math.round((num(f.bandwidthLimitKBps) ?? 0) * 1000), order: f.order },
  };
  if (f.authMethod === 'password' && !f.secret && !f.secretRef) return { ok: false, errors: ['auth.password: type the password'] };
  const parsed = remoteStationConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: parsed.error.issues.slice(0, 6).map((i) => `${i.path.join('.') || 'config'}: ${i.message}`) };
}
