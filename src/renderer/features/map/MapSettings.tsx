/**
 * Settings of the map page: the configured AIS sources (add, edit and remove the ones added in the app;
 * enter or remove API keys of any aisstream/SeaVision source, write-only) and the optional online tile
 * layer. Sources of the --config file are listed read-only: change them in the file.
 */
import { useState } from 'react';
import type { AisSourceEntry } from '../../../shared/ais-sources.ts';
import { tileUrlProblem, type MapTiles } from '../../../shared/map-tiles.ts';
import { useApi } from '../../app/api-context.tsx';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { keyStateText, SourceEditor } from './SourceEditor.tsx';
import { SOURCE_KINDS } from './source-form.ts';
import { useSourceConfigs } from './use-map-settings.ts';

const kindLabel = (kind: string) => SOURCE_KINDS.find((k) => k.kind === kind)?.label ?? kind;

/** Enter, replace or remove one source's API key; the stored key is never shown. */
function KeyForm({ entry, onDone }: { entry: AisSourceEntry; onDone: () => void }) {
  const api = useApi();
  const [key, setKey] = useState('');
  const submit = async (apiKey: string | null) => {
    const done = await invokeOrNotify(api, 'ais:set-api-key', { id: entry.config.id, apiKey }, `API key of ${entry.config.id}`);
    if (done) onDone();
  };
  return (
    <form className="map-key-form" onSubmit={(e) => { e.preventDefault(); if (key.trim()) void submit(key.trim()); }}>
      <input className="input" type="password" value={key} placeholder="paste the API key" autoComplete="off" aria-label={`API key of ${entry.config.id}`}
        data-testid="api-key-input" onChange={(e) => setKey(e.target.value)} />
      <button type="submit" className="btn btn-small" disabled={!key.trim()} data-testid="api-key-save">Save key</button>
      {entry.apiKey?.state === 'store' && <button type="button" className="btn btn-small" onClick={() => void submit(null)}>Remove key</button>}
    </form>
  );
}

function SourceRow({ entry, onEdit, changed }: { entry: AisSourceEntry; onEdit: () => void; changed: () => void }) {
  const api = useApi();
  const [keyOpen, setKeyOpen] = useState(false);
  const { config, origin, apiKey } = entry;
  const remove = async () => {
    if (await invokeOrNotify(api, 'ais:delete-source', { id: config.id }, `Removing AIS source ${config.id}`)) changed();
  };
  return (
    <li data-testid="source-row" data-source={config.id}>
      <div className="source-row-head">
        <span className="mono">{config.id}</span>
        <span className="small muted">{kindLabel(config.kind)}{config.enabled ? '' : ' · disabled'} · {origin === 'config' ? 'config file' : 'added here'}</span>
      </div>
      {apiKey && <div className="small" data-testid="api-key-state">API key: {keyStateText(apiKey)}</div>}
      <div className="source-row-actions">
        {apiKey && <button type="button" className="link-button small" onClick={() => setKeyOpen((o) => !o)}>{apiKey.state === 'store' ? 'Change key' : 'Enter key'}</button>}
        {origin === 'app' && <button type="button" className="link-button small" onClick={onEdit}>Edit</button>}
        {origin === 'app' && <button type="button" className="link-button small" onClick={() => void remove()}>Remove</button>}
      </div>
      {keyOpen && <KeyForm entry={entry} onDone={() => { setKeyOpen(false); changed(); }} />}
    </li>
  );
}

/** The AIS sources section. */
export function SourceSettings() {
  const { entries, reload } = useSourceConfigs();
  const [editing, setEditing] = useState<{ entry: AisSourceEntry | undefined } | undefined>(undefined);
  if (editing) return <SourceEditor entry={editing.entry} onDone={() => { setEditing(undefined); reload(); }} />;
  return (
    <div className="map-settings-section">
      {entries?.length === 0 && <div className="small muted">No AIS source besides the demo station.</div>}
      <ul className="source-settings-list">
        {entries?.map((e) => <SourceRow key={e.config.id} entry={e} onEdit={() => setEditing({ entry: e })} changed={reload} />)}
      </ul>
      <button type="button" className="btn btn-small" data-testid="source-add" onClick={() => setEditing({ entry: undefined })}>Add source…</button>
    </div>
  );
}

/** The optional online tile layer: off by default; a page reload applies a change (the page's security policy names the host). */
export function TileSettings({ tiles, changed }: { tiles: MapTiles | undefined; changed: (t: MapTiles) => void }) {
  const api = useApi();
  const [url, setUrl] = useState(tiles?.url ?? '');
  const [attribution, setAttribution] = useState(tiles?.attribution ?? '');
  const [saved, setSaved] = useState(false);
  const problem = url.trim() ? tileUrlProblem(url.trim()) : undefined;
  const save = async (next: string | null) => {
    const r = await invokeOrNotify(api, 'map:tiles', { url: next, attribution: next === null ? '' : attribution.trim() }, 'Saving the map tile setting');
    if (!r) return;
    changed(r);
    setUrl(r.url ?? '');
    setSaved(true);
  };
  return (
    <form className="map-settings-section map-form" onSubmit={(e) => { e.preventDefault(); if (url.trim() && !problem) void save(url.trim()); }}>
      <label className="map-field">
        <span className="map-field-label">Online tiles (optional; the map works offline without them)</span>
        <input className="input" value={url} placeholder="https://tile.example.org/{z}/{x}/{y}.png" data-testid="tile-url" onChange={(e) => { setUrl(e.target.value); setSaved(false); }} />
      </label>
      <label className="map-field">
        <span className="map-field-label">Attribution the tile provider requires</span>
        <input className="input" value={attribution} placeholder="© OpenStreetMap contributors" onChange={(e) => setAttribution(e.target.value)} />
      </label>
      {problem && <div className="small map-form-errors">{problem}</div>}
      <div className="map-form-actions">
        <button type="submit" className="btn btn-small" disabled={!url.trim() || problem !== undefined} data-testid="tile-save">Use these tiles</button>
        {tiles?.url && <button type="button" className="btn btn-small" onClick={() => void save(null)}>Offline only</button>}
      </div>
      {saved && (
        <div className="small muted" data-testid="tile-saved">
          Saved. The page's security policy allows images from one tile host, set when the page loads:{' '}
          <button type="button" className="link-button" onClick={() => window.location.reload()}>reload to apply</button>
        </div>
      )}
    </form>
  );
}
