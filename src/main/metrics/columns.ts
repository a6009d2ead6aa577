/**
 * Growable typed columns: the in-memory form of predictions and label facts the metrics scan
 * (a month of six models is ~700,000 predictions; typed arrays keep that compact and fast to loop over).
 */

/** A Float64Array that grows by doubling. */
export class F64Column {
  data: Float64Array;
  length = 0;
  readonly #fill: number;

  /** `fill`: the value of entries never set (by index). */
  constructor(fill = Number.NaN) {
    this.#fill = fill;
    this.data = new Float64Array(1024).fill(fill);
  }

  push(x: number): void {
    if (this.length === this.data.length) this.#grow(this.length * 2);
    this.data[this.length++] = x;
  }

  /** Sets index i (growing as needed). */
  set(i: number, x: number): void {
    if (i >= this.data.length) this.#grow(Math.max(i + 1, this.data.length * 2));
    this.data[i] = x;
    if (i >= this.length) this.length = i + 1;
  }

  get(i: number): number {
    return i < this.length ? this.data[i] : Number.NaN;
  }

  #grow(capacity: number): void {
    const next = new Float64Array(capacity).fill(this.#fill, this.data.length);
    next.set(this.data);
    this.data = next;
  }
}

/** An Int8Array indexed by id that grows on demand (unset entries are 0). */
export class I8ById {
  data = new Int8Array(1024);

  set(i: number, x: number): void {
    if (i >= this.data.length) {
      const next = new Int8Array(Math.max(i + 1, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = x;
  }

  get(i: number): number {
    return i < this.data.length ? this.data[i] : 0;
  }
}

/** A growing list of small-int arrays indexed by id. */
export class ListsById<T> {
  readonly data: (T | undefined)[] = [];

  set(i: number, value: T): void {
    this.data[i] = value;
  }

  get(i: number): T | undefined {
    return this.data[i];
  }
}
