/**
 * Reconnect delays: exponential growth with "equal jitter" (half fixed, half random), so
 * many stations dropped by the same outage do not all reconnect in the same instant, and
 * no retry ever comes immediately.
 */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 5 * 60_000 };

/** Delay before retry number `attempt` (0 = first retry): in [cap/2, cap], cap = min(max, base·2^attempt). */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const cap = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  return cap / 2 + random() * (cap / 2);
}
