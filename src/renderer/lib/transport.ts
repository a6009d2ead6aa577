/**
 * Picks the transport the renderer talks through, once, at start-up.
 *
 * Electron's preload exposes `window.api`; the headless server serves the page with a
 * `?token=` and carries the API over a WebSocket; `?mock=1` swaps in synthetic data.
 * Everything above this module sees only an `Api` and a `ConnectionSource`.
 */
import { createApi, type Api } from '../../shared/api.ts';
import { ALWAYS_OPEN, type ConnectionSource } from './connection.ts';
import { createWsTransport } from './ws-transport.ts';

export type TransportKind = 'ipc' | 'ws' | 'mock';

export interface AppTransport {
  readonly kind: TransportKind;
  readonly api: Api;
  readonly connection: ConnectionSource;
}

interface LocationLike {
  readonly protocol: string;
  readonly host: string;
  readonly search: string;
}

/** The WebSocket URL for a page served by the headless server: same host, `/api`, same token. */
export function wsUrlFor(location: LocationLike): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`;
}

/** True when the page asks for the mock transport (`?mock=1`). */
export function wantsMock(search: string): boolean {
  const value = new URLSearchParams(search).get('mock');
  return value === '1' || value === 'true';
}

/** Chooses mock, Electron IPC or WebSocket, in that order. */
export async function selectTransport(): Promise<AppTransport> {
  if (wantsMock(window.location.search)) {
    const { createMockTransport } = await import('./mock-transport.ts');
    const mock = createMockTransport();
    return { kind: 'mock', api: createApi(mock), connection: mock };
  }
  if (window.api) return { kind: 'ipc', api: window.api, connection: ALWAYS_OPEN };
  const ws = createWsTransport({ url: wsUrlFor(window.location) });
  return { kind: 'ws', api: createApi(ws), connection: ws };
}
