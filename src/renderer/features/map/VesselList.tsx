/**
 * The vessels within range at the cursor time, nearest first; a click selects one. At most the nearest
 * 100 rows: only those are fetched as full records (the map gets every vessel in compact form). A busy
 * picture (2,000 vessels) re-rendered every second would otherwise cost the map its frame rate, and
 * nobody reads the 1,500th row; the selected vessel further out has its card.
 */
import { memo } from 'react';
import type { VesselAt } from '../../../shared/ais.ts';
import { formatDegrees, formatDistance, formatKnots } from './format.ts';
import { vesselColor } from './vessel-style.ts';

interface VesselListProps {
  vessels: readonly VesselAt[];
  /** Vessels within range in all (the list holds the nearest of them). */
  inRange: number;
  selected: number | undefined;
  onSelect: (mmsi: number) => void;
}

export const MAX_ROWS = 100;

/** Memoised: the page re-renders every second with the stream time; the rows change only with a new picture. */
export const VesselList = memo(function VesselList({ vessels, inRange, selected, onSelect }: VesselListProps) {
  if (vessels.length === 0) return <div className="empty">No vessel within range at this time.</div>;
  const shown = vessels.slice(0, MAX_ROWS);
  return (
    <div className="table-scroll vessel-list">
      <table className="data-table">
        <thead>
          <tr>
            <th>Vessel</th>
            <th>Class</th>
            <th className="num">Range</th>
            <th className="num">Brg</th>
            <th className="num">SOG</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((v) => (
            <tr
              key={v.mmsi}
              data-testid="vessel-row"
              data-mmsi={v.mmsi}
              className={`${v.mmsi === selected ? 'selected' : ''} ${v.quality === 'stale' ? 'stale' : ''}`}
              onClick={() => onSelect(v.mmsi)}
            >
              <td title={`MMSI ${v.mmsi}`}>
                <span className="class-swatch" style={{ background: vesselColor(v.vesselClass) }} />
                {v.name ?? v.mmsi}
              </td>
              <td>{v.vesselClass === 'unknown' ? '?' : v.vesselClass}</td>
              <td className="num">{formatDistance(v.distanceM)}</td>
              <td className="num">{formatDegrees(v.bearingDeg)}</td>
              <td className="num">{formatKnots(v.sog)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length < inRange && (
        <div className="small muted more-rows" data-testid="vessel-list-more">
          {inRange - shown.length} more further out (the nearest {MAX_ROWS} are listed)
        </div>
      )}
    </div>
  );
});
