/**
 * Handlers of the `ais:` channels (the vessel picture around a station's sensor, source health, source
 * settings and API keys) and `map:tiles` (the map's optional online tile layer).
 */
import { AppError } from '../../../shared/errors.ts';
import type { Station } from '../../../shared/domain.ts';
import { readMapTiles, writeMapTiles } from '../../vessels/map-tiles.ts';
import { tracksBetween, vesselDetail, vesselsAt } from '../../vessels/picture.ts';
import { compactPositions, currentMappingClassifier } from '../../vessels/positions.ts';
import type { Handlers } from '../router.ts';
import type { HandlerDeps } from './deps.ts';

type Channels =
  | 'ais:vessels-at' | 'ais:tracks' | 'ais:vessel-detail' | 'ais:sources-status'
  | 'ais:source-configs' | 'ais:save-source' | 'ais:delete-source' | 'ais:set-api-key' | 'map:tiles';

/** The station whose hydrophone is the sensor: the one asked for, else the first. */
function sensorStation(d: HandlerDeps, stationId: string | undefined): Station | undefined {
  const stations = d.repos.stations.list();
  if (stationId === undefined) return stations[0];
  const station = stations.find((s) => s.id === stationId);
  if (station === undefined) throw new AppError('NOT_FOUND', `no station ${stationId}`);
  return station;
}

export function aisHandlers(d: HandlerDeps): Pick<Handlers, Channels> {
  return {
    'ais:vessels-at': (req) => {
      const station = sensorStation(d, req.stationId);
      const rangeM = req.rangeKm * 1000;
      if (station === undefined) return { time: req.time, sensor: null, rangeM, vessels: [], outOfRange: 0 };
      const { version, classify } = currentMappingClassifier(d.truth.mapping, d.ais.vessels);
      const { vessels, outOfRange } = vesselsAt(d.ais.vessels, station, req.time, rangeM, { classify });
      return {
        time: req.time, sensor: { stationId: station.id, name: station.name, lat: station.lat, lon: station.lon }, rangeM, outOfRange,
        vessels: req.listLimit === undefined ? vessels : vessels.slice(0, req.listLimit), inRange: vessels.length,
        ...(req.positions ? { positions: compactPositions(vessels) } : {}), mappingVersion: version,
      };
    },
    'ais:tracks': (req) => {
      if (req.to < req.from) throw new AppError('BAD_REQUEST', 'ais:tracks: "to" is before "from"');
      let mmsis: Set<number> | undefined = req.mmsis === undefined ? undefined : new Set(req.mmsis);
      if (mmsis === undefined) {
        const station = sensorStation(d, req.stationId);
        if (station === undefined) return [];
        mmsis = new Set(vesselsAt(d.ais.vessels, station, req.to, req.rangeKm * 1000).vessels.map((v) => v.mmsi));
      }
      return tracksBetween(d.ais.vessels, req.from, req.to, mmsis, req.maxPoints, req.since, currentMappingClassifier(d.truth.mapping, d.ais.vessels).classify);
    },
    'ais:vessel-detail': (req) => {
      const station = sensorStation(d, req.stationId);
      const { classify } = currentMappingClassifier(d.truth.mapping, d.ais.vessels);
      return vesselDetail(d.ais.vessels, req.mmsi, station, req.time, req.rangeKm * 1000, { t0: req.time - req.windowMs, t1: req.time }, classify);
    },
    'ais:sources-status': () => d.ais.sources.status(),
    'ais:source-configs': () => d.ais.configs.entries(),
    'ais:save-source': (req) => d.ais.saveSource(req.config, req.apiKey),
    'ais:delete-source': async (req) => {
      await d.ais.deleteSource(req.id);
      return { id: req.id };
    },
    'ais:set-api-key': (req) => d.ais.setApiKey(req.id, req.apiKey),
    'map:tiles': (req) => (req.url === undefined && req.attribution === undefined ? readMapTiles(d.repos.settings) : writeMapTiles(d.repos.settings, req)),
  };
}
