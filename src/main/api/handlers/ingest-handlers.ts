/** Handlers of the remote-station channels (SFTP ingest): settings, host key trust, poll now. */
import type { Handlers } from '../router.ts';
import type { HandlerDeps } from './deps.ts';

type Channels =
  | 'stations:remote-configs' | 'stations:save-remote' | 'stations:delete-remote' | 'stations:trust-host-key' | 'stations:poll-now';

export function ingestHandlers(d: HandlerDeps): Pick<Handlers, Channels> {
  return {
    'stations:remote-configs': () => d.ingest.entries(),
    'stations:save-remote': (req) => d.ingest.save(req.config, { password: req.password, passphrase: req.passphrase }),
    'stations:delete-remote': async (req) => {
      await d.ingest.remove(req.stationId);
      return { stationId: req.stationId };
    },
    'stations:trust-host-key': (req) => {
      d.ingest.trustHostKey(req.stationId, req.fingerprint, d.analyst.get());
      return { stationId: req.stationId, fingerprint: req.fingerprint.replace(/^SHA256:/, '') };
    },
    'stations:poll-now': (req) => {
      d.ingest.pollNow(req.stationId);
      return { stationId: req.stationId };
    },
  };
}
