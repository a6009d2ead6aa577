/**
 * DSP micro-benchmarks (wired into `npm run bench`). Each figure is "× real time": seconds of
 * audio processed per CPU second of this (single-threaded) work — so other load on a shared
 * machine does not count against it; one wall-clock figure is given too — or a ratio to a
 * reference run interleaved with it in the same process. Defaults follow the goals:
 * 1 hour of 4-channel 8 kHz audio through decode + resample 8 → 4 kHz + the seed log-mel, and
 * 1 hour of 256 kHz mono decimated to 8 kHz.
 */
import FFT from 'fft.js';
import { open, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWavBlocks } from '../audio/wav-reader.ts';
import { encodeSamples, encodeWav } from '../audio/wav-writer.ts';
import type { LogMelFeature } from '../../shared/feature-spec.ts';
import { computeFeature } from './features.ts';
import { SEED_LOG_MEL, SEED_SAMPLE_RATE } from './presets.ts';
import { Resampler } from './resample.ts';
import { referenceSignal } from './test-signals.ts';
import { stftFrameCount } from './stft.ts';

/** Benchmark sizes. */
export interface BenchOptions {
  /** Seconds of 4-channel 8 kHz audio for the seed pipeline (multiple of 30). Default 3600. */
  seedSeconds?: number;
  /** Seconds of 256 kHz mono audio for the decimation figure (multiple of 10). Default 3600. */
  decimateSeconds?: number;
}

const SEGMENT_S = 30;
const SEED_STFT = (SEED_LOG_MEL as LogMelFeature).stft;

/** CPU seconds of this process since `t0` (user + system): other load on the machine does not count. */
function cpuSince(t0: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

/** CPU seconds `fn` takes. */
function cpuOf(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  return cpuSince(t0);
}

/** Writes `seconds` of 16-bit audio (a ≤120-s reference signal, repeated) without holding it in memory. */
export async function writeLongWav(path: string, seconds: number, channels = 4, sampleRate = 8000): Promise<void> {
  const period = Math.min(seconds, 120);
  const block = encodeSamples(Array.from({ length: channels }, (_, c) => referenceSignal(period * sampleRate, sampleRate + c)), 'pcm16');
  const head = encodeWav(Array.from({ length: channels }, () => new Float32Array(1)), { sampleRate, encoding: 'pcm16', extensible: false });
  const dataAt = head.length - 2 * channels;
  const dataBytes = seconds * sampleRate * 2 * channels;
  head.writeUInt32LE(dataBytes, dataAt - 4);
  head.writeUInt32LE(dataAt - 8 + dataBytes, 4);
  const fh = await open(path, 'w');
  try {
    await fh.write(head, 0, dataAt, 0);
    for (let at = 0; at < dataBytes; at += block.length) await fh.write(block, 0, Math.min(block.length, dataBytes - at), dataAt + at);
  } finally {
    await fh.close();
  }
}

/** CPU seconds per stage of the seed chain, and of the bare FFT reference run interleaved with it. */
interface SeedTimes {
  decodeS: number;
  resampleS: number;
  featureS: number;
  bareFftS: number;
  wallS: number;
}

const bareIn = new Float64Array(1024);
const bareOut = new Float64Array(2048);
const bareMag = new Float64Array(513);
const bareFftPlan = new FFT(1024);
const bareSignal = referenceSignal(1024, 4000);

/** One frame of the reference: copied in, fft.js realTransform, magnitudes. */
function bareFftFrame(): void {
  for (let i = 0; i < 1000; i++) bareIn[i] = bareSignal[i]!;
  bareFftPlan.realTransform(bareOut, bareIn);
  for (let k = 0; k < 513; k++) bareMag[k] = Math.sqrt(bareOut[2 * k]! ** 2 + bareOut[2 * k + 1]! ** 2);
}

/**
 * The seed feature's FFT work alone: `frames` 1024-point frames through fft.js, each frame
 * copied in and its magnitudes taken (sqrt(re² + im²)) — no window, mel or log. The frame is its
 * own function: with the loops inlined here, V8 (Maglev) left on-stack-replaced code at every
 * call and the reference ran slower than fft.js can.
 */
function bareFft(frames: number): void {
  for (let f = 0; f < frames; f++) bareFftFrame();
}

/**
 * Reads the file, resamples 8 → 4 kHz per channel (streaming) and computes the seed log-mel per
 * 30 s. After each block the bare FFT reference runs over the same number of frames, so both see
 * the same machine load and their ratio stays meaningful on a busy machine.
 */
async function seedPipeline(path: string, channels: number): Promise<SeedTimes> {
  const resamplers = Array.from({ length: channels }, () => new Resampler(8000, SEED_SAMPLE_RATE));
  const times: SeedTimes = { decodeS: 0, resampleS: 0, featureS: 0, bareFftS: 0, wallS: 0 };
  const wall0 = performance.now();
  let bareWallMs = 0;
  const blocks = readWavBlocks(path, { blockFrames: SEGMENT_S * 8000 });
  for (;;) {
    const c0 = process.cpuUsage();
    const next = await blocks.next();
    times.decodeS += cpuSince(c0);
    if (next.done) break;
    let at4k: Float32Array[] = [];
    times.resampleS += cpuOf(() => (at4k = next.value.map((ch, c) => resamplers[c]!.push(ch))));
    // Streaming output lags by the filter delay, so segments are not exactly 120 000 samples here.
    const frames = stftFrameCount(SEED_STFT, at4k[0]!.length);
    const target = { layout: 'channels-last' as const, shape: [frames, 128, channels], sampleRate: SEED_SAMPLE_RATE };
    times.featureS += cpuOf(() => void computeFeature(SEED_LOG_MEL, at4k, target));
    const b0 = performance.now();
    times.bareFftS += cpuOf(() => bareFft(frames * channels));
    bareWallMs += performance.now() - b0;
  }
  times.wallS = (performance.now() - wall0 - bareWallMs) / 1000;
  return times;
}

/** CPU seconds to stream `seconds` of 256 kHz mono (a 10-s block, repeated) through the 256 → 8 kHz decimator. */
function decimate(seconds: number): number {
  const block = referenceSignal(10 * 256000, 256000);
  new Resampler(256000, 8000).push(block); // JIT warm-up
  const r = new Resampler(256000, 8000);
  return cpuOf(() => {
    for (let s = 0; s < seconds; s += 10) r.push(block);
    r.flush();
  });
}

/** Runs the DSP benchmarks and returns named figures (× real time unless named otherwise). */
export async function benchDsp(opts: BenchOptions = {}): Promise<Record<string, number>> {
  const seedSeconds = opts.seedSeconds ?? 3600;
  const decimateSeconds = opts.decimateSeconds ?? 3600;
  const dir = await mkdtemp(join(tmpdir(), 'aiw-bench-'));
  try {
    const path = join(dir, 'seed-4ch-8k.wav');
    await writeLongWav(path, seedSeconds);
    const warmPath = join(dir, 'warm.wav');
    await writeLongWav(warmPath, Math.min(seedSeconds, 120));
    await seedPipeline(warmPath, 4); // JIT warm-up
    const t = await seedPipeline(path, 4);
    const chainS = t.decodeS + t.resampleS + t.featureS;
    return {
      'seed4ch.pipeline.xRealtime': seedSeconds / chainS,
      'seed4ch.pipeline.wallClock.xRealtime': seedSeconds / t.wallS,
      'seed4ch.decode.xRealtime': seedSeconds / t.decodeS,
      'seed4ch.resample8kTo4k.xRealtime': seedSeconds / t.resampleS,
      'seed4ch.logMel.xRealtime': seedSeconds / t.featureS,
      'seed4ch.bareFftSameFrames.xRealtime': seedSeconds / t.bareFftS,
      'seed4ch.decodeOverBareFft.ratio': t.decodeS / t.bareFftS,
      'seed4ch.resampleOverBareFft.ratio': t.resampleS / t.bareFftS,
      'seed4ch.logMelOverBareFft.ratio': t.featureS / t.bareFftS,
      'seed4ch.pipelineOverBareFft.ratio': chainS / t.bareFftS,
      'decimate256kTo8k.mono.xRealtime': decimateSeconds / decimate(decimateSeconds),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
