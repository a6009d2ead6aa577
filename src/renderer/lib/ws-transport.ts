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

/** One WebSocket connection with reconnects; see the module comment for the failure rules. */
class ReconnectingWsTransport implements WsTransport {
  private readonly options: WsTransportOptions;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private status: ConnectionStatus = { state: 'connecting', epoch: 0, attempt: 0 };
  private socket: SocketLike | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private closed = false;

  constructor(options: WsTransportOptions) {
    this.options = options;
    this.connect();
  }

  invoke(channel: string, payload: unknown): Promise<Result<unknown>> {
    if (this.closed) return Promise.resolve(failure('CANCELLED', 'transport closed'));
    const id = this.nextId++;
    const message: ClientMessage = { t: 'invoke', id, channel, payload };
    const timeoutMs = this.options.invokeTimeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.settle(id, failure('IO_FAILED', `no reply to ${channel} within ${Math.round(timeoutMs / 1000)} s`)),
        timeoutMs,
      );
      this.pending.set(id, { text: JSON.stringify(message), sent: false, resolve, timer });
      this.flushUnsent();
    });
  }

  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.eventListeners.get(event);
    if (!set) this.eventListeners.set(event, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  getStatus(): ConnectionStatus {
    return this.status;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const id of [...this.pending.keys()]) this.settle(id, failure('CANCELLED', 'transport closed'));
    this.socket?.close(1000, 'client closing');
    this.socket = undefined;
    this.setStatus({ state: 'closed', retryAt: undefined });
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    if (this.closed) return;
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    const ws = create(this.options.url);
    this.socket = ws;
    ws.onopen = () => {
      this.setStatus({ state: 'open', epoch: this.status.epoch + 1, attempt: 0, retryAt: undefined, lastError: undefined });
      this.flushUnsent();
    };
    ws.onmessage = (ev) => this.handleMessage(ev.data);
    ws.onerror = () => {}; // a close event always follows; it carries the code
    ws.onclose = (ev) => {
      if (this.socket !== ws) return;
      this.socket = undefined;
      const reason = ev.code === 4401 || ev.code === 1008 ? 'unauthorized: check the token in the address' : `code ${ev.code}`;
      this.failInFlight(reason);
      if (!this.closed) this.scheduleReconnect(reason);
    };
  }

  private scheduleReconnect(lastError: string): void {
    const attempt = this.status.attempt + 1;
    const { initialBackoffMs = 250, maxBackoffMs = 5000, random = Math.random, now = Date.now } = this.options;
    const delay = backoffDelay(attempt, initialBackoffMs, maxBackoffMs, random);
    this.setStatus({ state: 'reconnecting', attempt, retryAt: now() + delay, lastError });
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private handleMessage(data: unknown): void {
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
    if (message.t === 'result') this.settle(message.id, message.result as Result<unknown>);
    else this.dispatchEvent(message.event, message.payload);
  }

  private dispatchEvent(event: string, payload: unknown): void {
    for (const listener of this.eventListeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (err) {
        // One faulty view must not starve the others of events.
        console.error(`listener for ${event} failed`, err);
      }
    }
  }

  private settle(id: number, result: Result<unknown>): void {
    const entry = this.pending.get(id);
    if (!entry) return; // late reply after a timeout: already answered
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  }

  private flushUnsent(): void {
    const ws = this.socket;
    if (!ws || ws.readyState !== OPEN) return;
    for (const entry of this.pending.values()) {
      if (entry.sent) continue;
      ws.send(entry.text);
      entry.sent = true;
    }
  }

  private failInFlight(reason: string): void {
    for (const [id, entry] of this.pending) {
      if (entry.sent) this.settle(id, failure('IO_FAILED', `connection lost before a reply (${reason})`));
    }
  }

  private setStatus(next: Partial<ConnectionStatus>): void {
    this.status = { ...this.status, ...next };
    for (const listener of this.statusListeners) listener(this.status);
  }
}

/** Opens the socket immediately and keeps it open until `close()`. */
export function createWsTransport(options: WsTransportOptions): WsTransport {
  return new ReconnectingWsTransport(options);
}
