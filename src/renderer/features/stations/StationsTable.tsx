/**
 * Every station with its health: connection, last contact, backlog, transfer rate, lag behind
 * the station, failures — the remote-station columns stay empty for the demo station.
 */
import type { StationStatus } from '../../../shared/domain.ts';
import { useApi } from '../../app/api-context.tsx';
import { formatDuration } from '../../lib/time-format.ts';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { connectionLabel, formatAgo, formatRate } from './station-format.ts';

const count = new Intl.NumberFormat('en-US');

function IngestCells({ station, now }: { station: StationStatus; now: number }) {
  const api = useApi();
  const h = station.ingest;
  if (!h) return <td colSpan={7} className="muted">built-in</td>;
  return (
    <>
      <td>
        <span className={`conn conn-${h.connection}`}>{connectionLabel(h)}</span>
        <div className="muted small mono">{h.endpoint}</div>
      </td>
      <td className="num">{formatAgo(h.lastContactAt, now)}</td>
      <td className="num" title={`${h.settling} settling, ${h.backlog} to download, ${h.awaitingAnalysis} to analyse`}>
        {count.format(h.backlog + h.awaitingAnalysis)}
        {h.settling > 0 && <span className="muted small"> (+{h.settling} settling)</span>}
      </td>
      <td className="num">{h.downloading > 0 || h.bytesPerSecond > 0 ? formatRate(h.bytesPerSecond) : '—'}</td>
      <td className="num">{h.lagMs === undefined ? '—' : formatDuration(h.lagMs)}</td>
      <td className="num" title={h.lastError ? `${h.lastError.code}: ${h.lastError.message}` : undefined}>
        {count.format(h.failures)}
      </td>
      <td>
        <button className="btn btn-small" onClick={() => void invokeOrNotify(api, 'stations:poll-now', { stationId: station.stationId }, 'Polling')}>
          Poll now
        </button>
      </td>
    </>
  );
}

export function StationsTable({ statuses, now }: { statuses: readonly StationStatus[]; now: number }) {
  if (statuses.length === 0) return <div className="empty">No stations.</div>;
  return (
    <div className="table-scroll">
      <table className="data-table stations-table">
        <thead>
          <tr>
            <th>Station</th>
            <th>State</th>
            <th>Connection</th>
            <th>Last contact</th>
            <th>Backlog</th>
            <th>Transfer</th>
            <th>Lag</th>
            <th>Failures</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {statuses.map((s) => (
            <tr key={s.stationId} data-testid="station-row" data-station-id={s.stationId} data-state={s.state}>
              <td>
                <div>{s.name}</div>
                <div className="muted small mono">{s.stationId} · {s.kind}</div>
              </td>
              <td>
                <span className={`state-badge state-${s.state}`}>{s.state}</span>
                <div className="small station-message">{s.message}</div>
              </td>
              <IngestCells station={s} now={now} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
