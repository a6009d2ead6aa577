/**
 * The labelled dataset: simulated windows (rendered in parallel worker threads, one scenario seed at a
 * time) and real clips. Both go through the serving code path — Segmenter (loop padding) → featurize
 * (channel selection, resampling, BASELINE_FEATURE) — so training and serving cannot drift apart.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { AppError } from '../../src/shared/errors.ts';
import { readAudioAll } from '../../src/main/audio/audio-file.ts';
import { DemoStation } from '../../src/main/demo/demo-station.ts';
import { featurize } from '../../src/main/pipeline/featurizer.ts';
import type { FeatureRequest } from '../../src/main/pipeline/feature-plan.ts';
import { Segmenter } from '../../src/main/pipeline/segmenter.ts';
import { labelIndex } from './labels.ts';
import type { ClipSpec } from './real-clips.ts';
import type { Example, RenderedAudio, SimPlan, SimSource, TruthLog } from './sim-dataset.ts';

/** Ships up to this far ahead of a window are still heard in it (80 km / 1490 m/s ≈ 54 s, with margin). */
const TRAVEL_MARGIN_MS = 150_000;

/** The demo station as a SimSource: the first `channels` channels (default pressure only), endless seeded traffic, no welcome pass. */
export function demoSimSource(seed: number, channels = 1): SimSource {
  const station = new DemoStation({ seed, startTime: 0, channels, welcomePass: false });
  return {
    truthAt: (t) => station.truthAt(t),
    passes: (from, to) => station.shipsBetween(from, to).filter((s) => s.cpaTime >= from && s.cpaTime <= to),
    render(from, durationMs, removed) {
      if (removed.size === 0) return station.render(from, durationMs);
      // Same seed, same ships minus the removed ones: the station is a pure function of (seed, time, ships).
      const ships = station.shipsBetween(from - TRAVEL_MARGIN_MS, from + durationMs).filter((s) => !removed.has(s.mmsi));
      const scenario = { seed, startTime: from - TRAVEL_MARGIN_MS, durationMs: durationMs + TRAVEL_MARGIN_MS, sensor: station.sensor, ships };
      return new DemoStation({ seed, startTime: 0, channels, scenario }).render(from, durationMs);
    },
  };
}

/** Features of rendered simulator audio, exactly as the live pipeline computes them. */
export function featurizeRendered(audio: RenderedAudio, request: FeatureRequest): Float32Array {
  const endTime = audio.startTime + (audio.channels[0].length * 1000) / audio.sampleRate;
  return featurize({ startTime: audio.startTime, endTime, sampleRate: audio.sampleRate, channels: audio.channels, padded: false }, request);
}

/** Feature vectors of a real clip: its windows as the pipeline cuts them (one loop-padded window if short). */
export async function clipFeatures(clip: ClipSpec, request: FeatureRequest, segmentSeconds: number, overlap: number): Promise<Float32Array[]> {
  const audio = await readAudioAll(clip.path);
  const segmenter = new Segmenter({ segmentSeconds, overlap });
  const block = { startTime: 0, sampleRate: audio.info.sampleRate, channels: audio.channels };
  const windows = [...segmenter.push(block).windows, ...segmenter.flush()];
  return windows.map((w) => featurize(w, request));
}

/** Examples of real clips; every window of a clip shares the clip's group, so splits stay disjoint by file. */
export async function realExamples(clips: readonly ClipSpec[], request: FeatureRequest, segmentSeconds: number, overlap: number): Promise<Example[]> {
  const out: Example[] = [];
  for (const clip of clips) {
    for (const features of await clipFeatures(clip, request, segmentSeconds, overlap)) {
      out.push({ features, label: labelIndex(clip.label), group: `${clip.corpus}:${clip.file}`, kind: 'natural', maxSnrDb: Number.NaN });
    }
  }
  return out;
}

export interface SimJob {
  seeds: number[];
  plan: SimPlan;
  request: FeatureRequest;
  /** Channels the demo station renders (default 1). */
  channels?: number;
}

export type WorkerMessage =
  | { type: 'scenario'; seed: number; examples: Example[]; log: TruthLog }
  | { type: 'done' }
  | { type: 'error'; message: string };

/** Renders the scenarios of `seeds` on `workers` threads; resolves with examples in seed order. */
export async function buildSimExamples(
  seeds: readonly number[],
  plan: SimPlan,
  request: FeatureRequest,
  onScenario: (done: number, total: number) => void = () => {},
  workers = Math.max(1, Math.min(availableParallelism(), 2)),
  channels = 1,
): Promise<{ examples: Example[]; log: TruthLog }> {
  const bySeed = new Map<number, Example[]>();
  const log: TruthLog = [];
  const shares = Array.from({ length: workers }, (_, w) => seeds.filter((_, i) => i % workers === w)).filter((s) => s.length > 0);
  await Promise.all(
    shares.map((share) =>
      runWorker({ seeds: share, plan, request, channels }, (msg) => {
        bySeed.set(msg.seed, msg.examples);
        log.push(...msg.log);
        onScenario(bySeed.size, seeds.length);
      }),
    ),
  );
  return { examples: seeds.flatMap((s) => bySeed.get(s) ?? []), log };
}

function runWorker(job: SimJob, onScenario: (msg: Extract<WorkerMessage, { type: 'scenario' }>) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./sim-worker.ts', import.meta.url), { workerData: job });
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'scenario') onScenario(msg);
      else if (msg.type === 'error') reject(new AppError('INTERNAL', `simulation worker: ${msg.message}`));
      else resolve();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new AppError('INTERNAL', `simulation worker exited with code ${code}`));
    });
  });
}
