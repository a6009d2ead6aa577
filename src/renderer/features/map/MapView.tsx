/**
 * The Leaflet map: offline Natural Earth land (1:50 m world, 1:10 m around the sensor from zoom 7),
 * the sensor with its range rings, and the vessel canvas layer. Nothing is fetched from the network
 * unless the analyst set an online tile URL (Map settings); then the tiles lie under the land, which
 * is drawn as coastline only.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { Circle, CircleMarker, GeoJSON, MapContainer, TileLayer, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import type { VesselPositions, VesselTrack } from '../../../shared/ais.ts';
import { useBasemap } from './use-basemap.ts';
import { VesselCanvasLayer } from './vessel-layer.ts';

const DETAIL_FROM_ZOOM = 7;
const LAND_STYLE: L.PathOptions = { color: '#5d7187', weight: 1, fillColor: '#1f2a36', fillOpacity: 1 };
const RING_STYLE: L.PathOptions = { color: '#4ea1ff', weight: 1, opacity: 0.7, dashArray: '4 4', fill: false };
const SENSOR_STYLE: L.PathOptions = { color: '#ffffff', weight: 2, fillColor: '#ff5d5d', fillOpacity: 1 };
const COAST_STYLE: L.PathOptions = { ...LAND_STYLE, fillOpacity: 0 };
const landStyle = () => LAND_STYLE;
const coastStyle = () => COAST_STYLE;

interface MapViewProps {
  sensor: { lat: number; lon: number; name: string };
  rings: readonly number[];
  /** Every vessel to draw (compact; undefined: none yet). */
  positions: VesselPositions | undefined;
  tracks: readonly VesselTrack[];
  selected: number | undefined;
  onSelect: (mmsi: number | undefined) => void;
  /** An online XYZ tile layer (off by default; the page's CSP must allow its host). */
  tiles?: { url: string; attribution: string };
}

/**
 * Land polygons, switching to the detailed set when zoomed in. Memoised, like the rings: react-leaflet
 * compares props by identity and would restyle every land path on each per-second vessel update.
 */
const BaseMap = memo(function BaseMap({ lat, lon, outline }: { lat: number; lon: number; outline: boolean }) {
  const center = useMemo(() => ({ lat, lon }), [lat, lon]);
  const basemap = useBasemap(center);
  // Land goes in the tile pane, under the rings (overlay pane) and the vessel canvas (marker pane).
  const svg = useMemo(() => L.svg({ padding: 0.5, pane: 'tilePane' }), []);
  const [zoom, setZoom] = useState(useMap().getZoom());
  useMapEvents({ zoomend: (e) => setZoom(e.target.getZoom()) });
  if (basemap === undefined) return null;
  if (!basemap.ok) return null;
  const detailed = zoom >= DETAIL_FROM_ZOOM;
  return (
    <GeoJSON
      key={`${detailed ? 'detail' : 'world'}-${outline ? 'coast' : 'land'}`}
      data={detailed ? basemap.detail : basemap.world}
      style={outline ? coastStyle : landStyle}
      interactive={false}
      attribution="Land: Natural Earth (public domain)"
      {...{ renderer: svg }}
    />
  );
});

/** The sensor and its range rings. */
const SensorMarks = memo(function SensorMarks({ lat, lon, name, rings }: { lat: number; lon: number; name: string; rings: readonly number[] }) {
  const svg = useMemo(() => L.svg(), []);
  const center = useMemo((): [number, number] => [lat, lon], [lat, lon]);
  return (
    <>
      {rings.map((km) => (
        <Circle key={km} center={center} radius={km * 1000} pathOptions={RING_STYLE} interactive={false} {...{ renderer: svg }} />
      ))}
      <CircleMarker center={center} radius={7} pathOptions={SENSOR_STYLE} {...{ renderer: svg }}>
        <Tooltip>{name}</Tooltip>
      </CircleMarker>
    </>
  );
});

/** Adds the vessel canvas layer and keeps it fed. */
function VesselLayer({ positions, tracks, selected, onSelect }: Omit<MapViewProps, 'sensor' | 'rings' | 'tiles'>) {
  const map = useMap();
  const layer = useRef<VesselCanvasLayer | undefined>(undefined);
  const select = useRef(onSelect);
  select.current = onSelect;
  useEffect(() => {
    const l = new VesselCanvasLayer((mmsi) => select.current(mmsi));
    layer.current = l;
    l.addTo(map);
    return () => {
      l.remove();
    };
  }, [map]);
  useEffect(() => layer.current?.setData({ positions, tracks, selected }), [positions, tracks, selected]);
  return null;
}

/** Re-centres on the selected vessel only when asked (keeps the analyst's view otherwise). */
export function MapView({ sensor, rings, positions, tracks, selected, onSelect, tiles }: MapViewProps) {
  return (
    <MapContainer
      center={[sensor.lat, sensor.lon]}
      zoom={9}
      minZoom={2}
      maxZoom={14}
      preferCanvas
      worldCopyJump
      className="map-canvas"
      attributionControl
      data-testid="map"
    >
      {tiles && <TileLayer url={tiles.url} attribution={tiles.attribution} zIndex={0} />}
      <BaseMap lat={sensor.lat} lon={sensor.lon} outline={tiles !== undefined} />
      <SensorMarks lat={sensor.lat} lon={sensor.lon} name={sensor.name} rings={rings} />
      <VesselLayer positions={positions} tracks={tracks} selected={selected} onSelect={onSelect} />
    </MapContainer>
  );
}
