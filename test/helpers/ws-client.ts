/**
 * A typed-enough client of the headless API for integration tests: invoke channels, record every
 * event, and wait for an event that satisfies a condition.
 */
import WebSocket from 'ws';

export interface InvokeResult<T = unknown> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}

export interface ApiClient {
  invoke<T = unknown>(channel: string, payload: unknown): Promise<InvokeResult<T>>;
  /** Every event received so far, oldest first. */
  readonly events: { event: string; payload: unknown; at: number }[];
  /** Resolves with the first event (already received after `since`, or arriving) that matches. */
  waitFor<T>(event: string, match: (payload: T) => boolean, timeoutMs: number, since?: number): Promise<T>;
  close(): void;
}

/** The WebSocket URL of a `ready http://…/?token=…` URL. */
export function apiUrl(serveUrl: string): string {
  const u = new URL(serveUrl);
  return `ws://127.0.0.1:${u.port}/api?token=${u.searchParams.get('token')}`;
}

export async function connectApi(serveUrl: string): Promise<ApiClient> {
  const ws = new WebSocket(apiUrl(serveUrl), { maxPayload: 256 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const events: ApiClient['events'] = [];
  const pending = new Map<number, (r: InvokeResult) => void>();
  const waiters = new Set<() => void>();
  let nextId = 1;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { t: string; id?: number; result?: InvokeResult; event?: string; payload?: unknown };
    if (msg.t === 'result') pending.get(msg.id!)?.(msg.result!);
    else {
      events.push({ event: msg.event!, payload: msg.payload, at: Date.now() });
      for (const wake of waiters) wake();
    }
  });
  return {
    events,
    invoke: <T>(channel: string, payload: unknown) =>
      new Promise<InvokeResult<T>>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve as (r: InvokeResult) => void);
        ws.send(JSON.stringify({ t: 'invoke', id, channel, payload }));
      }),
    waitFor: <T>(event: string, match: (payload: T) => boolean, timeoutMs: number, since = 0) =>
      new Promise<T>((resolve, reject) => {
        const check = () => {
          const hit = events.find((e) => e.at >= since && e.event === event && match(e.payload as T));
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit.payload as T);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching "${event}" event within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    close: () => ws.close(),
  };
}
