/**
 * Throughput of the demo station's whole pipeline on one core, stage by stage:
 * simulate → display spectrogram + segmentation + features → inference.
 * Reference in the same run: a bare fft.js loop over the same audio.
 */
import FFT from 'fft.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundledModelsDir } from '../src/main/app/paths.ts';
import { DemoStation } from '../src/main/demo/demo-station.ts';
import { InferenceService } from '../src/main/inference/inference-service.ts';
import { loadModelPackage } from '../src/main/inference/model-package.ts';
import { planFeatures } from '../src/main/pipeline/feature-plan.ts';
import { predictSegment } from '../src/main/pipeline/segment-inference.ts';
import type { FromStationWorker, SegmentMessage } from '../src/main/pipeline/station-protocol.ts';
import { StreamProcessor } from '../src/main/pipeline/stream-processor.ts';

export interface DemoBenchResult {
  audioSeconds: number;
  segments: number;
  renderRtf: number;
  dspRtf: number;
  inferenceMsPerSegment: number;
  segmentsPerSecond: number;
  realTimeFactor: number;
  bareFftRtf: number;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

function bareFft(channel: Float32Array, nFft = 1024, hop = 512): void {
  const fft = new FFT(nFft);
  const out = fft.createComplexArray();
  const frame = new Float64Array(nFft);
  for (let start = 0; start + nFft <= channel.length; start += hop) {
    for (let i = 0; i < nFft; i++) frame[i] = channel[start + i]!;
    fft.realTransform(out, frame);
  }
}

export async function benchDemoPipeline(audioSeconds = 600): Promise<DemoBenchResult> {
  const dir = join(bundledModelsDir(), 'baseline-logreg');
  const pkgDir = existsSync(dir) ? dir : join(import.meta.dirname, '../test/fixtures/models/tiny-logreg');
  const pkg = await loadModelPackage(pkgDir);
  const station = new DemoStation({ seed: 7, startTime: 0 });
  const blocks = [];
  let t0 = performance.now();
  for (let t = 0; t < audioSeconds * 1000; t += 1000) blocks.push(station.render(t, 1000));
  const renderS = seconds(t0);

  const segments: SegmentMessage[] = [];
  const processor = new StreamProcessor({ nFft: 1024, hop: 512, dbFloor: -130, dbCeil: -30 }, (m: FromStationWorker) => {
    if (m.type === 'segment') segments.push(m);
  });
  processor.setGroups(planFeatures([pkg.manifest]));
  t0 = performance.now();
  for (const b of blocks) processor.process(b);
  const dspS = seconds(t0);

  const inference = new InferenceService({});
  await inference.activate(pkg);
  t0 = performance.now();
  for (const [i, s] of segments.entries()) {
    await predictSegment(i, s.groupKey, new Map(s.features), [pkg.manifest], (...a) => inference.infer(...a));
  }
  const inferS = seconds(t0);
  await inference.stop();

  const whole = Float32Array.from(blocks.flatMap((b) => [...b.channels[0]!]));
  t0 = performance.now();
  bareFft(whole);
  const fftS = seconds(t0);
  const totalS = renderS + dspS + inferS;
  return {
    audioSeconds, segments: segments.length, renderRtf: audioSeconds / renderS, dspRtf: audioSeconds / dspS,
    inferenceMsPerSegment: (inferS * 1000) / Math.max(1, segments.length), segmentsPerSecond: segments.length / totalS,
    realTimeFactor: audioSeconds / totalS, bareFftRtf: audioSeconds / fftS,
  };
}
