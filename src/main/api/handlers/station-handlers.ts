/** Handlers of the `stations:`, `spectrogram:` and `predictions:` channels (the live view). */
import type { Handlers } from '../router.ts';
import type { HandlerDeps } from './deps.ts';

type Channels = 'stations:list' | 'stations:status' | 'predictions:recent' | 'spectrogram:recent' | 'spectrogram:tiles' | 'spectrogram:fft-size';

export function stationHandlers(d: HandlerDeps): Pick<Handlers, Channels> {
  return {
    'stations:list': () => d.repos.stations.list(),
    'stations:status': () => d.stations.status(),
    'predictions:recent': (req) => d.repos.predictions.recent(req.stationId, req.limit),
    'spectrogram:recent': (req) => d.stations.recentSpectrogram(req.stationId, req.seconds),
    'spectrogram:tiles': (req) => d.tiles.query(req),
    'spectrogram:fft-size': (req) =>
      req.nFft === undefined ? d.stations.displayFftSize(req.stationId) : d.stations.setDisplayFftSize(req.stationId, req.nFft),
  };
}
