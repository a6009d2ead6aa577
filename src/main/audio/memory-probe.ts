/**
 * Child process of the memory benchmark (bench-memory.ts): streams one recording through the
 * signal chain — read → segment (30 s, 25 % overlap) → seed log-mel of channel 0 — and prints
 * the baseline and peak resident set size as one JSON line. Usage: node memory-probe.ts FILE
 */
import { SEED_LOG_MEL, SEED_SAMPLE_RATE } from '../dsp/presets.ts';
import { featurize } from '../pipeline/featurizer.ts';
import { Segmenter } from '../pipeline/segmenter.ts';
import { readRecordings } from './recording-stream.ts';

const MB = 1024 * 1024;

async function main(path: string): Promise<void> {
  const request = {
    key: 'seed', spec: SEED_LOG_MEL, sampleRate: SEED_SAMPLE_RATE, channels: [0], layout: 'channels-last' as const, shape: [160, 128, 1],
  };
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let frames = 0;
  let segments = 0;
  const segmenter = new Segmenter({ segmentSeconds: 30, overlap: 0.25 });
  for await (const event of readRecordings([path])) {
    if (event.type === 'failed') throw event.error;
    if (event.type !== 'block') continue;
    frames += event.block.channels[0]!.length;
    for (const w of segmenter.push(event.block).windows) {
      featurize(w, request);
      segments++;
    }
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  process.stdout.write(`${JSON.stringify({ baselineMB: baseline / MB, peakMB: peak / MB, frames, segments })}\n`);
}

main(process.argv[2]!).catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
