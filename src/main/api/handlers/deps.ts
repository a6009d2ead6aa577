/** What handlers may use: the services of the container. Add a service here when a domain needs it. */
import type { Repositories } from '../../storage/repositories.ts';
import type { ModelRegistry } from '../../models/model-registry.ts';
import type { BackfillService } from '../../models/backfill-service.ts';
import type { LiveStations } from '../../pipeline/live-stations.ts';
import type { AisService } from '../../ais/ais-service.ts';
import type { IngestService } from '../../ingest/ingest-service.ts';
import type { TileService } from '../../tiles/tiles-service.ts';
import type { SessionService } from '../../sessions/session-service.ts';
import type { TruthServices } from '../../labels/truth-services.ts';

export interface HandlerDeps {
  repos: Repositories;
  registry: ModelRegistry;
  backfill: BackfillService;
  /** The analyst name recorded with every action (settings, falling back to config `analyst`). */
  analyst: { get(): string; set(name: string): void };
  /** Desktop only: opens a dialog for a model package folder or zip; undefined when cancelled. */
  pickModelPackage?: () => Promise<string | undefined>;
  stations: LiveStations;
  ais: AisService;
  /** Remote (SFTP) stations: settings, host key trust, health. */
  ingest: IngestService;
  /** Display spectrogram tile pyramids (`spectrogram:tiles`). */
  tiles: TileService;
  /** Class mapping versions, truth labels, verifications, metrics (issue 7). */
  truth: TruthServices;
  /** Sessions, their export and import, the review timeline (issue 8). */
  sessions: SessionService;
  info: { mode: 'desktop' | 'headless' | 'cli'; dataDir: string; startedAt: number; version: string };
}
