/**
 * The trust prompt for a remote station's SSH host key: the fingerprint the server presents,
 * how to verify it, and — for a changed key — a loud warning and an explicit confirmation.
 */
import { useState } from 'react';
import type { StationStatus } from '../../../shared/domain.ts';
import { useApi } from '../../app/api-context.tsx';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { groupFingerprint } from './station-format.ts';

export function HostKeyPrompt({ station }: { station: StationStatus }) {
  const api = useApi();
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const key = station.ingest?.hostKey;
  if (!key?.offered || key.state === 'trusted') return null;
  const changed = key.state === 'changed';
  const trust = async () => {
    setBusy(true);
    await invokeOrNotify(api, 'stations:trust-host-key', { stationId: station.stationId, fingerprint: key.offered! }, 'Trusting the host key');
    setBusy(false);
  };
  return (
    <div className={`host-key-prompt ${changed ? 'changed' : ''}`} data-testid="host-key-prompt" data-station-id={station.stationId}>
      <div className="host-key-title">
        {changed ? `Host key CHANGED for ${station.name}` : `New host key for ${station.name}`}
      </div>
      {changed ? (
        <p>
          The server now presents a different key than the one pinned ({groupFingerprint(key.trusted ?? '')}). Someone may be
          intercepting the connection, or the station was reinstalled. Nothing is downloaded until you decide.
        </p>
      ) : (
        <p>The workstation has never connected to this server. Nothing is downloaded until you trust its key.</p>
      )}
      <div className="host-key-fp mono" data-testid="host-key-fingerprint">
        {key.keyType} {groupFingerprint(key.offered)}
      </div>
      <p className="muted small">
        Ask the station operator to read out <span className="mono">ssh-keygen -l -E sha256 -f /etc/ssh/ssh_host_{'*'}_key.pub</span> and
        compare every character.
      </p>
      <label className="field">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="host-key-confirm" />
        I compared the fingerprint with the station operator
      </label>
      <button className="btn btn-small" disabled={!confirmed || busy} onClick={() => void trust()} data-testid="host-key-trust">
        {changed ? 'Replace the pinned key' : 'Trust this key'}
      </button>
    </div>
  );
}
