/**
 * One handler per contract channel. Handlers receive validated requests and
 * return plain values or throw AppError; the router turns both into Results.
 */
import type { Repositories } from '../storage/repositories.ts';
import type { ModelRegistry } from '../models/model-registry.ts';
import type { LiveStations } from '../pipeline/live-stations.ts';
import type { Handlers } from './router.ts';

export interface HandlerDeps {
  repos: Repositories;
  registry: ModelRegistry;
  stations: LiveStations;
  info: { mode: 'desktop' | 'headless' | 'cli'; dataDir: string; startedAt: number };
}

const VERSION = '0.1.0';

export function createHandlers(d: HandlerDeps): Handlers {
  return {
    'app:get-info': () => ({
      version: VERSION, mode: d.info.mode === 'desktop' ? 'desktop' : 'headless', dataDir: d.info.dataDir, startedAt: d.info.startedAt,
    }),
    'stations:list': () => d.repos.stations.list(),
    'stations:status': () => d.stations.status(),
    'models:list': () => d.registry.info(),
    'models:set-active': (req) => d.registry.setActive(req.id, req.version, req.active),
    'predictions:recent': (req) => d.repos.predictions.recent(req.stationId, req.limit),
    'spectrogram:recent': (req) => d.stations.recentSpectrogram(req.stationId, req.seconds),
  };
}
