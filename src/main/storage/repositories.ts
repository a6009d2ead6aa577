/** All repositories over one open database. */
import type { Db } from './database.ts';
import { createStationsRepo } from './stations-repo.ts';
import { createSegmentsRepo } from './segments-repo.ts';
import { createModelsRepo } from './models-repo.ts';
import { createModelEventsRepo } from './model-events-repo.ts';
import { createBackfillRepo } from './backfill-repo.ts';
import { createPredictionsRepo } from './predictions-repo.ts';
import { createSettingsRepo } from './settings-repo.ts';
import { createAisRepo } from './ais-repo.ts';
import { createIngestRepo } from './ingest-repo.ts';
import { createTilesRepo } from './tiles-repo.ts';

export function createRepositories(db: Db) {
  return {
    stations: createStationsRepo(db),
    segments: createSegmentsRepo(db),
    models: createModelsRepo(db),
    modelEvents: createModelEventsRepo(db),
    backfill: createBackfillRepo(db),
    predictions: createPredictionsRepo(db),
    settings: createSettingsRepo(db),
    ais: createAisRepo(db),
    ingest: createIngestRepo(db),
    tiles: createTilesRepo(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
