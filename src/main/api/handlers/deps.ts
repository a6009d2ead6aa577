/** What handlers may use: the services of the container. Add a service here when a domain needs it. */
import type { Repositories } from '../../storage/repositories.ts';
import type { ModelRegistry } from '../../models/model-registry.ts';
import type { LiveStations } from '../../pipeline/live-stations.ts';
import type { AisService } from '../../ais/ais-service.ts';

export interface HandlerDeps {
  repos: Repositories;
  registry: ModelRegistry;
  stations: LiveStations;
  ais: AisService;
  info: { mode: 'desktop' | 'headless' | 'cli'; dataDir: string; startedAt: number; version: string };
}
