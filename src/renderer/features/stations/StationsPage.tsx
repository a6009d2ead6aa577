/**
 * Stations: the health of every station, the host-key trust prompt of remote (SFTP) stations,
 * their recent failures, and their settings: read-only from the --config file, editable when
 * added in the app (docs/stations.md).
 */
import { useEffect, useState } from 'react';
import type { RemoteStationConfig, RemoteStationEntry } from '../../../shared/station-config.ts';
import { useApi } from '../../app/api-context.tsx';
import { Panel } from '../../components/Panel.tsx';
import { PanelErrorBoundary } from '../../components/PanelErrorBoundary.tsx';
import { useStationsStore } from '../../state/stations-store.ts';
import { HostKeyPrompt } from './HostKeyPrompt.tsx';
import { StationEditor } from './StationEditor.tsx';
import { EMPTY_FORM, formFromConfig, type StationForm } from './station-form.ts';
import { StationsTable } from './StationsTable.tsx';
import './stations.css';

function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

function useRemoteEntries(): [RemoteStationEntry[], () => void] {
  const api = useApi();
  const [entries, setEntries] = useState<RemoteStationEntry[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void api.invoke('stations:remote-configs', {}).then((r) => r.ok && setEntries(r.value));
  }, [api, version]);
  return [entries, () => setVersion((v) => v + 1)];
}

function authLabel(c: RemoteStationConfig): string {
  if (c.auth.method === 'key') return `key ${c.auth.privateKeyPath}${c.auth.passphrase ? ' (passphrase)' : ''}`;
  if (c.auth.method === 'agent') return 'ssh-agent';
  return 'password';
}

function conditioningLabel(c: RemoteStationEntry['config']): string {
  const hp = c.conditioning?.highPassHz;
  const gain = c.conditioning?.gainDb ?? 0;
  return `${hp === undefined ? 'no high-pass' : `high-pass ${hp} Hz`}${gain ? `, gain ${gain} dB` : ''}`;
}

function ConfigSummary({ entry, onEdit }: { entry: RemoteStationEntry; onEdit: () => void }) {
  const c = entry.config;
  return (
    <div className="station-config" data-testid="station-config" data-station-id={c.id}>
      <dt className="station-config-head">
        <span>{c.name} <span className="muted mono">{c.id}</span>{c.enabled ? '' : ' (disabled)'}</span>
        {entry.source === 'app' ? (
          <button className="btn btn-small" onClick={onEdit} data-testid="station-edit">Edit</button>
        ) : (
          <span className="muted small">from the configuration file</span>
        )}
        {!entry.secretsPresent && <span className="state-badge state-error">secret missing</span>}
      </dt>
      <dd className="mono small">{c.user}@{c.host}:{c.port}{c.remoteRoot} · {c.include} · time {typeof c.timePattern === 'string' ? c.timePattern : 'custom'}</dd>
      <dd className="small">
        poll every {c.pollIntervalS} s · stable after 2 polls or {c.stableAfterS} s · {c.transfer.parallel} parallel,{' '}
        {c.transfer.order}{c.transfer.bandwidthLimitBps ? `, ≤ ${c.transfer.bandwidthLimitBps} B/s` : ''} · {authLabel(c)}
      </dd>
      <dd className="small muted">
        {c.lat.toFixed(4)}, {c.lon.toFixed(4)}{c.depthM === undefined ? '' : `, ${c.depthM} m`} · channels {c.channelLayout.join(', ')}
      </dd>
      <dd className="small muted" data-testid="station-config-signal">
        sidecar {c.sidecar} · gap tolerance {c.gapToleranceMs} ms · {conditioningLabel(c)}
      </dd>
    </div>
  );
}

function RemoteSettings() {
  const [entries, reload] = useRemoteEntries();
  const [editing, setEditing] = useState<{ form: StationForm; isNew: boolean } | undefined>();
  const done = () => {
    setEditing(undefined);
    reload();
  };
  const add = <button className="btn btn-small" onClick={() => setEditing({ form: EMPTY_FORM, isNew: true })} data-testid="station-add">Add station</button>;
  return (
    <Panel title="Remote stations" subtitle="SFTP settings" tools={editing ? undefined : add}>
      {editing && <StationEditor key={editing.form.id || 'new'} initial={editing.form} isNew={editing.isNew} onDone={done} />}
      {entries.length === 0 && !editing && (
        <div className="empty">No remote stations yet: add one here, or under "stations" in the --config file (docs/stations.md).</div>
      )}
      <dl className="station-configs">
        {entries.map((e) => (
          <ConfigSummary key={e.config.id} entry={e} onEdit={() => setEditing({ form: formFromConfig(e.config), isNew: false })} />
        ))}
      </dl>
    </Panel>
  );
}

export function StationsPage() {
  const statuses = useStationsStore((s) => s.statuses);
  const now = useNow();
  const prompts = statuses.filter((s) => s.ingest?.hostKey?.offered && s.ingest.hostKey.state !== 'trusted');
  const failures = statuses.flatMap((s) => (s.ingest?.recentFailures ?? []).map((f) => ({ station: s.name, ...f })));
  return (
    <div className="page stations-page">
      {prompts.map((s) => (
        <HostKeyPrompt key={s.stationId} station={s} />
      ))}
      <PanelErrorBoundary title="Stations">
        <Panel title="Stations" subtitle={`${statuses.length} station${statuses.length === 1 ? '' : 's'}`}>
          <StationsTable statuses={statuses} now={now} />
        </Panel>
      </PanelErrorBoundary>
      {failures.length > 0 && (
        <Panel title="Recent failures" subtitle="files given up on, with the reason">
          <ul className="failure-list">
            {failures.map((f) => (
              <li key={`${f.station}:${f.path}`}>
                <span className="mono">{f.path}</span> <span className="muted">({f.station})</span>: {f.reason}
              </li>
            ))}
          </ul>
        </Panel>
      )}
      <PanelErrorBoundary title="Remote stations">
        <RemoteSettings />
      </PanelErrorBoundary>
    </div>
  );
}
