/**
 * Over a review timeline: the segments the vessel picked on the map was in range during, as bands
 * (its stays within the review map's range, from `ais:vessel-detail`, over the visible window). Drawn
 * over the lanes (the parent positions it), on the lanes' time axis; it never takes pointer events.
 */
import { useMemo } from 'react';
import { PLOT_MARGINS } from '../../workers/spectrogram-layout.ts';
import { useMapTimeStore } from './map-time-store.ts';
import { useVesselDetail } from './use-vessel-picture.ts';
import { segmentsInStays, stayBands } from './vessel-stays.ts';

/** The range the review map shows and the stays are measured at, km. */
export const REVIEW_RANGE_KM = 40;
const MAX_WINDOW_MS = 30 * 86_400_000;

interface Props {
  stationId: string | undefined;
  segments: { starts: readonly number[]; ends: readonly number[] } | undefined;
  view: { from: number; to: number };
}

export function VesselStays({ stationId, segments, view }: Props) {
  const selected = useMapTimeStore((s) => s.selected);
  const windowMs = Math.min(MAX_WINDOW_MS, Math.max(1000, view.to - view.from));
  const detail = useVesselDetail(stationId, selected, view.to, REVIEW_RANGE_KM, windowMs);
  const bands = useMemo(() => {
    if (detail === undefined || segments === undefined || detail.mmsi !== selected) return [];
    return stayBands(segments.starts, segments.ends, segmentsInStays(segments.starts, segments.ends, detail.inRange));
  }, [detail, segments, selected]);
  if (selected === undefined || detail === undefined) return null;
  const span = Math.max(1, view.to - view.from);
  const pct = (t: number) => `${(100 * (Math.min(view.to, Math.max(view.from, t)) - view.from)) / span}%`;
  const name = detail.static?.name ?? `MMSI ${detail.mmsi}`;
  const count = bands.reduce((n, b) => n + b.segments, 0);
  return (
    <div className="vessel-stays" style={{ left: PLOT_MARGINS.left, right: PLOT_MARGINS.right }} data-testid="vessel-stays" data-mmsi={detail.mmsi} data-segments={count}
      data-stays={detail.inRange.length}>
      {bands.map((b) => (
        <div key={b.from} className="vessel-stay-band" data-testid="vessel-stay-band" data-from={b.from} data-to={b.to}
          style={{ left: pct(b.from), width: `calc(${pct(b.to)} - ${pct(b.from)})` }} />
      ))}
      <div className="vessel-stays-label small">
        {name}: in range ({REVIEW_RANGE_KM} km) during {count} segment{count === 1 ? '' : 's'} of this view
      </div>
    </div>
  );
}
