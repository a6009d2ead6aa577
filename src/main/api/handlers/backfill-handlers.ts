/** Handlers of the `backfill:` channels (re-running models over cached audio). */
import type { Handlers } from '../router.ts';
import type { HandlerDeps } from './deps.ts';

type Channels = 'backfill:start' | 'backfill:cancel' | 'backfill:list' | 'backfill:sources';

export function backfillHandlers(d: HandlerDeps): Pick<Handlers, Channels> {
  return {
    'backfill:start': (req) => d.backfill.start(req),
    'backfill:cancel': (req) => d.backfill.cancel(req.jobId),
    'backfill:list': () => d.backfill.list(),
    'backfill:sources': (req) => d.backfill.sources(req.stationId),
  };
}
