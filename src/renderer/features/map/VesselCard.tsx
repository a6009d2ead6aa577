/** Everything known about the selected vessel: identity, type and class, size, motion, range/bearing, CPA, passes. */
import type { ReactNode } from 'react';
import type { VesselDetail } from '../../../shared/ais.ts';
import { formatUtcDateTime, formatUtcRange } from '../../lib/time-format.ts';
import { formatDegrees, formatDistance, formatKnots, formatTcpa } from './format.ts';
import { useMapTimeStore } from './map-time-store.ts';
import { vesselColor } from './vessel-style.ts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function dimensions(d: VesselDetail): string {
  const s = d.static;
  if (s?.lengthM === undefined && s?.beamM === undefined) return '—';
  return `${s?.lengthM ?? '?'} × ${s?.beamM ?? '?'} m${s?.draughtM === undefined ? '' : `, draught ${s.draughtM} m`}`;
}

export function VesselCard({ detail, onClose }: { detail: VesselDetail; onClose: () => void }) {
  const s = detail.static;
  const at = detail.at;
  return (
    <div className="vessel-card" data-testid="vessel-card">
      <div className="vessel-card-head">
        <span className="class-swatch" style={{ background: vesselColor(detail.vesselClass) }} />
        <strong>{s?.name ?? `MMSI ${detail.mmsi}`}</strong>
        <button type="button" className="btn btn-small" onClick={onClose} aria-label="Close">×</button>
      </div>
      <dl className="kv">
        <Row label="MMSI">{detail.mmsi}</Row>
        <Row label="Call sign / IMO">{s?.callsign ?? '—'} / {s?.imo ?? '—'}</Row>
        <Row label="Type">{detail.shipTypeText ?? '—'}</Row>
        <Row label="Class">{detail.vesselClass === 'unknown' ? 'Unknown' : detail.vesselClass}{s?.transponder ? ` · AIS class ${s.transponder}` : ''}</Row>
        <Row label="Size">{dimensions(detail)}</Row>
        {s?.destination && <Row label="Destination">{s.destination}{s.eta ? ` (ETA ${s.eta})` : ''}</Row>}
        <Row label="Speed / course">{formatKnots(at?.sog)} / {formatDegrees(at?.cog)}{at?.heading == null ? '' : ` (hdg ${formatDegrees(at.heading)})`}</Row>
        <Row label="From sensor">{at ? `${formatDistance(at.distanceM)} at ${formatDegrees(at.bearingDeg)}` : '—'}</Row>
        <Row label="CPA">{at?.cpaM == null ? '—' : `${formatDistance(at.cpaM)}, ${formatTcpa(at.tcpaS)}`}</Row>
        <Row label="Position">{at ? `${at.quality}, report ${formatUtcDateTime(at.reportTime)} UTC` : 'unknown at this time'}</Row>
        <Row label="Reports">{detail.reports}{detail.lastSeen ? `, last ${formatUtcDateTime(detail.lastSeen)} UTC` : ''}</Row>
      </dl>
      <div className="small muted">In range (last 24 h):</div>
      <ul className="pass-list" data-testid="vessel-passes">
        {detail.inRange.length === 0 && <li className="muted small">none</li>}
        {detail.inRange.map((p) => (
          <li key={p.start} className="small mono">
            <button type="button" className="link-button" title="Show the map at the closest approach" onClick={() => useMapTimeStore.getState().showTime(p.closestAt)}>
              {formatUtcRange(p.start, p.end)} · closest {formatDistance(p.closestM)}
            </button>
          </li>
        ))}
      </ul>
      {detail.history.length > 1 && <div className="small muted">{detail.history.length} static-data versions on record</div>}
    </div>
  );
}
