/** Handlers of the `models:` channels. */
import type { Handlers } from '../router.ts';
import type { HandlerDeps } from './deps.ts';

export function modelHandlers(d: HandlerDeps): Pick<Handlers, 'models:list' | 'models:set-active'> {
  return {
    'models:list': () => d.registry.info(),
    'models:set-active': (req) => d.registry.setActive(req.id, req.version, req.active),
  };
}
