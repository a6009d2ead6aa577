/** Bytes per second over a sliding window (the health panel's transfer rate). */
export class ThroughputMeter {
  readonly #windowMs: number;
  readonly #now: () => number;
  #samples: { t: number; n: number }[] = [];

  constructor(windowMs = 5000, now: () => number = () => performance.now()) {
    this.#windowMs = windowMs;
    this.#now = now;
  }

  add(bytes: number): void {
    this.#samples.push({ t: this.#now(), n: bytes });
    if (this.#samples.length > 4096) this.#trim();
  }

  bytesPerSecond(): number {
    this.#trim();
    return this.#samples.reduce((sum, s) => sum + s.n, 0) / (this.#windowMs / 1000);
  }

  #trim(): void {
    const from = this.#now() - this.#windowMs;
    const first = this.#samples.findIndex((s) => s.t >= from);
    this.#samples = first < 0 ? [] : this.#samples.slice(first);
  }
}
