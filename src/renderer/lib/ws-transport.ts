/**
 * `Transport` over the headless server's WebSocket (protocol: src/shared/ws-protocol.ts).
 *
 * Invokes made while the socket is down wait for it (up to the invoke timeout); invokes in
 * flight when it drops fail with IO_FAILED, because the server may or may not have run them.
 * The socket reconnects with jittered exponential backoff.
 */
import type { Transport } from '../../shared/api.ts';
import type { Result } from '../../shared/result.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { serverMessageSchema, type ClientMessage } from '../../shared/ws-protocol.ts';
import type { ConnectionSource, ConnectionStatus } from './connection.ts';

/** The subset of the DOM WebSocket the transport uses (so tests can pass a fake). */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface WsTransportOptions {
  readonly url: string;
  readonly createSocket?: (url: string) => SocketLike;
  readonly invokeTimeoutMs?: number;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly random?: () => number;
  readonly now?: () => number;
}

export interface WsTransport extends Transport, ConnectionSource {
  /** Closes the socket for good and fails everything pending with CANCELLED. */
  close(): void;
}

interface Pending {
  readonly text: string;
  sent: boolean;
  readonly resolve: (result: Result<unknown>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;
export const DEFAULT_INVOKE_TIMEOUT_MS = 15_000;

function failure(code: ErrorCode, message: string): Result<unknown> {
  return { ok: false, error: { code, message } };
}

/** The backoff before reconnect attempt `attempt` (1-based): doubling, capped, with 50–100 % jitter. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.5 + random() / 2));
}

/** Opens the socket immediately and keeps it open until `close()`. */
export function createWsTransport(options: WsTransportOptions): WsTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const timeoutMs = options.invokeTimeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  let status: ConnectionStatus = { state: 'connecting', epoch: 0, attempt: 0 };
  let socket: SocketLike | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  let closed = false;

  const setStatus = (next: Partial<ConnectionStatus>): void => {
    status = { ...status, ...next };
    for (const listener of statusListeners) listener(status);
  };

  const settle = (id: number, result: Result<unknown>): void => {
    const entry = pending.get(id);
    if (!entry) return; // late reply after a timeout: already answered
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  };

  const dispatchEvent = (event: string, payload: unknown): void => {
    for (const listener of eventListeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (err) {
        // One faulty view must not starve the others of events.
        console.error(`listener for ${event} failed`, err);
      }
    }
  };

  const handleMessage = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = serverMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.t === 'result') settle(message.id, message.result as Result<unknown>);
    else dispatchEvent(message.event, message.payload);
  };

  const flushUnsent = (): void => {
    for (const entry of pending.values()) {
      if (entry.sent || !socket || socket.readyState !== OPEN) continue;
      socket.send(entry.text);
      entry.sent = true;
    }
  };

  const failInFlight = (reason: string): void => {
    for (const [id, entry] of pending) {
      if (entry.sent) settle(id, failure('IO_FAILED', `connection lost before a reply (${reason})`));
    }
  };

  const scheduleReconnect = (lastError: string): void => {
    const attempt = status.attempt + 1;
    const delay = backoffDelay(attempt, options.initialBackoffMs ?? 250, options.maxBackoffMs ?? 5000, options.random ?? Math.random);
    setStatus({ state: 'reconnecting', attempt, retryAt: now() + delay, lastError });
    reconnectTimer = setTimeout(connect, delay);
  };

  function connect(): void {
    reconnectTimer = undefined;
    if (closed) return;
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      setStatus({ state: 'open', epoch: status.epoch + 1, attempt: 0, retryAt: undefined, lastError: undefined });
      flushUnsent();
    };
    ws.onmessage = (ev) => handleMessage(ev.data);
    ws.onerror = () => {}; // a close event always follows; it carries the code
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = undefined;
      const reason = ev.code === 4401 || ev.code === 1008 ? 'unauthorized: check the token in the address' : `code ${ev.code}`;
      failInFlight(reason);
      if (!closed) scheduleReconnect(reason);
    };
  }

  connect();

  return {
    invoke(channel, payload) {
      if (closed) return Promise.resolve(failure('CANCELLED', 'transport closed'));
      const id = nextId++;
      const message: ClientMessage = { t: 'invoke', id, channel, payload };
      return new Promise((resolve) => {
        const timer = setTimeout(
          () => settle(id, failure('IO_FAILED', `no reply to ${channel} within ${Math.round(timeoutMs / 1000)} s`)),
          timeoutMs,
        );
        pending.set(id, { text: JSON.stringify(message), sent: false, resolve, timer });
        flushUnsent();
      });
    },
    subscribe(event, listener) {
      let set = eventListeners.get(event);
      if (!set) eventListeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
    getStatus: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => void statusListeners.delete(listener);
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const id of [...pending.keys()]) settle(id, failure('CANCELLED', 'transport closed'));
      socket?.close(1000, 'client closing');
      socket = undefined;
      setStatus({ state: 'closed', retryAt: undefined });
    },
  };
}
