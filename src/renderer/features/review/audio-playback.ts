/**
 * Plays a span of cached audio in the browser (WebAudio): the WAV the server cut (`export:wav`) is
 * decoded and played at a chosen rate — ship tonals sit low, often below hearing, and faster
 * playback lifts them — optionally through a band-pass (high-pass then low-pass) to isolate a band.
 * A WAV of several channels (the analyst chose "mix") is mixed to mono first.
 */
import { mixDown } from './audio-channels.ts';

export interface PlaybackOptions {
  /** 1 = real time; 4 plays four times faster (and four times higher). */
  readonly rate: number;
  /** Band in Hz of the recording (before the rate change); undefined = everything. */
  readonly band?: { readonly low: number; readonly high: number };
}

export class SpanPlayer {
  #ctx: AudioContext | undefined;
  #source: AudioBufferSourceNode | undefined;
  #onEnd: (() => void) | undefined;

  /** Decodes and plays `wav`; resolves when playback has started. */
  async play(wav: ArrayBuffer, o: PlaybackOptions, onEnd?: () => void): Promise<void> {
    this.stop();
    this.#ctx ??= new AudioContext();
    const ctx = this.#ctx;
    if (ctx.state === 'suspended') await ctx.resume();
    const buffer = monoOf(ctx, await ctx.decodeAudioData(wav));
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.playbackRate.value = o.rate;
    let tail: AudioNode = source;
    if (o.band) {
      // Filters run after the rate change: the band moves up with the playback rate.
      const high = new BiquadFilterNode(ctx, { type: 'highpass', frequency: o.band.low * o.rate, Q: 0.707 });
      const low = new BiquadFilterNode(ctx, { type: 'lowpass', frequency: Math.min(ctx.sampleRate / 2 - 1, o.band.high * o.rate), Q: 0.707 });
      tail.connect(high);
      high.connect(low);
      tail = low;
    }
    tail.connect(ctx.destination);
    this.#onEnd = onEnd;
    source.onended = () => {
      if (this.#source === source) this.#source = undefined;
      this.#onEnd?.();
    };
    source.start();
    this.#source = source;
  }

  stop(): void {
    const s = this.#source;
    this.#source = undefined;
    if (s) {
      s.onended = null;
      s.stop();
    }
  }

  get playing(): boolean {
    return this.#source !== undefined;
  }

  close(): void {
    this.stop();
    void this.#ctx?.close();
    this.#ctx = undefined;
  }
}

/** The buffer itself when mono, else the average of its channels (WebAudio would drop channels beyond stereo). */
function monoOf(ctx: AudioContext, decoded: AudioBuffer): AudioBuffer {
  if (decoded.numberOfChannels === 1) return decoded;
  const channels = Array.from({ length: decoded.numberOfChannels }, (_, c) => decoded.getChannelData(c));
  const mono = ctx.createBuffer(1, decoded.length, decoded.sampleRate);
  mono.copyToChannel(mixDown(channels) as Float32Array<ArrayBuffer>, 0);
  return mono;
}
