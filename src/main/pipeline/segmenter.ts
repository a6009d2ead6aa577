/**
 * Cuts a continuous multi-channel stream into analysis windows of fixed length
 * and overlap, with absolute UTC times, continuous across block (and file) boundaries.
 *
 * Policy, declared:
 * - A block that starts later than where the previous one ended (beyond `gapToleranceMs`)
 *   is a gap: it is reported, and windows restart at the first sample after the gap.
 *   A gap never stalls the stream.
 * - A block that starts earlier but ends later (files that overlap in time) is an overlap: it is
 *   reported, the samples already covered are dropped, and the rest continues the stream. When
 *   the caller announces each file (`beginRecording`), a file that overlaps the stream's end is
 *   trimmed however many blocks the overlap spans.
 * - A block wholly before the stream's end (files taken newest-first) restarts the stream there,
 *   reported as a gap whose end is before its start.
 * - A block at another sample rate restarts the stream: what came before is flushed under the
 *   same rules as at a gap (a too-short run still gives its loop-padded window); a gap is
 *   reported only when the times do not join.
 * - At a gap and at the end of a stream (`flush`), a trailing partial window is dropped,
 *   except when the run since the last gap never filled one window (a clip shorter than a
 *   segment): then one window is emitted, filled by repeating the available audio ("loop
 *   padding", which keeps spectral statistics unchanged) and marked `padded`.
 * - Within the tolerance, blocks are joined as if contiguous (times follow the samples).
 * - Each window names the recording (`beginRecording`'s id) its first sample came from.
 */
export interface AudioBlock {
  readonly startTime: number;
  readonly sampleRate: number;
  readonly channels: readonly Float32Array[];
}

export interface Window {
  readonly startTime: number;
  readonly endTime: number;
  readonly sampleRate: number;
  readonly channels: Float32Array[];
  readonly padded: boolean;
  /** The recording the window's first sample came from (when the caller announced recordings). */
  readonly recordingId?: number;
}

export interface Gap {
  readonly startTime: number;
  readonly endTime: number;
}

/** Files (blocks) closer than this in time continue the stream; a station's `gapToleranceMs` overrides it. */
export const DEFAULT_GAP_TOLERANCE_MS = 50;

export interface SegmenterOptions {
  readonly segmentSeconds: number;
  readonly overlap: number;
  readonly gapToleranceMs?: number;
}

interface Trim {
  readonly until: number;
  readonly span: Gap;
  reported: boolean;
}

/** From stream sample `from` on (counted since the last reset), samples come from `recordingId`. */
interface SourceMark {
  readonly from: number;
  readonly recordingId: number | undefined;
}

export class Segmenter {
  readonly #hopSeconds: number;
  readonly #opts: SegmenterOptions;
  #buffer: Float32Array[] = [];
  #filled = 0;
  #bufferStart = 0;
  #expectedNext: number | undefined;
  #sampleRate = 0;
  #emittedSinceReset = 0;
  /** Set by beginRecording for a file that overlaps the stream: drop its samples before `until`. */
  #trim: Trim | undefined;
  /** The recording announced last, and where each recording's samples begin in the buffer's stream. */
  #recordingId: number | undefined;
  #marks: SourceMark[] = [];
  /** Stream sample index (since the last reset) of buffer[0]. */
  #origin = 0;

  constructor(opts: SegmenterOptions) {
    this.#opts = opts;
    this.#hopSeconds = opts.segmentSeconds * (1 - opts.overlap);
  }

  /**
   * Announces that the next blocks come from one recording covering [startTime, endTime). If it
   * starts before the stream's end but ends after it, its head is dropped up to the stream's end
   * (reported once as an overlap); a recording wholly before restarts the stream as usual.
   * `recordingId` tags the windows that start in this recording's samples.
   */
  beginRecording(startTime: number, endTime: number, recordingId?: number): void {
    this.#recordingId = recordingId;
    const tolerance = this.#opts.gapToleranceMs ?? DEFAULT_GAP_TOLERANCE_MS;
    const expected = this.#expectedNext;
    const overlaps = expected !== undefined && startTime < expected - tolerance && endTime > expected + tolerance;
    this.#trim = overlaps ? { until: expected, span: { startTime, endTime: expected }, reported: false } : undefined;
  }

  /** Adds a block; returns the windows it completed and the gap or overlap before it, if any. */
  push(block: AudioBlock): { windows: Window[]; gap?: Gap; overlap?: Gap } {
    if (this.#trim) return this.#pushTrimmed(block, this.#trim);
    const tolerance = this.#opts.gapToleranceMs ?? DEFAULT_GAP_TOLERANCE_MS;
    const expected = this.#expectedNext;
    if (expected === undefined) {
      this.#reset(block);
      return { windows: this.#accept(block) };
    }
    const jumps = Math.abs(block.startTime - expected) > tolerance;
    const gap = jumps ? { startTime: expected, endTime: block.startTime } : undefined;
    // A new sample rate is a new stream (a file from another recorder): restart, never mix rates.
    if (block.sampleRate !== this.#sampleRate) return this.#restart(block, gap);
    if (!jumps) return { windows: this.#accept(block) };
    const skip = Math.round(((expected - block.startTime) * block.sampleRate) / 1000);
    if (skip > 0 && skip < block.channels[0]!.length) return this.#trimOverlap(block, skip, expected);
    return this.#restart(block, gap);
  }

  /** Flushes the stream so far (the declared end-of-run policy), then starts a new one at `block`. */
  #restart(block: AudioBlock, gap: Gap | undefined): { windows: Window[]; gap?: Gap } {
    const windows = this.flush();
    this.#reset(block);
    return { windows: [...windows, ...this.#accept(block)], ...(gap ? { gap } : {}) };
  }

  #pushTrimmed(block: AudioBlock, trim: Trim): { windows: Window[]; overlap?: Gap } {
    const overlap = trim.reported ? undefined : trim.span;
    trim.reported = true;
    // Samples at another rate cannot continue this stream: it restarts instead of being trimmed.
    if (block.sampleRate !== this.#sampleRate) {
      this.#trim = undefined;
      return { ...this.push(block), overlap };
    }
    const skip = Math.round(((trim.until - block.startTime) * block.sampleRate) / 1000);
    if (skip >= block.channels[0]!.length) return { windows: [], overlap };
    this.#trim = undefined;
    if (skip <= 0) return { ...this.push(block), overlap };
    return { windows: this.#trimOverlap(block, skip, trim.until).windows, overlap };
  }

  #trimOverlap(block: AudioBlock, skip: number, expected: number): { windows: Window[]; overlap: Gap } {
    const rest = { ...block, startTime: expected, channels: block.channels.map((c) => c.subarray(skip)) };
    return { windows: this.#accept(rest), overlap: { startTime: block.startTime, endTime: expected } };
  }

  /** Ends the stream; returns the loop-padded window of a too-short stream, if any. */
  flush(): Window[] {
    const out: Window[] = [];
    if (this.#emittedSinceReset === 0 && this.#filled > 0) out.push(this.#loopPadded());
    this.#filled = 0;
    this.#expectedNext = undefined;
    return out;
  }

  #accept(block: AudioBlock): Window[] {
    const last = this.#marks.at(-1);
    if (!last || last.recordingId !== this.#recordingId) this.#marks.push({ from: this.#origin + this.#filled, recordingId: this.#recordingId });
    this.#append(block.channels);
    this.#expectedNext = block.startTime + (block.channels[0]!.length * 1000) / block.sampleRate;
    return this.#drain();
  }

  #windowSamples(): number {
    return Math.round(this.#opts.segmentSeconds * this.#sampleRate);
  }

  #reset(block: AudioBlock): void {
    this.#sampleRate = block.sampleRate;
    this.#bufferStart = block.startTime;
    this.#filled = 0;
    this.#emittedSinceReset = 0;
    this.#origin = 0;
    this.#marks = [];
    const capacity = Math.max(this.#windowSamples() * 2, block.channels[0]!.length * 2);
    this.#buffer = block.channels.map(() => new Float32Array(capacity));
  }

  #append(channels: readonly Float32Array[]): void {
    const n = channels[0]!.length;
    if (this.#filled + n > this.#buffer[0]!.length) {
      const capacity = (this.#filled + n) * 2;
      this.#buffer = this.#buffer.map((old) => {
        const grown = new Float32Array(capacity);
        grown.set(old.subarray(0, this.#filled));
        return grown;
      });
    }
    channels.forEach((c, i) => this.#buffer[i]!.set(c, this.#filled));
    this.#filled += n;
  }

  #drain(): Window[] {
    const len = this.#windowSamples();
    const hop = Math.max(1, Math.round(this.#hopSeconds * this.#sampleRate));
    let offset = 0;
    const out: Window[] = [];
    while (offset + len <= this.#filled) {
      const startTime = this.#bufferStart + (offset * 1000) / this.#sampleRate;
      out.push({
        startTime,
        endTime: startTime + (len * 1000) / this.#sampleRate,
        sampleRate: this.#sampleRate,
        channels: this.#buffer.map((c) => c.slice(offset, offset + len)),
        padded: false,
        ...this.#recordingAt(offset),
      });
      offset += hop;
    }
    if (offset > 0) this.#consume(Math.min(offset, this.#filled));
    this.#emittedSinceReset += out.length;
    return out;
  }

  #consume(samples: number): void {
    for (const c of this.#buffer) c.copyWithin(0, samples, this.#filled);
    this.#filled -= samples;
    this.#bufferStart += (samples * 1000) / this.#sampleRate;
    this.#origin += samples;
    while (this.#marks.length > 1 && this.#marks[1]!.from <= this.#origin) this.#marks.shift();
  }

  /** `{ recordingId }` of the sample at buffer `offset`, or nothing when no recording was announced. */
  #recordingAt(offset: number): { recordingId?: number } {
    const at = this.#origin + offset;
    let id: number | undefined;
    for (const m of this.#marks) if (m.from <= at) id = m.recordingId;
    return id === undefined ? {} : { recordingId: id };
  }

  #loopPadded(): Window {
    const len = this.#windowSamples();
    const channels = this.#buffer.map((c) => {
      const out = new Float32Array(len);
      for (let i = 0; i < len; i += this.#filled) out.set(c.subarray(0, Math.min(this.#filled, len - i)), i);
      return out;
    });
    return {
      startTime: this.#bufferStart,
      endTime: this.#bufferStart + (len * 1000) / this.#sampleRate,
      sampleRate: this.#sampleRate,
      channels,
      padded: true,
      ...this.#recordingAt(0),
    };
  }
}
