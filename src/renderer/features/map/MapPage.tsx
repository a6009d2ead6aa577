/**
 * The map page: where every vessel is around the sensor at the cursor time (live by default), their
 * tracks, the list of vessels in range, the selected vessel's card, the AIS sources' health, and the
 * settings (AIS sources and API keys, the optional online tile layer).
 */
import { Panel } from '../../components/Panel.tsx';
import { PanelErrorBoundary } from '../../components/PanelErrorBoundary.tsx';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { useSelectedStation, useStationsStore } from '../../state/stations-store.ts';
import { useEffect, useMemo, useState } from 'react';
import type { Station } from '../../../shared/domain.ts';
import { useApi } from '../../app/api-context.tsx';
import { MapControls, parseRings } from './MapControls.tsx';
import { SourceSettings, TileSettings } from './MapSettings.tsx';
import { MapView } from './MapView.tsx';
import { cursorTime, useMapTimeStore } from './map-time-store.ts';
import { SourcesList } from './SourcesList.tsx';
import { useMapTiles } from './use-map-settings.ts';
import { useAisSources, useTracks, useVesselDetail, useVesselsAt } from './use-vessel-picture.ts';
import { VesselCard } from './VesselCard.tsx';
import { MAX_ROWS, VesselList } from './VesselList.tsx';
import './map.css';

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isString = (v: unknown): v is string => typeof v === 'string';

/** Wall-clock time, ticking every second while `ticking` (no station stream time to follow). */
function useWallClock(ticking: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** The station records (for the sensor position), fetched once. */
function useStations(): readonly Station[] {
  const api = useApi();
  const [stations, setStations] = useState<readonly Station[]>([]);
  useEffect(() => {
    void api.invoke('stations:list', {}).then((r) => r.ok && setStations(r.value));
  }, [api]);
  return stations;
}

export function MapPage() {
  const selectedId = useStationsStore((s) => s.selectedId);
  const status = useSelectedStation();
  const stations = useStations();
  // A station without a live stream (AIS only, or stopped) still has a sensor position to draw around.
  const station = stations.find((s) => s.id === selectedId) ?? stations[0];
  const stationId = station?.id;
  const [rangeKm, setRangeKm] = usePersistentState('map.rangeKm', 40, isNumber);
  const [historyMs, setHistoryMs] = usePersistentState('map.historyMs', 3_600_000, isNumber);
  const [ringsText, setRingsText] = usePersistentState('map.rings', '10, 20, 40', isString);
  const rings = useMemo(() => parseRings(ringsText), [ringsText]);
  const timeState = useMapTimeStore();
  const now = useWallClock(status?.lastAudioAt === undefined);
  const time = cursorTime(timeState, status?.lastAudioAt, now);
  const picture = useVesselsAt(stationId, time, rangeKm, MAX_ROWS);
  const tracks = useTracks(stationId, time, historyMs, rangeKm);
  const detail = useVesselDetail(stationId, timeState.selected, time, rangeKm);
  const sources = useAisSources();
  const { active: tiles, current: tileSetting, changed: tilesChanged } = useMapTiles();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const vessels = picture?.vessels ?? [];
  const inRange = picture?.inRange ?? vessels.length;
  return (
    <div className="map-grid">
      <PanelErrorBoundary title="Map">
        <Panel
          title="Map"
          className="map-panel"
          subtitle={`${inRange} vessels within ${rangeKm} km${picture?.outOfRange ? ` · ${picture.outOfRange} further out` : ''}`}
          tools={<MapControls liveTime={status?.lastAudioAt} time={time} rangeKm={rangeKm} setRangeKm={setRangeKm} historyMs={historyMs} setHistoryMs={setHistoryMs} ringsText={ringsText} setRingsText={setRingsText} />}
        >
          {station === undefined ? (
            <div className="empty">Waiting for the station…</div>
          ) : (
            <MapView
              sensor={station}
              rings={rings}
              positions={picture?.positions}
              tracks={tracks}
              selected={timeState.selected}
              onSelect={timeState.select}
              tiles={tiles?.url ? { url: tiles.url, attribution: tiles.attribution } : undefined}
            />
          )}
        </Panel>
      </PanelErrorBoundary>
      <div className="map-side">
        <PanelErrorBoundary title="Vessel">
          {detail !== undefined && (
            <Panel title="Vessel">
              <VesselCard detail={detail} onClose={() => timeState.select(undefined)} />
            </Panel>
          )}
        </PanelErrorBoundary>
        <PanelErrorBoundary title="In range">
          <Panel title="In range" subtitle={<span data-testid="vessel-count">{inRange}</span>}>
            <VesselList vessels={vessels} inRange={inRange} selected={timeState.selected} onSelect={timeState.select} />
          </Panel>
        </PanelErrorBoundary>
        <PanelErrorBoundary title="AIS sources">
          <Panel
            title="AIS sources"
            tools={
              <button type="button" className={`btn btn-small ${settingsOpen ? 'btn-active' : ''}`} data-testid="map-settings-toggle" onClick={() => setSettingsOpen((o) => !o)}>
                {settingsOpen ? 'Done' : 'Settings'}
              </button>
            }
          >
            {settingsOpen ? <SourceSettings /> : <SourcesList sources={sources} />}
          </Panel>
        </PanelErrorBoundary>
        {settingsOpen && tileSetting !== undefined && (
          <PanelErrorBoundary title="Map tiles">
            <Panel title="Map tiles">
              <TileSettings tiles={tileSetting} changed={tilesChanged} />
            </Panel>
          </PanelErrorBoundary>
        )}
      </div>
    </div>
  );
}
