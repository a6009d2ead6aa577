/**
 * Stations: the health of every station, the host-key trust prompt of remote (SFTP) stations,
 * their recent failures and their configuration (from the --config file; docs/stations.md).
 */
import { useEffect, useState } from 'react';
import type { RemoteStationConfig } from '../../../shared/station-config.ts';
import { useApi } from '../../app/api-context.tsx';
import { Panel } from '../../components/Panel.tsx';
import { PanelErrorBoundary } from '../../components/PanelErrorBoundary.tsx';
import { useStationsStore } from '../../state/stations-store.ts';
import { HostKeyPrompt } from './HostKeyPrompt.tsx';
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

function useRemoteConfigs(): RemoteStationConfig[] {
  const api = useApi();
  const [configs, setConfigs] = useState<RemoteStationConfig[]>([]);
  useEffect(() => {
    void api.invoke('stations:remote-configs', {}).then((r) => r.ok && setConfigs(r.value));
  }, [api]);
  return configs;
}

function authLabel(c: RemoteStationConfig): string {
  if (c.auth.method === 'key') return `key ${c.auth.privateKeyPath}${c.auth.passphrase ? ' (passphrase)' : ''}`;
  if (c.auth.method === 'agent') return 'ssh-agent';
  return 'password';
}

function ConfigList({ configs }: { configs: RemoteStationConfig[] }) {
  if (configs.length === 0) {
    return <div className="empty">No remote stations configured. Add them under "stations" in the --config file (docs/stations.md).</div>;
  }
  return (
    <dl className="station-configs">
      {configs.map((c) => (
        <div key={c.id} className="station-config" data-testid="station-config">
          <dt>{c.name} <span className="muted mono">{c.id}</span>{c.enabled ? '' : ' (disabled)'}</dt>
          <dd className="mono small">{c.user}@{c.host}:{c.port}{c.remoteRoot} · {c.include} · time {typeof c.timePattern === 'string' ? c.timePattern : 'custom'}</dd>
          <dd className="small">
            poll every {c.pollIntervalS} s · stable after 2 polls or {c.stableAfterS} s · {c.transfer.parallel} parallel,{' '}
            {c.transfer.order}{c.transfer.bandwidthLimitBps ? `, ≤ ${c.transfer.bandwidthLimitBps} B/s` : ''} · {authLabel(c)}
          </dd>
          <dd className="small muted">
            {c.lat.toFixed(4)}, {c.lon.toFixed(4)}{c.depthM === undefined ? '' : `, ${c.depthM} m`} · channels {c.channelLayout.join(', ')}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function StationsPage() {
  const statuses = useStationsStore((s) => s.statuses);
  const now = useNow();
  const configs = useRemoteConfigs();
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
      <Panel title="Remote station settings" subtitle="from the configuration file">
        <ConfigList configs={configs} />
      </Panel>
    </div>
  );
}
