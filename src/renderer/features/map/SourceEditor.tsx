/**
 * Add or edit an AIS source defined in the app. An API key typed here goes to the secret store (desktop:
 * the OS keychain; headless: a 0600 file in the data folder); the field is write-only and never shows a
 * stored key, only whether one is set.
 */
import { useState, type ReactNode } from 'react';
import type { AisSourceEntry } from '../../../shared/ais-sources.ts';
import { useApi } from '../../app/api-context.tsx';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { configFromForm, formFromConfig, SOURCE_KINDS, type SourceForm } from './source-form.ts';

type Setter = <K extends keyof SourceForm>(key: K, value: SourceForm[K]) => void;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="map-field">
      <span className="map-field-label">{label}</span>
      {children}
    </label>
  );
}

function Text({ form, set, k, placeholder, type = 'text' }: { form: SourceForm; set: Setter; k: 'id' | 'host' | 'port' | 'path' | 'speed' | 'radius' | 'intervalS' | 'apiKey'; placeholder?: string; type?: string }) {
  return (
    <input className="input" type={type} value={form[k]} placeholder={placeholder} data-testid={`source-form-${k}`} autoComplete="off"
      onChange={(e) => set(k, e.target.value)} />
  );
}

function Check({ form, set, k, label }: { form: SourceForm; set: Setter; k: 'enabled' | 'shiftToNow' | 'loop'; label: string }) {
  return (
    <label className="map-check">
      <input type="checkbox" checked={form[k]} onChange={(e) => set(k, e.target.checked)} /> {label}
    </label>
  );
}

/** "set (secret store)", "from AIW_… (environment)" or "not set". */
export function keyStateText(apiKey: NonNullable<AisSourceEntry['apiKey']>): string {
  if (apiKey.state === 'store') return 'set (secret store)';
  if (apiKey.state === 'env') return `from ${apiKey.env} (environment)`;
  return 'not set';
}

/** The fields of the chosen kind. */
function KindFields({ form, set, entry }: { form: SourceForm; set: Setter; entry: AisSourceEntry | undefined }) {
  switch (form.kind) {
    case 'tcp-client':
    case 'tcp-server':
    case 'udp':
      return (
        <>
          <Field label={form.kind === 'tcp-client' ? 'Receiver host' : 'Listen on'}><Text form={form} set={set} k="host" placeholder="127.0.0.1" /></Field>
          <Field label="Port"><Text form={form} set={set} k="port" placeholder={form.kind === 'udp' ? '10110' : ''} /></Field>
        </>
      );
    case 'replay':
      return (
        <>
          <Field label="File on this workstation"><Text form={form} set={set} k="path" placeholder="/data/ais/2024-06-01.nmea.gz" /></Field>
          <Field label="Format">
            <select className="select" value={form.format} onChange={(e) => set('format', e.target.value as SourceForm['format'])}>
              {(['auto', 'nmea', 'csv', 'aisstream-jsonl'] as const).map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </Field>
          <Field label="Speed (× real time, 0 = as fast as possible)"><Text form={form} set={set} k="speed" /></Field>
          <Check form={form} set={set} k="shiftToNow" label="shift times so the file starts now" />
          <Check form={form} set={set} k="loop" label="loop" />
        </>
      );
    case 'aisstream':
    case 'seavision': {
      const state = entry?.config.kind === form.kind && entry.apiKey ? keyStateText(entry.apiKey) : 'not set';
      return (
        <>
          <Field label={form.kind === 'aisstream' ? 'Radius around the sensor (km)' : 'Radius around the sensor (nautical miles)'}>
            <Text form={form} set={set} k="radius" placeholder="100" />
          </Field>
          {form.kind === 'seavision' && <Field label="Poll every (s)"><Text form={form} set={set} k="intervalS" /></Field>}
          <Field label={`API key — ${state}`}><Text form={form} set={set} k="apiKey" type="password" placeholder={state === 'not set' ? 'paste the key' : 'type to replace'} /></Field>
        </>
      );
    }
  }
}

export function SourceEditor({ entry, onDone }: { entry: AisSourceEntry | undefined; onDone: () => void }) {
  const api = useApi();
  const [form, setForm] = useState(() => formFromConfig(entry?.config));
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const set: Setter = (key, value) => setForm((f) => ({ ...f, [key]: value }));
  const save = async () => {
    const r = configFromForm(form, entry?.config);
    if (!r.ok) return setErrors(r.errors);
    setErrors([]);
    setBusy(true);
    const apiKey = form.apiKey.trim() && (r.config.kind === 'aisstream' || r.config.kind === 'seavision') ? { apiKey: form.apiKey.trim() } : {};
    const saved = await invokeOrNotify(api, 'ais:save-source', { config: r.config, ...apiKey }, `Saving AIS source ${r.config.id}`);
    setBusy(false);
    if (saved) onDone();
  };
  return (
    <form className="map-form" data-testid="source-editor" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <Field label="Id (letters, digits, _ . -)">{entry ? <span className="mono">{form.id}</span> : <Text form={form} set={set} k="id" placeholder="receiver" />}</Field>
      <Field label="Kind">
        <select className="select" value={form.kind} data-testid="source-form-kind" onChange={(e) => set('kind', e.target.value as SourceForm['kind'])}>
          {SOURCE_KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
        </select>
      </Field>
      <KindFields form={form} set={set} entry={entry} />
      <Check form={form} set={set} k="enabled" label="enabled" />
      {errors.length > 0 && <ul className="map-form-errors">{errors.map((e) => <li key={e}>{e}</li>)}</ul>}
      <div className="map-form-actions">
        <button type="submit" className="btn btn-small btn-active" disabled={busy} data-testid="source-save">Save</button>
        <button type="button" className="btn btn-small" onClick={onDone} disabled={busy}>Cancel</button>
      </div>
    </form>
  );
}
