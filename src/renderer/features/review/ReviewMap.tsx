/**
 * The map beside the review timeline, at the time cursor: vessels around the station then, their
 * tracks over the last half hour, the range rings. The cursor also drives the Map page
 * (`useMapTimeStore.showTime`), so switching to it shows the same instant.
 */
import { useEffect } from 'react';
import { formatUtcDateTime } from '../../lib/time-format.ts';
import { useSettled } from '../../lib/use-settled.ts';
import { MapView } from '../map/MapView.tsx';
import { useMapTimeStore } from '../map/map-time-store.ts';
import { useTracks, useVesselsAt } from '../map/use-vessel-picture.ts';
import { useStation } from './use-station.ts';
import '../map/map.css';

const RANGE_KM = 40;
const TRACK_MS = 30 * 60_000;

/** How long the cursor must rest before the map asks for the vessels then (panning moves it every frame). */
const SETTLE_MS = 200;

export function ReviewMap({ stationId, time: moving }: { stationId: string | undefined; time: number | undefined }) {
  const time = useSettled(moving, SETTLE_MS);
  const station = useStation(stationId);
  const selected = useMapTimeStore((s) => s.selected);
  const select = useMapTimeStore((s) => s.select);
  useEffect(() => {
    if (time !== undefined) useMapTimeStore.getState().showTime(time);
  }, [time]);
  const picture = useVesselsAt(stationId, time, RANGE_KM);
  const tracks = useTracks(stationId, time, TRACK_MS, RANGE_KM);
  if (!station || time === undefined) return <div className="empty">No station position yet.</div>;
  const vessels = picture?.vessels ?? [];
  return (
    <div className="review-map">
      <div className="muted" data-testid="review-map-time">
        {formatUtcDateTime(time)} UTC · {vessels.length} vessel{vessels.length === 1 ? '' : 's'} within {RANGE_KM} km
      </div>
      <MapView sensor={station} rings={[10, 20, 40]} vessels={vessels} tracks={tracks} selected={selected} onSelect={select} />
    </div>
  );
}
