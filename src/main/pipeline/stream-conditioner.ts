/**
 * Station-wide conditioning (`conditioning` of a station's signal settings): a DC-blocking
 * high-pass and a gain applied to every channel of the stream before the display and the
 * models see it. Unlike a model's conditioning (per window, docs/signal-chain.md), the filter
 * runs over the stream, so its state carries across blocks and files; it starts afresh where
 * the stream restarts (a gap, another sample rate or channel count).
 */
import type { Conditioning } from '../../shared/feature-spec.ts';
import { applyGainDb, DcBlocker } from '../dsp/condition.ts';
import { DEFAULT_GAP_TOLERANCE_MS, type AudioBlock } from './segmenter.ts';

export class StreamConditioner {
  readonly #conditioning: Conditioning;
  readonly #gapToleranceMs: number;
  #blocker: DcBlocker | undefined;
  #expected: { time: number; sampleRate: number; channels: number } | undefined;

  constructor(conditioning: Conditioning, gapToleranceMs = DEFAULT_GAP_TOLERANCE_MS) {
    this.#conditioning = conditioning;
    this.#gapToleranceMs = gapToleranceMs;
  }

  /** The conditioned copy of `block` (the input is left untouched: a cache writer may hold it). */
  process(block: AudioBlock): AudioBlock {
    const channels = block.channels.map((c) => Float32Array.from(c));
    const { highPassHz, gainDb } = this.#conditioning;
    if (highPassHz !== undefined) this.#filterFor(block).process(channels);
    applyGainDb(channels, gainDb);
    return { ...block, channels };
  }

  #filterFor(block: AudioBlock): DcBlocker {
    const e = this.#expected;
    const n = block.channels.length;
    const continues = e && e.sampleRate === block.sampleRate && e.channels === n && Math.abs(e.time - block.startTime) <= this.#gapToleranceMs;
    if (!continues || !this.#blocker) this.#blocker = new DcBlocker(block.sampleRate, n, this.#conditioning.highPassHz);
    this.#expected = { time: block.startTime + (block.channels[0]!.length * 1000) / block.sampleRate, sampleRate: block.sampleRate, channels: n };
    return this.#blocker;
  }
}

/** A conditioner for `conditioning`, or undefined when it changes nothing. */
export function streamConditionerFor(conditioning: Conditioning | undefined, gapToleranceMs?: number): StreamConditioner | undefined {
  if (!conditioning || (conditioning.highPassHz === undefined && conditioning.gainDb === 0)) return undefined;
  return new StreamConditioner(conditioning, gapToleranceMs);
}
