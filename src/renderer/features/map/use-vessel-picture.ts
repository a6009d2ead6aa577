/**
 * Fetches the vessel picture for the map: vessels at the cursor time (every second it moves), their
 * tracks over the history window (every 15 s of data time, incrementally), the selected vessel's detail and the
 * AIS sources' health (pushed by `ais:sources-changed`). Everything is fetched again when the class
 * mapping changes (`classes:mapping-changed`): the server classes vessels by the current mapping version.
 * New pictures and tracks arriving while the map is dragged wait for the end of the move (map-motion.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { AisSourceHealth, VesselDetail, VesselsAtResponse, VesselTrack } from '../../../shared/ais.ts';
import type { Api } from '../../../shared/api.ts';
import { useApi } from '../../app/api-context.tsx';
import { TrackStore } from './track-store.ts';
import { useStateHeldWhileMoving } from './map-motion.ts';
import { useMappingVersion } from './use-class-mapping.ts';

const TRACKS_EVERY_MS = 15_000;
/** Track points per vessel: one a minute up to 5 h, then thinner (24 h × 2,000 vessels stays a few MB). */
const MAX_TRACK_POINTS = 240;

/** Whether a component is still mounted (for async loops that outlive an effect run). */
function useMounted(): { current: boolean } {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}

/**
 * Vessels at `time` within `rangeKm` (refetched when the second changes): every vessel as compact
 * positions (for the map) and full records of the nearest `listLimit` (for the list). One request at a
 * time, then the newest second asked for meanwhile: a busy server answering in more than a second
 * still gets its answers shown (dropping every late answer would show nothing at all) and no backlog.
 */
export function useVesselsAt(stationId: string | undefined, time: number | undefined, rangeKm: number, listLimit: number): VesselsAtResponse | undefined {
  const api = useApi();
  const mappingVersion = useMappingVersion();
  const mounted = useMounted();
  const [data, setData] = useStateHeldWhileMoving<VesselsAtResponse | undefined>(undefined);
  const sync = useRef<{ running: boolean; next?: { time: number; rangeKm: number; stationId?: string; listLimit: number } }>({ running: false });
  const second = time === undefined ? undefined : Math.floor(time / 1000) * 1000;
  useEffect(() => {
    if (second === undefined) return;
    const s = sync.current;
    s.next = { time: second, rangeKm, stationId, listLimit };
    if (s.running) return;
    s.running = true;
    void (async () => {
      while (s.next !== undefined && mounted.current) {
        const q = s.next;
        s.next = undefined;
        const r = await api.invoke('ais:vessels-at', { ...q, positions: true });
        if (r.ok && mounted.current) setData(r.value);
      }
      s.running = false;
    })();
  }, [api, stationId, second, rangeKm, listLimit, mappingVersion, setData, mounted]);
  return data;
}

/** Incremental fetches restart this far before the previous end: fixes stored late still get in. */
const SINCE_MARGIN_MS = 120_000;

interface TrackQuery {
  stationId: string | undefined;
  to: number;
  historyMs: number;
  rangeKm: number;
}

/**
 * Brings `store` to `q`: a full fetch when nothing comparable was fetched before (other station, range,
 * window, or a jump), else only the points since the last fetch plus the whole tracks of newcomers.
 */
async function syncTracks(api: Api, store: TrackStore, q: TrackQuery, previous: TrackQuery | undefined): Promise<boolean> {
  const base = { from: q.to - q.historyMs, to: q.to, rangeKm: q.rangeKm, stationId: q.stationId, maxPoints: MAX_TRACK_POINTS };
  const comparable = previous !== undefined && previous.stationId === q.stationId && previous.rangeKm === q.rangeKm &&
    previous.historyMs === q.historyMs && q.to >= previous.to && q.to - previous.to < q.historyMs / 2;
  if (!comparable) {
    const full = await api.invoke('ais:tracks', base);
    if (!full.ok) return false;
    store.replace(full.value);
    return true;
  }
  const since = previous.to - SINCE_MARGIN_MS;
  const update = await api.invoke('ais:tracks', { ...base, since });
  if (!update.ok) return false;
  const newcomers = store.merge(update.value, since);
  if (newcomers.length > 0) {
    const added = await api.invoke('ais:tracks', { ...base, mmsis: newcomers });
    if (added.ok) store.add(added.value);
  }
  store.trim(base.from);
  return true;
}

/**
 * Tracks of the vessels in range over [time − historyMs, time], refreshed every 15 s of data time. After
 * the first fetch only new points are asked for (a day of 2,000 tracks is ~15 MB of JSON; 15 s of it is
 * a few kB). One fetch at a time; a newer time waiting meanwhile is fetched next.
 */
export function useTracks(stationId: string | undefined, time: number | undefined, historyMs: number, rangeKm: number): VesselTrack[] {
  const api = useApi();
  const mappingVersion = useMappingVersion();
  const [tracks, setTracks] = useStateHeldWhileMoving<VesselTrack[]>([]);
  const sync = useRef<{ store: TrackStore; done?: TrackQuery; running: boolean; next?: TrackQuery; mounted: boolean }>({
    store: new TrackStore(), running: false, mounted: true,
  });
  const bucket = time === undefined ? undefined : Math.floor(time / TRACKS_EVERY_MS) * TRACKS_EVERY_MS;
  useEffect(() => {
    const s = sync.current;
    if (bucket === undefined || historyMs <= 0) {
      s.next = s.done = undefined;
      return setTracks([]);
    }
    s.next = { stationId, to: bucket, historyMs, rangeKm };
    if (s.running) return;
    s.running = true;
    void (async () => {
      while (s.next !== undefined && s.mounted) {
        const q = s.next;
        s.next = undefined;
        const ok = await syncTracks(api, s.store, q, s.done);
        s.done = ok ? q : undefined;
        // A newer time already waits: show the tracks once it is fetched too.
        if (ok && s.next === undefined && s.mounted) setTracks(s.store.list());
      }
      s.running = false;
    })();
    // A new mapping version re-runs the (incremental) fetch: it returns every track in range with its new class.
  }, [api, stationId, bucket, historyMs, rangeKm, mappingVersion, setTracks]);
  useEffect(() => {
    const s = sync.current;
    s.mounted = true;
    return () => {
      s.mounted = false;
    };
  }, []);
  return tracks;
}

/**
 * Detail of the selected vessel (refetched every 5 s of data time), with its stays in range over the
 * `windowMs` before `time` (default 24 h).
 */
export function useVesselDetail(stationId: string | undefined, mmsi: number | undefined, time: number | undefined, rangeKm: number, windowMs?: number): VesselDetail | undefined {
  const api = useApi();
  const mappingVersion = useMappingVersion();
  const [detail, setDetail] = useState<VesselDetail | undefined>(undefined);
  const bucket = time === undefined ? undefined : Math.floor(time / 5000) * 5000;
  useEffect(() => {
    if (mmsi === undefined || bucket === undefined) return setDetail(undefined);
    let live = true;
    void api.invoke('ais:vessel-detail', { mmsi, time: bucket, rangeKm, stationId, windowMs }).then((r) => live && r.ok && setDetail(r.value));
    return () => {
      live = false;
    };
  }, [api, stationId, mmsi, bucket, rangeKm, windowMs, mappingVersion]);
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
