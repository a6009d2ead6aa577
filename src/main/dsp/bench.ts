/**
 * DSP micro-benchmarks (wired into `npm run bench` elsewhere). Each figure is "× real time":
 * seconds of audio processed per second of wall clock on one core. Runs in well under 20 s.
 */
import FFT from 'fft.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWavBlocks } from '../audio/wav-reader.ts';
import { writeWav } from '../audio/wav-writer.ts';
import type { LogMelFeature } from '../../shared/feature-spec.ts';
import { computeFeature } from './features.ts';
import { SEED_LOG_MEL, SEED_SAMPLE_RATE } from './presets.ts';
import { Resampler, resample } from './resample.ts';
import { referenceSignal } from './test-signals.ts';
import { stftFrameCount } from './stft.ts';

/** Benchmark sizes. */
export interface BenchOptions {
  /** Seconds of 4-channel 8 kHz audio for the seed pipeline (multiple of 30). Default 120. */
  seedSeconds?: number;
  /** Seconds of 256 kHz mono audio for the decimation figure. Default 20. */
  decimateSeconds?: number;
}

const SEGMENT_S = 30;
const SEED_STFT = (SEED_LOG_MEL as LogMelFeature).stft;

function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/** Reads the file, resamples 8 → 4 kHz per channel (streaming) and computes the seed log-mel per 30 s. */
async function seedPipeline(path: string, channels: number): Promise<{ decodeS: number; resampleS: number; featureS: number }> {
  const segment = SEGMENT_S * 8000;
  const resamplers = Array.from({ length: channels }, () => new Resampler(8000, SEED_SAMPLE_RATE));
  const times = { decodeS: 0, resampleS: 0, featureS: 0 };
  let t = performance.now();
  for await (const block of readWavBlocks(path, { blockFrames: segment })) {
    times.decodeS += (performance.now() - t) / 1000;
    let at4k: Float32Array[] = [];
    times.resampleS += timeIt(() => (at4k = block.map((ch, c) => resamplers[c].push(ch))));
    // Streaming output lags by the filter delay, so segments are not exactly 120 000 samples here.
    const shape = [stftFrameCount(SEED_STFT, at4k[0].length), 128, channels];
    const target = { layout: 'channels-last' as const, shape, sampleRate: SEED_SAMPLE_RATE };
    times.featureS += timeIt(() => void computeFeature(SEED_LOG_MEL, at4k, target));
    t = performance.now();
  }
  return times;
}

/** The seed feature's FFT work alone: the same number of 1024-point frames through fft.js. */
function bareFft(frames: number): number {
  const fft = new FFT(1024);
  const input = new Float64Array(1024);
  const out = new Float64Array(2048);
  const mag = new Float64Array(513);
  const x = referenceSignal(1024, 4000);
  return timeIt(() => {
    for (let f = 0; f < frames; f++) {
      for (let i = 0; i < 1000; i++) input[i] = x[i];
      fft.realTransform(out, input);
      for (let k = 0; k < 513; k++) mag[k] = Math.hypot(out[2 * k], out[2 * k + 1]);
    }
  });
}

/** Runs the DSP benchmarks and returns named figures (× real time unless named otherwise). */
export async function benchDsp(opts: BenchOptions = {}): Promise<Record<string, number>> {
  const seedSeconds = opts.seedSeconds ?? 120;
  const decimateSeconds = opts.decimateSeconds ?? 20;
  const dir = await mkdtemp(join(tmpdir(), 'aiw-bench-'));
  try {
    const path = join(dir, 'seed-4ch-8k.wav');
    const channels = Array.from({ length: 4 }, (_, c) => referenceSignal(seedSeconds * 8000, 8000 + c));
    await writeWav(path, channels, { sampleRate: 8000, encoding: 'pcm16' });
    await seedPipeline(path, 4); // JIT warm-up
    let parts = { decodeS: 0, resampleS: 0, featureS: 0 };
    const totalS = await timeAsync(async () => void (parts = await seedPipeline(path, 4)));
    const frames = ((seedSeconds * SEED_SAMPLE_RATE) / SEED_STFT.hop) * 4;
    bareFft(frames);
    const fftS = bareFft(frames);
    const hi = referenceSignal(decimateSeconds * 256000, 256000);
    resample(hi.subarray(0, 256000), 256000, 8000);
    const decimateS = timeIt(() => void resample(hi, 256000, 8000));
    return {
      'seed4ch.pipeline.xRealtime': seedSeconds / totalS,
      'seed4ch.decode.xRealtime': seedSeconds / parts.decodeS,
      'seed4ch.resample8kTo4k.xRealtime': seedSeconds / parts.resampleS,
      'seed4ch.logMel.xRealtime': seedSeconds / parts.featureS,
      'seed4ch.bareFftSameFrames.xRealtime': seedSeconds / fftS,
      'seed4ch.logMelOverBareFft.ratio': parts.featureS / fftS,
      'decimate256kTo8k.mono.xRealtime': decimateSeconds / decimateS,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
