/**
 * A token bucket shared by a station's transfers: `take(n)` resolves once n bytes may be
 * requested. Burst = one second of budget, so a limit is met over any second-long window.
 */
export class RateLimiter {
  #bytesPerSecond: number;
  #tokens: number;
  #last: number;
  readonly #now: () => number;

  /** 0 bytes per second means unlimited. */
  constructor(bytesPerSecond: number, now: () => number = () => performance.now()) {
    this.#bytesPerSecond = bytesPerSecond;
    this.#now = now;
    this.#last = now();
    this.#tokens = bytesPerSecond;
  }

  get bytesPerSecond(): number {
    return this.#bytesPerSecond;
  }

  get unlimited(): boolean {
    return this.#bytesPerSecond <= 0;
  }

  /** Milliseconds to wait before n bytes fit (0 = now); takes them when it returns 0. */
  reserve(n: number): number {
    if (this.unlimited) return 0;
    this.#refill();
    if (this.#tokens >= Math.min(n, this.#bytesPerSecond)) {
      this.#tokens -= n;
      return 0;
    }
    return Math.ceil(((Math.min(n, this.#bytesPerSecond) - this.#tokens) / this.#bytesPerSecond) * 1000);
  }

  async take(n: number, signal?: AbortSignal): Promise<void> {
    for (let wait = this.reserve(n); wait > 0; wait = this.reserve(n)) {
      signal?.throwIfAborted();
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  #refill(): void {
    const t = this.#now();
    this.#tokens = Math.min(this.#bytesPerSecond, this.#tokens + ((t - this.#last) / 1000) * this.#bytesPerSecond);
    this.#last = t;
  }
}
