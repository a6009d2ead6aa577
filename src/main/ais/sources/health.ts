/**
 * Health of one AIS source: connection state, message rate, last message, errors and decoder
 * rejects. Sources update it; the sources service reads snapshots, detects stalls and publishes changes.
 */
import type { AisSourceHealth, AisSourceState } from '../../../shared/ais.ts';

const RATE_WINDOW_S = 10;

/** Mutable health record of one source. */
export class SourceHealth {
  readonly id: string;
  readonly kind: AisSourceHealth['kind'];
  readonly label: string;
  #state: AisSourceState = 'starting';
  #stalled = false;
  #detail = '';
  #messages = 0;
  #errors = 0;
  #lastError: string | undefined;
  #lastMessageAt: number | undefined;
  #lastDataTime: number | undefined;
  #clients = 0;
  readonly #decodeErrors: Record<string, number> = {};
  /** Messages per wall-clock second over the last RATE_WINDOW_S seconds (ring of buckets). */
  readonly #buckets = new Array<number>(RATE_WINDOW_S).fill(0);
  #bucketSecond = 0;
  readonly #now: () => number;
  readonly #startedAt: number;

  constructor(id: string, kind: AisSourceHealth['kind'], label: string, now: () => number = Date.now) {
    this.id = id;
    this.kind = kind;
    this.label = label;
    this.#now = now;
    this.#startedAt = now();
  }

  /** Sets the connection state and a short human-readable detail. */
  setState(state: AisSourceState, detail = ''): void {
    this.#state = state;
    this.#detail = detail;
    if (state !== 'connected' && state !== 'listening') this.#stalled = false;
  }

  get state(): AisSourceState {
    return this.#stalled ? 'stalled' : this.#state;
  }

  /** Number of connected peers (TCP server). */
  setClients(n: number): void {
    this.#clients = n;
  }

  /** Counts `n` messages; `dataTime` is the newest message time when known. */
  messages(n: number, dataTime?: number): void {
    if (n <= 0) return;
    const now = this.#now();
    this.#advance(now);
    this.#buckets[Math.floor(now / 1000) % RATE_WINDOW_S] += n;
    this.#messages += n;
    this.#lastMessageAt = now;
    if (dataTime !== undefined && Number.isFinite(dataTime)) this.#lastDataTime = dataTime;
    this.#stalled = false;
  }

  /** Counts an error (connection failure, HTTP error, …) and keeps its text. */
  error(message: string): void {
    this.#errors++;
    this.#lastError = message;
  }

  /** Counts a rejected line or record by reason (bad checksum, malformed, not JSON, …). */
  decodeError(reason: string): void {
    this.#decodeErrors[reason] = (this.#decodeErrors[reason] ?? 0) + 1;
  }

  /** Marks the source stalled when it is up but silent for longer than `afterMs`; returns true on a change. */
  checkStall(afterMs: number): boolean {
    const up = this.#state === 'connected' || this.#state === 'listening';
    const silentSince = this.#lastMessageAt ?? this.#startedAt;
    const stalled = up && this.#now() - silentSince > afterMs;
    if (stalled === this.#stalled) return false;
    this.#stalled = stalled;
    return true;
  }

  /** Plain snapshot for the API. */
  snapshot(counts: { positions: number; statics: number; rejected: number; dropped: number }): AisSourceHealth {
    const now = this.#now();
    this.#advance(now);
    const sum = this.#buckets.reduce((a, b) => a + b, 0);
    return {
      id: this.id, kind: this.kind, label: this.label, state: this.state, detail: this.#detail,
      connected: this.#state === 'connected' || this.#state === 'listening', clients: this.#clients,
      messages: this.#messages, messagesPerSecond: Math.round((sum / RATE_WINDOW_S) * 10) / 10,
      lastMessageAt: this.#lastMessageAt, lastDataTime: this.#lastDataTime,
      errors: this.#errors, lastError: this.#lastError, decodeErrors: { ...this.#decodeErrors }, ...counts,
    };
  }

  /** Clears buckets of seconds that passed without messages. */
  #advance(now: number): void {
    const second = Math.floor(now / 1000);
    const steps = Math.min(RATE_WINDOW_S, second - this.#bucketSecond);
    for (let i = 1; i <= steps; i++) this.#buckets[(this.#bucketSecond + i) % RATE_WINDOW_S] = 0;
    this.#bucketSecond = Math.max(this.#bucketSecond, second);
  }
}
