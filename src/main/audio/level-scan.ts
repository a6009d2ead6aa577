/**
 * Reads a whole recording once and reports, per channel, how many samples are not finite (NaN,
 * ±Infinity: a float file with those fails analysis) and the peak and RMS levels of the finite
 * ones in dBFS (`aiw info --scan`). Full scale is 1.0: a full-scale square reads 0 dBFS peak and
 * RMS, a full-scale sine 0 dBFS peak and −3.01 dBFS RMS; silence reads −Infinity.
 */
import type { AudioFileInfo } from './audio-info.ts';
import { probeAudio, readAudioBlocks } from './audio-file.ts';

export interface ChannelLevels {
  channel: number;
  /** Samples that were NaN or ±Infinity. */
  nonFinite: number;
  peakDbfs: number;
  rmsDbfs: number;
}

export interface LevelScan {
  /** Frames read (the whole file as present, also when truncated). */
  frames: number;
  nonFinite: number;
  channels: ChannelLevels[];
}

/** 20·log10 of an amplitude (−Infinity for 0). */
const dbfs = (amplitude: number) => 20 * Math.log10(amplitude);

/** Scans every sample of `path` (streaming: memory does not grow with the file). */
export async function scanLevels(path: string, info?: AudioFileInfo): Promise<LevelScan> {
  const { channels } = info ?? (await probeAudio(path));
  const stats = { nonFinite: 0, nonFiniteByChannel: new Array<number>(channels).fill(0) };
  const peak = new Float64Array(channels);
  const sumSquares = new Float64Array(channels);
  let frames = 0;
  // Non-finite samples come back as 0 and are counted; they are left out of the RMS below.
  for await (const block of readAudioBlocks(path, { nonFinite: 'zero', stats })) {
    for (let c = 0; c < channels; c++) {
      const samples = block[c]!;
      let p = peak[c]!;
      let sum = 0;
      for (let i = 0; i < samples.length; i++) {
        const v = samples[i]!;
        const a = v < 0 ? -v : v;
        if (a > p) p = a;
        sum += v * v;
      }
      peak[c] = p;
      sumSquares[c]! += sum;
    }
    frames += block[0]!.length;
  }
  return {
    frames,
    nonFinite: stats.nonFinite,
    channels: Array.from({ length: channels }, (_, c) => {
      const finite = frames - stats.nonFiniteByChannel[c]!;
      return { channel: c, nonFinite: stats.nonFiniteByChannel[c]!, peakDbfs: dbfs(peak[c]!), rmsDbfs: finite > 0 ? dbfs(Math.sqrt(sumSquares[c]! / finite)) : -Infinity };
    }),
  };
}
