/**
 * The map beside the review timeline, at the time cursor (or at the instant under the pointer while the
 * lanes are hovered): vessels around the station then, their tracks over the last half hour, the range
 * rings. The cursor also drives the Map page (`useMapTimeStore.showTime`), so switching to it shows the
 * same instant. Clicking a vessel picks it; the timeline then highlights its stays (VesselStays).
 */
import { useEffect } from 'react';
import { formatUtcDateTime } from '../../lib/time-format.ts';
import { useSettled } from '../../lib/use-settled.ts';
import { MapView } from '../map/MapView.tsx';
import { useMapTimeStore } from '../map/map-time-store.ts';
import { useTracks, useVesselsAt } from '../map/use-vessel-picture.ts';
import { REVIEW_RANGE_KM } from '../map/VesselStays.tsx';
import { useStation } from './use-station.ts';
import '../map/map.css';

const RANGE_KM = REVIEW_RANGE_KM;
const TRACK_MS = 30 * 60_000;

/** How long the cursor must rest before the map asks for the vessels then (panning moves it every frame). */
const SETTLE_MS = 200;

export function ReviewMap({ stationId, time: moving }: { stationId: string | undefined; time: number | undefined }) {
  const cursor = useSettled(moving, SETTLE_MS);
  const station = useStation(stationId);
  const selected = useMapTimeStore((s) => s.selected);
  const select = useMapTimeStore((s) => s.select);
  const hoverTime = useMapTimeStore((s) => s.hoverTime);
  const time = hoverTime ?? cursor;
  useEffect(() => {
    if (cursor !== undefined) useMapTimeStore.getState().showTime(cursor);
  }, [cursor]);
  // A hover never outlives the view (the pointer may leave with the page).
  useEffect(() => () => useMapTimeStore.getState().hover(undefined), []);
  const picture = useVesselsAt(stationId, time, RANGE_KM, 0);
  const tracks = useTracks(stationId, time, TRACK_MS, RANGE_KM);
  if (!station || time === undefined) return <div className="empty">No station position yet.</div>;
  const count = picture?.inRange ?? 0;
  return (
    <div className="review-map">
      <div className="muted" data-testid="review-map-time" data-time={Math.floor(time / 1000) * 1000} data-hover={String(hoverTime !== undefined)}>
        {formatUtcDateTime(time)} UTC · {count} vessel{count === 1 ? '' : 's'} within {RANGE_KM} km
      </div>
      <MapView sensor={station} rings={[10, 20, 40]} positions={picture?.positions} tracks={tracks} selected={selected} onSelect={select} />
    </div>
  );
}
