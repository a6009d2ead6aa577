/** Handlers of the `models:` channels, disagreement on read and the analyst name. */
import { AppError } from '../../../shared/errors.ts';
import { MAX_UPLOAD_ZIP_BYTES } from '../../../shared/models.ts';
import { segmentDisagreements } from '../../models/disagreement-on-read.ts';
import type { Handlers } from '../router.ts';
import type { HandlerDeps } from './deps.ts';

type Channels =
  | 'models:list' | 'models:set-active' | 'models:deploy' | 'models:deploy-dialog' | 'models:retire' | 'models:history'
  | 'predictions:disagreement' | 'settings:analyst';

export function modelHandlers(d: HandlerDeps): Pick<Handlers, Channels> {
  return {
    'models:list': () => d.registry.info(),
    'models:set-active': (req) => d.registry.setActive(req.id, req.version, req.active, req.only ?? false),
    'models:deploy': (req) => {
      const bytes = Buffer.from(req.zipBase64, 'base64');
      if (bytes.length > MAX_UPLOAD_ZIP_BYTES) throw new AppError('MODEL_INVALID', 'the zip is larger than the 64 MB upload limit; deploy it with "aiw models deploy"');
      return d.registry.deploy({ kind: 'bytes', fileName: req.fileName, bytes }, { activate: req.activate });
    },
    'models:deploy-dialog': async (req) => {
      // HOOK (desktop): src/main/electron passes `pickModelPackage` (dialog.showOpenDialog for a folder or .zip).
      if (!d.pickModelPackage) throw new AppError('BAD_REQUEST', 'no file dialog in this mode; upload a zip instead');
      const path = await d.pickModelPackage();
      return path === undefined ? null : d.registry.deploy({ kind: 'path', path }, { activate: req.activate });
    },
    'models:retire': (req) => d.registry.retire(req.id, req.version),
    'models:history': (req) => d.registry.history(req),
    'predictions:disagreement': (req) => segmentDisagreements(d.repos.predictions.recent(req.stationId, req.limit)),
    'settings:analyst': (req) => {
      if (req.name !== undefined) d.analyst.set(req.name);
      return { name: d.analyst.get() };
    },
  };
}
