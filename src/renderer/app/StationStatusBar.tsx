/**
 * The selected station at a glance (name, state, speed, last audio, counts) and the picker.
 */
import type { StationStatus } from '../../shared/domain.ts';
import { formatUtcDateTime } from '../lib/time-format.ts';
import { useConnectionStore } from '../state/connection-store.ts';
import { useSelectedStation, useStationsStore } from '../state/stations-store.ts';

const count = new Intl.NumberFormat('en-US');

function StationPicker({ statuses, selectedId }: { statuses: readonly StationStatus[]; selectedId: string | undefined }) {
  const select = useStationsStore((s) => s.select);
  if (statuses.length < 2) return null;
  return (
    <select className="select" aria-label="Station" value={selectedId} onChange={(e) => select(e.target.value)}>
      {statuses.map((s) => (
        <option key={s.stationId} value={s.stationId}>
          {s.name}
        </option>
      ))}
    </select>
  );
}

function Stat({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <span className="stat" title={title}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
    </span>
  );
}

/** A warning for the stations not shown: one that is in error or behind real time must not go unnoticed. */
function OtherStationsWarning({ statuses, selectedId }: { statuses: readonly StationStatus[]; selectedId: string | undefined }) {
  const troubled = statuses.filter((s) => s.stationId !== selectedId && (s.state === 'error' || s.state === 'behind'));
  if (troubled.length === 0) return null;
  const text = troubled.length === 1 ? `${troubled[0]!.name}: ${troubled[0]!.state}` : `${troubled.length} stations need attention`;
  return (
    <a className="state-badge state-behind other-stations" href="#/stations" title={troubled.map((s) => `${s.name}: ${s.message}`).join('\n')} data-testid="other-stations-warning">
      {text}
    </a>
  );
}

export function StationStatusBar() {
  const statuses = useStationsStore((s) => s.statuses);
  const selectedId = useStationsStore((s) => s.selectedId);
  const loaded = useStationsStore((s) => s.loaded);
  const connected = useConnectionStore((s) => s.status.state === 'open');
  const station = useSelectedStation();
  if (!station) {
    const text = loaded ? 'No stations configured' : connected ? 'Loading stations…' : 'Not connected';
    return (
      <div className="station-status" data-testid="station-status">
        <span className="muted">{text}</span>
      </div>
    );
  }
  return (
    <div className={`station-status ${connected ? '' : 'stale'}`} data-testid="station-status" data-state={station.state}>
      <StationPicker statuses={statuses} selectedId={selectedId} />
      <span className="station-name" title={`${station.stationId} (${station.kind})`}>{station.name}</span>
      {connected ? (
        <span className={`state-badge state-${station.state}`} title={station.message} data-testid="station-state">
          {station.state}
        </span>
      ) : (
        <span className="state-badge state-stale" title="no connection: the figures below are the last known" data-testid="station-state">
          no link
        </span>
      )}
      <Stat label="speed" value={`×${station.speed}`} title="demo / replay speed" />
      <Stat label="last audio" value={station.lastAudioAt === undefined ? '—' : `${formatUtcDateTime(station.lastAudioAt)} UTC`} />
      <Stat label="segments" value={count.format(station.segments)} />
      <Stat label="predictions" value={count.format(station.predictions)} />
      {station.errors > 0 && <Stat label="errors" value={count.format(station.errors)} title={station.message} />}
      <OtherStationsWarning statuses={statuses} selectedId={selectedId} />
    </div>
  );
}
