/**
 * Fetches the vessel picture for the map: vessels at the cursor time (every second it moves), their
 * tracks over the history window (every 15 s of data time), the selected vessel's detail and the
 * AIS sources' health (pushed by `ais:sources-changed`).
 */
import { useEffect, useState } from 'react';
import type { AisSourceHealth, VesselDetail, VesselsAtResponse, VesselTrack } from '../../../shared/ais.ts';
import { useApi } from '../../app/api-context.tsx';

const TRACKS_EVERY_MS = 15_000;
/** Track points per vessel: one a minute up to 5 h, then thinner (24 h × 2,000 vessels stays a few MB). */
const MAX_TRACK_POINTS = 240;

/** Vessels at `time` within `rangeKm` (refetched when the second changes). */
export function useVesselsAt(stationId: string | undefined, time: number | undefined, rangeKm: number): VesselsAtResponse | undefined {
  const api = useApi();
  const [data, setData] = useState<VesselsAtResponse | undefined>(undefined);
  const second = time === undefined ? undefined : Math.floor(time / 1000) * 1000;
  useEffect(() => {
    if (second === undefined) return;
    let live = true;
    void api.invoke('ais:vessels-at', { time: second, rangeKm, stationId }).then((r) => live && r.ok && setData(r.value));
    return () => {
      live = false;
    };
  }, [api, stationId, second, rangeKm]);
  return data;
}

/** Tracks of the vessels in range over [time − historyMs, time]. */
export function useTracks(stationId: string | undefined, time: number | undefined, historyMs: number, rangeKm: number): VesselTrack[] {
  const api = useApi();
  const [tracks, setTracks] = useState<VesselTrack[]>([]);
  const bucket = time === undefined ? undefined : Math.floor(time / TRACKS_EVERY_MS) * TRACKS_EVERY_MS;
  useEffect(() => {
    if (bucket === undefined || historyMs <= 0) return setTracks([]);
    let live = true;
    void api.invoke('ais:tracks', { from: bucket - historyMs, to: bucket, rangeKm, stationId, maxPoints: MAX_TRACK_POINTS }).then((r) => live && r.ok && setTracks(r.value));
    return () => {
      live = false;
    };
  }, [api, stationId, bucket, historyMs, rangeKm]);
  return tracks;
}

/** Detail of the selected vessel (refetched every 5 s of data time). */
export function useVesselDetail(stationId: string | undefined, mmsi: number | undefined, time: number | undefined, rangeKm: number): VesselDetail | undefined {
  const api = useApi();
  const [detail, setDetail] = useState<VesselDetail | undefined>(undefined);
  const bucket = time === undefined ? undefined : Math.floor(time / 5000) * 5000;
  useEffect(() => {
    if (mmsi === undefined || bucket === undefined) return setDetail(undefined);
    let live = true;
    void api.invoke('ais:vessel-detail', { mmsi, time: bucket, rangeKm, stationId }).then((r) => live && r.ok && setDetail(r.value));
    return () => {
      live = false;
    };
  }, [api, stationId, mmsi, bucket, rangeKm]);
  return detail;
}

/** Health of every AIS source. */
export function useAisSources(): AisSourceHealth[] {
  const api = useApi();
  const [sources, setSources] = useState<AisSourceHealth[]>([]);
  useEffect(() => {
    let live = true;
    void api.invoke('ais:sources-status', {}).then((r) => live && r.ok && setSources(r.value));
    const off = api.on('ais:sources-changed', (s) => setSources(s));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return sources;
}
