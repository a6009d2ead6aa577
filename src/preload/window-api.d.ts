/**
 * `window.api`, as the Electron preload exposes it.
 *
 * Optional because the same renderer also runs in a plain browser against the
 * headless server, where it builds its own Api over a WebSocket transport.
 */
import type { Api } from '../shared/api.ts';

declare global {
  interface Window {
    readonly api?: Api;
  }
}
