/**
 * One handler per contract channel, assembled from one module per domain
 * (src/main/api/handlers/*). Handlers receive validated requests and return plain
 * values or throw AppError; the router turns both into Results. The `Handlers`
 * type makes a missing or extra channel a compile error.
 */
import type { Handlers } from './router.ts';
import type { HandlerDeps } from './handlers/deps.ts';
import { appHandlers } from './handlers/app-handlers.ts';
import { modelHandlers } from './handlers/model-handlers.ts';
import { backfillHandlers } from './handlers/backfill-handlers.ts';
import { stationHandlers } from './handlers/station-handlers.ts';
import { aisHandlers } from './handlers/ais-handlers.ts';
import { ingestHandlers } from './handlers/ingest-handlers.ts';
import { sessionHandlers } from './handlers/session-handlers.ts';
import { labelsHandlers } from './handlers/labels-handlers.ts';
import { metricsHandlers } from './handlers/metrics-handlers.ts';

export type { HandlerDeps } from './handlers/deps.ts';

export function createHandlers(d: HandlerDeps): Handlers {
  return {
    ...appHandlers(d),
    ...stationHandlers(d),
    ...modelHandlers(d),
    ...backfillHandlers(d),
    ...aisHandlers(d),
    ...ingestHandlers(d),
    ...sessionHandlers(d),
    ...labelsHandlers(d),
    ...metricsHandlers(d),
  };
}
