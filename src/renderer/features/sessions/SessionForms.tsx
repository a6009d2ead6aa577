/**
 * The Sessions page's forms: keep a station's range as a session; import a `.aiwsession` file — by
 * upload from the browser in the headless mode, by path on the workstation's machine in the desktop app.
 */
import { useEffect, useState } from 'react';
import type { Station } from '../../../shared/domain.ts';
import type { Result } from '../../../shared/result.ts';
import { sessionImportResultSchema, type SessionImportResult } from '../../../shared/sessions.ts';
import { useApi } from '../../app/api-context.tsx';
import { isHeadlessPage, uploadServerFile } from '../../lib/server-files.ts';
import { notifyError, useNoticesStore } from '../../state/notices-store.ts';
import { keepRangeDefaults, useViewedRange } from '../../state/viewed-range-store.ts';
import { fromUtcInput, toUtcInput } from '../models/utc-input.ts';

function info(message: string): void {
  useNoticesStore.getState().push({ level: 'info', code: 'SESSION', message, at: Date.now() });
}

export function KeepRangeForm({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const [stations, setStations] = useState<readonly Station[]>([]);
  // Starts from the range the analyst was looking at (Live or Review), not the wall clock.
  const [defaults] = useState(() => keepRangeDefaults(useViewedRange.getState().viewed, Date.now()));
  const [stationId, setStationId] = useState(defaults.stationId ?? '');
  const [from, setFrom] = useState(toUtcInput(defaults.from));
  const [to, setTo] = useState(toUtcInput(defaults.to));
  const [name, setName] = useState('');
  const [pinned, setPinned] = useState(true);
  useEffect(() => {
    void api.invoke('stations:list', {}).then((r) => r.ok && setStations(r.value));
  }, [api]);
  const station = stationId || stations[0]?.id || '';
  const range = { from: fromUtcInput(from), to: fromUtcInput(to) };
  const valid = station !== '' && range.from !== undefined && range.to !== undefined && range.to > range.from;
  const keep = async () => {
    if (!valid) return;
    const r = await api.invoke('sessions:create', { stationId: station, from: range.from!, to: range.to!, pinned, ...(name.trim() ? { name: name.trim() } : {}) });
    if (!r.ok) return notifyError('Keeping the range', r.error);
    info(`Kept ${r.value.name}${pinned ? ' (pinned)' : ''}`);
    onDone();
  };
  return (
    <div className="session-form">
      <label className="field">
        <span>station</span>
        <select className="select" value={station} onChange={(e) => setStationId(e.target.value)}>
          {stations.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      <label className="field"><span>from (UTC)</span><input className="select" type="datetime-local" step={1} value={from} onChange={(e) => setFrom(e.target.value)} /></label>
      <label className="field"><span>to (UTC)</span><input className="select" type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.target.value)} /></label>
      <label className="field"><span>name</span><input className="select" value={name} placeholder="optional" onChange={(e) => setName(e.target.value)} /></label>
      <label className="field"><input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} /><span>pin</span></label>
      <button type="button" className="btn" disabled={!valid} onClick={() => void keep()}>Keep</button>
    </div>
  );
}

function importedNotice(r: Result<SessionImportResult>): boolean {
  if (!r.ok) {
    notifyError('Importing the session', r.error);
    return false;
  }
  const renamed = r.value.renamedFrom ? ` as station ${r.value.stationId} (the id "${r.value.renamedFrom}" is used here)` : '';
  info(`Imported ${r.value.session.name}${renamed}: every member verified`);
  return true;
}

/** Headless: the analyst picks a file in the browser; it is streamed to the server, verified, then imported. */
function UploadImportForm({ onDone }: { onDone: () => void }) {
  const [file, setFile] = useState<File | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!file) return;
    setBusy(true);
    const r = await uploadServerFile('/files/sessions', file, sessionImportResultSchema);
    setBusy(false);
    if (importedNotice(r)) onDone();
  };
  return (
    <div className="session-form">
      <label className="field session-path">
        <span>file</span>
        <input className="select" type="file" accept=".aiwsession" data-testid="session-import-file" onChange={(e) => setFile(e.target.files?.[0])} />
      </label>
      <button type="button" className="btn" disabled={busy || !file} data-testid="session-import" onClick={() => void run()}>
        {busy ? 'Uploading and verifying…' : 'Import'}
      </button>
      <span className="muted">uploaded to the workstation; every member's sha256 is checked before anything is written</span>
    </div>
  );
}

/** Desktop (and mock): a path on the machine running the workstation. */
function PathImportForm({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const r = await api.invoke('sessions:import', { path: path.trim() });
    setBusy(false);
    if (!importedNotice(r)) return;
    setPath('');
    onDone();
  };
  return (
    <div className="session-form">
      <label className="field session-path">
        <span>file</span>
        <input className="select" value={path} placeholder="/path/to/session.aiwsession (on the machine running the workstation)" data-testid="session-import-path"
          onChange={(e) => setPath(e.target.value)} />
      </label>
      <button type="button" className="btn" disabled={busy || path.trim() === ''} data-testid="session-import" onClick={() => void run()}>
        {busy ? 'Verifying…' : 'Import'}
      </button>
      <span className="muted">every member's sha256 is checked before anything is written; or run <code>aiw session import FILE</code></span>
    </div>
  );
}

/** Import of a `.aiwsession` file, by upload when the page is served by `aiw serve`. */
export function ImportForm({ onDone }: { onDone: () => void }) {
  return isHeadlessPage() ? <UploadImportForm onDone={onDone} /> : <PathImportForm onDone={onDone} />;
}
