/**
 * Add or edit a remote station defined in the app. Secrets typed here go to the secret store
 * (desktop: the OS keychain through safeStorage); the form never shows a stored secret.
 */
import { useState, type ReactNode } from 'react';
import { useApi } from '../../app/api-context.tsx';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { configFromForm, type StationForm } from './station-form.ts';

type Setter = <K extends keyof StationForm>(key: K, value: StationForm[K]) => void;

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`form-field ${wide ? 'wide' : ''}`}>
      <span className="form-label">{label}</span>
      {children}
    </label>
  );
}

function Text({ form, set, k, placeholder, type = 'text' }: { form: StationForm; set: Setter; k: keyof StationForm; placeholder?: string; type?: string }) {
  return (
    <input className="input" type={type} value={String(form[k] ?? '')} placeholder={placeholder} data-testid={`station-form-${k}`}
      onChange={(e) => set(k, e.target.value as never)} autoComplete="off" />
  );
}

function AuthFields({ form, set }: { form: StationForm; set: Setter }) {
  const ref = form.secretRef ? Object.entries(form.secretRef)[0]!.join(': ') : undefined;
  return (
    <>
      <Field label="Authentication">
        <select className="select" value={form.authMethod} onChange={(e) => set('authMethod', e.target.value as StationForm['authMethod'])}>
          <option value="key">private key</option>
          <option value="agent">ssh-agent</option>
          <option value="password">password</option>
        </select>
      </Field>
      {form.authMethod === 'key' && <Field label="Private key file" wide><Text form={form} set={set} k="privateKeyPath" placeholder="/home/me/.ssh/id_ed25519" /></Field>}
      {form.authMethod !== 'agent' && (
        <Field label={form.authMethod === 'key' ? 'Key passphrase' : 'Password'}>
          <Text form={form} set={set} k="secret" type="password" placeholder={ref ? `kept (${ref})` : form.authMethod === 'key' ? 'none' : ''} />
        </Field>
      )}
    </>
  );
}

function Choice<K extends 'timePattern' | 'sidecar' | 'order'>(
  { form, set, k, options }: { form: StationForm; set: Setter; k: K; options: [StationForm[K], string][] },
) {
  return (
    <select className="select" value={form[k]} data-testid={`station-form-${k}`} onChange={(e) => set(k, e.target.value as StationForm[K])}>
      {options.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
    </select>
  );
}

/** Start times, stream continuity and conditioning (docs/signal-chain.md). */
function SignalFields({ form, set }: { form: StationForm; set: Setter }) {
  return (
    <>
      <Field label="Time in names">
        <Choice form={form} set={set} k="timePattern" options={[
          ['iso-basic', '…20190825T191712Z…'], ['ymd_hms', '…20200811_120000…'], ['mars', 'MARS names'], ['regex', 'custom regex'],
        ]} />
      </Field>
      {form.timePattern === 'regex' && <Field label="Time regex (named groups)" wide><Text form={form} set={set} k="timeRegex" placeholder="(?<y>\d{4})(?<mo>\d\d)…" /></Field>}
      <Field label="Name clock offset from UTC (min)"><Text form={form} set={set} k="tzOffsetMinutes" /></Field>
      <Field label="Start-time sidecar (.hdr)">
        <Choice form={form} set={set} k="sidecar" options={[['auto', 'use when present'], ['hdr', 'required'], ['none', 'ignore']]} />
      </Field>
      <Field label="Gap tolerance (ms)"><Text form={form} set={set} k="gapToleranceMs" /></Field>
      <Field label="High-pass / DC block (Hz, empty = off)"><Text form={form} set={set} k="highPassHz" placeholder="off" /></Field>
      <Field label="Gain (dB)"><Text form={form} set={set} k="gainDb" /></Field>
    </>
  );
}

export function StationEditor({ initial, isNew, onDone }: { initial: StationForm; isNew: boolean; onDone: () => void }) {
  const api = useApi();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const set: Setter = (key, value) => setForm((f) => ({ ...f, [key]: value }));
  const save = async () => {
    const r = configFromForm(form);
    if (!r.ok) return setErrors(r.errors);
    setErrors([]);
    setBusy(true);
    const secret = form.secret ? (form.authMethod === 'password' ? { password: form.secret } : { passphrase: form.secret }) : {};
    const saved = await invokeOrNotify(api, 'stations:save-remote', { config: r.config, ...secret }, `Saving ${r.config.name}`);
    setBusy(false);
    if (saved) onDone();
  };
  const remove = async () => {
    setBusy(true);
    const done = await invokeOrNotify(api, 'stations:delete-remote', { stationId: form.id }, `Removing ${form.name}`);
    setBusy(false);
    if (done) onDone();
  };
  return (
    <form className="station-editor" data-testid="station-editor" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="form-grid">
        <Field label="Id">{isNew ? <Text form={form} set={set} k="id" placeholder="pier" /> : <span className="mono">{form.id}</span>}</Field>
        <Field label="Name" wide><Text form={form} set={set} k="name" /></Field>
        <Field label="Host"><Text form={form} set={set} k="host" /></Field>
        <Field label="Port"><Text form={form} set={set} k="port" /></Field>
        <Field label="User"><Text form={form} set={set} k="user" /></Field>
        <AuthFields form={form} set={set} />
        <Field label="Host key (SHA256, optional: else asked on first contact)" wide><Text form={form} set={set} k="hostKeyFingerprint" placeholder="SHA256:…" /></Field>
        <Field label="Remote folder" wide><Text form={form} set={set} k="remoteRoot" /></Field>
        <Field label="File names"><Text form={form} set={set} k="include" /></Field>
        <SignalFields form={form} set={set} />
        <Field label="Poll every (s)"><Text form={form} set={set} k="pollIntervalS" /></Field>
        <Field label="Take quiet files after (s)"><Text form={form} set={set} k="stableAfterS" /></Field>
        <Field label="Latitude"><Text form={form} set={set} k="lat" /></Field>
        <Field label="Longitude"><Text form={form} set={set} k="lon" /></Field>
        <Field label="Depth (m)"><Text form={form} set={set} k="depthM" /></Field>
        <Field label="Channels (names in file order; models pick theirs by name)"><Text form={form} set={set} k="channelLayout" /></Field>
        <Field label="Parallel downloads"><Text form={form} set={set} k="parallel" /></Field>
        <Field label="Bandwidth limit (kB/s, 0 = none)"><Text form={form} set={set} k="bandwidthLimitKBps" /></Field>
        <Field label="Order">
          <Choice form={form} set={set} k="order" options={[['oldest-first', 'oldest first'], ['newest-first', 'newest first (catch up)']]} />
        </Field>
        <Field label="Enabled"><input type="checkbox" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} /></Field>
      </div>
      {errors.length > 0 && <ul className="form-errors" data-testid="station-form-errors">{errors.map((e) => <li key={e}>{e}</li>)}</ul>}
      <div className="form-actions">
        <button className="btn" type="submit" disabled={busy} data-testid="station-form-save">Save and connect</button>
        <button className="btn" type="button" onClick={onDone} disabled={busy}>Cancel</button>
        {!isNew && <button className="btn btn-danger" type="button" onClick={() => void remove()} disabled={busy}>Remove station</button>}
      </div>
    </form>
  );
}
