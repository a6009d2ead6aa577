/**
 * Re-blocks decoder output (arbitrary chunk sizes) into fixed-size per-channel blocks over an
 * absolute frame range [start, end), discarding what lies outside it.
 */
export class BlockAssembler {
  private readonly blockFrames: number;
  private readonly start: number;
  private readonly end: number;
  private current: Float32Array[];
  private fill = 0;
  /** Absolute frame index of the next input frame. */
  position = 0;

  constructor(channels: number, blockFrames: number, start: number, end: number) {
    this.blockFrames = blockFrames;
    this.start = start;
    this.end = end;
    this.current = this.newBlock(channels);
  }

  /** True once every frame up to `end` has been received. */
  get done(): boolean {
    return this.position >= this.end;
  }

  /** Feeds `count` frames per channel; yields each block as it fills. */
  *push(chunk: Float32Array[], count: number): Generator<Float32Array[]> {
    let from = Math.max(0, this.start - this.position);
    const upTo = Math.min(count, this.end - this.position);
    this.position += count;
    while (from < upTo) {
      const take = Math.min(upTo - from, this.blockFrames - this.fill);
      for (let c = 0; c < this.current.length; c++) this.current[c].set(chunk[c].subarray(from, from + take), this.fill);
      this.fill += take;
      from += take;
      if (this.fill === this.blockFrames) yield this.emit(this.blockFrames);
    }
  }

  /** Yields the last, partial block if any. */
  *finish(): Generator<Float32Array[]> {
    if (this.fill > 0) yield this.emit(this.fill);
  }

  private emit(frames: number): Float32Array[] {
    const block = frames === this.blockFrames ? this.current : this.current.map((ch) => ch.slice(0, frames));
    this.current = this.newBlock(this.current.length);
    this.fill = 0;
    return block;
  }

  private newBlock(channels: number): Float32Array[] {
    return Array.from({ length: channels }, () => new Float32Array(this.blockFrames));
  }
}
