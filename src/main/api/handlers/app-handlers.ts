/** Handlers of the `app:` channels. */
import type { Handlers } from '../router.ts';
import type { HandlerDeps } from './deps.ts';

export function appHandlers(d: HandlerDeps): Pick<Handlers, 'app:get-info'> {
  return {
    'app:get-info': () => ({
      version: d.info.version,
      mode: d.info.mode === 'desktop' ? 'desktop' : 'headless',
      dataDir: d.info.dataDir,
      startedAt: d.info.startedAt,
    }),
  };
}
