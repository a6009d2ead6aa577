/**
 * The global the Electron preload exposes to the renderer.
 *
 * Optional because the same renderer also runs in a plain browser against the headless
 * server, where there is no preload and the API travels over a WebSocket instead.
 */
import type { Api } from '../shared/api.ts';

declare global {
  interface Window {
    readonly api?: Api;
  }
}

export {};
