/**
 * The Sessions page: every session (live runs, chosen ranges, imported ones) with station, span, size,
 * models and counts; pin (kept from cache clean-up), review, export to a `.aiwsession` file, forget;
 * keep a new range; import a file from this machine (docs/session-format.md).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Session } from '../../../shared/sessions.ts';
import { useApi } from '../../app/api-context.tsx';
import { Panel } from '../../components/Panel.tsx';
import { downloadServerFile, isHeadlessPage } from '../../lib/server-files.ts';
import { formatDuration, formatUtcDateTime } from '../../lib/time-format.ts';
import { notifyError, useNoticesStore } from '../../state/notices-store.ts';
import { reviewHash } from '../review/review-route.ts';
import { KeepRangeForm, ImportForm } from './SessionForms.tsx';
import './sessions.css';

const REFRESH_MS = 5000;

export function formatBytes(n: number): string {
  if (n < 1e6) return `${(n / 1e3).toFixed(0)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

function notice(message: string): void {
  useNoticesStore.getState().push({ level: 'info', code: 'SESSION', message, at: Date.now() });
}

/** The sessions, refreshed every few seconds (runs grow while a station is live). */
function useSessions(): [readonly Session[] | undefined, () => void] {
  const api = useApi();
  const [sessions, setSessions] = useState<readonly Session[] | undefined>(undefined);
  const refresh = useCallback(() => {
    void api.invoke('sessions:list', {}).then((r) => (r.ok ? setSessions(r.value) : notifyError('Listing sessions', r.error)));
  }, [api]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return [sessions, refresh];
}

function Counts({ s }: { s: Session }) {
  const c = s.counts;
  return (
    <span className="session-counts" title={`${c.recordings} audio files, ${c.tiles} tiles, ${c.gaps} gaps`}>
      {c.segments} seg · {c.predictions} pred · {c.labels} lab · {c.verifications} ver · {c.aisPositions} AIS
    </span>
  );
}

function SessionRow({ s, refresh }: { s: Session; refresh: () => void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    try {
      await run();
    } finally {
      setBusy(false);
      refresh();
    }
  };
  const pin = () => act(async () => {
    const r = await api.invoke('sessions:update', { id: s.id, pinned: !s.pinned });
    if (!r.ok) notifyError('Pinning the session', r.error);
  });
  const exportFile = () => act(async () => {
    if (isHeadlessPage()) {
      // The browser downloads it like the other exports; the server streams the file as it is written out.
      downloadServerFile(`/files/sessions/${encodeURIComponent(s.id)}.aiwsession`, `${s.id}.aiwsession`);
      return notice(`Preparing ${s.id}.aiwsession: the download starts when the file is complete`);
    }
    const r = await api.invoke('sessions:export', { id: s.id });
    if (r.ok) notice(`Exported to ${r.value.path} (${formatBytes(r.value.bytes)}, sha256 ${r.value.sha256.slice(0, 12)}…)`);
    else notifyError('Exporting the session', r.error);
  });
  const forget = () => act(async () => {
    const r = await api.invoke('sessions:delete', { id: s.id });
    if (!r.ok) notifyError('Forgetting the session', r.error);
  });
  return (
    <tr data-testid="session-row" data-session-id={s.id}>
      <td>
        <div>{s.name}</div>
        <div className="muted">{s.kind}{s.importedFrom ? ` from ${s.importedFrom}` : ''}</div>
      </td>
      <td title={s.stationName}>{s.stationId}</td>
      <td className="mono">{formatUtcDateTime(s.from)}<br />{formatUtcDateTime(s.to)}</td>
      <td className="num">{formatDuration(s.to - s.from)}</td>
      <td className="num">{formatBytes(s.bytes.audio + s.bytes.tiles)}</td>
      <td>{s.models.join(', ') || '—'}</td>
      <td><Counts s={s} /></td>
      <td className="session-actions">
        <button type="button" className="btn btn-small" aria-pressed={s.pinned} data-testid="session-pin" disabled={busy} onClick={() => void pin()}
          title={s.pinned ? 'Pinned: kept from cache clean-up. Click to unpin.' : 'Keep this session from cache clean-up'}>
          {s.pinned ? '📌 pinned' : 'pin'}
        </button>
        <a className="btn btn-small" href={reviewHash({ session: s.id })} data-testid="session-review">review</a>
        <button type="button" className="btn btn-small" disabled={busy} data-testid="session-export" onClick={() => void exportFile()}>export</button>
        {s.kind !== 'run' && <button type="button" className="btn btn-small" disabled={busy} onClick={() => void forget()}>forget</button>}
      </td>
    </tr>
  );
}

export function SessionsPage() {
  const [sessions, refresh] = useSessions();
  return (
    <div className="page">
      <Panel title="Sessions" subtitle="a station and a time range, with its audio, spectrogram, predictions, labels, verifications and AIS">
        {sessions === undefined ? (
          <div className="empty">Loading…</div>
        ) : sessions.length === 0 ? (
          <div className="empty">No sessions yet: a live run appears as soon as a station has analysed audio.</div>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="sessions-table">
              <thead>
                <tr><th>session</th><th>station</th><th>from / to (UTC)</th><th>span</th><th>size</th><th>models</th><th>contents</th><th /></tr>
              </thead>
              <tbody>{sessions.map((s) => <SessionRow key={s.id} s={s} refresh={refresh} />)}</tbody>
            </table>
          </div>
        )}
      </Panel>
      <div className="sessions-forms">
        <Panel title="Keep a range">
          <KeepRangeForm onDone={refresh} />
        </Panel>
        <Panel title="Import a session file">
          <ImportForm onDone={refresh} />
        </Panel>
      </div>
    </div>
  );
}
