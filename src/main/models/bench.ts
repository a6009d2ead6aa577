/**
 * `npm run bench` figures for issue 4, measured in this process against references in the same run:
 * - live latency: segment complete (features included) → predictions of 6 active models (one MC
 *   model with 30 passes) stored and pushed (serialised as the WebSocket does), p50/p95;
 * - backfill throughput over 1 h of cached audio with the same 6 models, × real time;
 * - the MC CNN alone in onnxruntime (host process, batched) vs the same weights in PyTorch (Debian
 *   python3-torch) on the same features, both on one thread: the ratio.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelManifest } from '../../shared/model-manifest.ts';
import { EventBus } from '../app/event-bus.ts';
import { silentLogger } from '../app/logger.ts';
import { bundledModelsDir } from '../app/paths.ts';
import { writeWav } from '../audio/wav-writer.ts';
import { DemoStation } from '../demo/demo-station.ts';
import { InferenceService } from '../inference/inference-service.ts';
import { featureRequestOf, planFeatures } from '../pipeline/feature-plan.ts';
import { featurize, featurizeAll } from '../pipeline/featurizer.ts';
import { storeAndPredictSegment } from '../pipeline/segment-store.ts';
import { Segmenter, type Window } from '../pipeline/segmenter.ts';
import { openDatabase } from '../storage/database.ts';
import { createRepositories, type Repositories } from '../storage/repositories.ts';
import { BackfillService } from './backfill-service.ts';
import { ModelRegistry } from './model-registry.ts';
import { packageCopy } from './bench-packages.ts';

export interface ModelsBenchResult {
  models: string[];
  latency: { segments: number; p50Ms: number; p95Ms: number; maxMs: number };
  backfill: { audioSeconds: number; wallSeconds: number; realTimeFactor: number; segments: number; predictions: number };
  torch: { samples: number; passes: number; ortSeconds: number; torchSeconds: number; ratio: number } | { skipped: string };
}

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(REPO, 'test', 'fixtures');
const RATE = 8000;

function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The 6 models, all on 30 s windows every 22.5 s so every segment is predicted by all of them. */
function benchPackages(dir: string): string[] {
  const baseline = join(bundledModelsDir(), 'baseline-logreg');
  const onGrid = (m: Record<string, unknown>) => void ((m.input as { overlap: number }).overlap = 0.25);
  return [
    existsSync(baseline) ? baseline : packageCopy(join(FIXTURES, 'models', 'tiny-logreg'), dir, 'baseline-standin', onGrid),
    join(FIXTURES, 'model-packages', 'torch-mc-cnn'),
    join(FIXTURES, 'model-packages', 'torch-cnn'),
    packageCopy(join(FIXTURES, 'models', 'tiny-multilabel'), dir, 'multilabel-b', onGrid),
    packageCopy(join(FIXTURES, 'models', 'tiny-logreg'), dir, 'logreg-b', onGrid),
    packageCopy(join(FIXTURES, 'models', 'tiny-logreg'), dir, 'logreg-c', onGrid),
  ];
}

interface Setup {
  dir: string;
  repos: Repositories;
  inference: InferenceService;
  registry: ModelRegistry;
  manifests: ModelManifest[];
  close(): Promise<void>;
}

async function setup(): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'aiw-bench-models-'));
  const db = openDatabase(join(dir, 'aiw.db'));
  const repos = createRepositories(db);
  const inference = new InferenceService({ failOnRunError: true, timeoutMs: 30_000 });
  const registry = new ModelRegistry({
    repo: repos.models, events: repos.modelEvents, inference, modelsDir: join(dir, 'models'), logger: silentLogger,
    actor: () => 'bench', onChange: () => {}, validation: { runTimeoutMs: 30_000 },
  });
  for (const path of benchPackages(dir)) await registry.deploy({ kind: 'path', path });
  repos.stations.upsert({ id: 'bench', name: 'Bench', kind: 'files', lat: 0, lon: 0, sampleRate: RATE, channels: 1 });
  return {
    dir, repos, inference, registry, manifests: registry.runningManifests(),
    async close() {
      await inference.stop();
      db.close();
    },
  };
}

/** Demo audio, cut into windows as the live station does; each window timed from complete to all predictions pushed. */
async function liveLatency(s: Setup, segments: number): Promise<ModelsBenchResult['latency']> {
  const bus = new EventBus();
  bus.subscribe((_event, payload) => void JSON.stringify(payload)); // what the WebSocket transport does
  const [group] = planFeatures(s.manifests);
  const station = new DemoStation({ seed: 7, startTime: 0 });
  const segmenter = new Segmenter({ segmentSeconds: group!.segmentSeconds, overlap: group!.overlap });
  const times: number[] = [];
  for (let t = 0; times.length < segments; t += 1000) {
    const block = station.render(t, 1000);
    for (const w of segmenter.push({ ...block, channels: block.channels.slice(0, 1) }).windows) {
      const t0 = performance.now();
      const features = [...featurizeAll(w, group!.features)];
      const msg = { type: 'segment' as const, groupKey: group!.key, startTime: w.startTime, endTime: w.endTime, sampleRate: w.sampleRate, padded: false, features };
      await storeAndPredictSegment({ ...s, bus, logger: silentLogger }, 'bench', msg, s.manifests);
      times.push(performance.now() - t0);
    }
  }
  return { segments: times.length, p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95), maxMs: Math.max(...times) };
}

/** Tones, amplitude modulation and noise: cheap to make, and nothing like silence for the models. */
function syntheticAudio(seconds: number, seed: number): Float32Array {
  let state = seed;
  const out = new Float32Array(seconds * RATE);
  for (let i = 0; i < out.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    const t = i / RATE;
    out[i] = 0.05 * (state / 2 ** 32 - 0.5) + 0.02 * Math.sin(2 * Math.PI * 63 * t) * (1 + 0.5 * Math.sin(2 * Math.PI * t / 97)) +
      0.01 * Math.sin(2 * Math.PI * 412 * t);
  }
  return out;
}

/** Six 10-minute cache files (1 h), registered as a station's cached recordings. */
async function cacheHour(s: Setup): Promise<{ from: number; to: number; files: Float32Array[] }> {
  const from = Date.UTC(2025, 0, 1);
  const files: Float32Array[] = [];
  for (let k = 0; k < 6; k++) {
    const samples = syntheticAudio(600, k + 1);
    const path = join(s.dir, `bench-${k}.wav`);
    await writeWav(path, [samples], { sampleRate: RATE, encoding: 'pcm16' });
    s.repos.backfill.registerCached({ stationId: 'bench', name: `bench-${k}.wav`, path, bytes: 0, startTime: from + k * 600_000, durationMs: 600_000, sampleRate: RATE, channels: 1 });
    files.push(samples);
  }
  return { from, to: from + 3_600_000, files };
}

async function backfillHour(s: Setup, range: { from: number; to: number }): Promise<ModelsBenchResult['backfill']> {
  const backfill = new BackfillService({ repos: s.repos, registry: s.registry, inference: s.inference, logger: silentLogger, actor: () => 'bench', onProgress: () => {} });
  const t0 = performance.now();
  const job = await backfill.wait(backfill.start({ stationId: 'bench', models: s.manifests.map((m) => ({ id: m.id, version: m.version })), ...range }).id);
  const wallSeconds = (performance.now() - t0) / 1000;
  if (job.state !== 'done') throw new Error(`bench backfill ${job.state}: ${job.message ?? ''}`);
  return { audioSeconds: 3600, wallSeconds, realTimeFactor: 3600 / wallSeconds, segments: job.done, predictions: job.predictions };
}

/** The MC CNN alone: onnxruntime host vs PyTorch on the same features, same batching, one thread each. */
async function ortVersusTorch(s: Setup, audio: Float32Array[], samples: number): Promise<ModelsBenchResult['torch']> {
  const mc = s.manifests.find((m) => m.id === 'torch-mc-cnn')!;
  const request = featureRequestOf(mc);
  const segmenter = new Segmenter({ segmentSeconds: 30, overlap: 0.25 });
  const windows: Window[] = audio.flatMap((a, k) => segmenter.push({ startTime: k * 600_000, sampleRate: RATE, channels: [a] }).windows);
  const rows = windows.slice(0, samples).map((w) => featurize(w, request));
  const size = rows[0]!.length;
  const all = new Float32Array(rows.length * size);
  rows.forEach((r, i) => all.set(r, i * size));
  const batch = 8;
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += batch) {
    const n = Math.min(batch, rows.length - i);
    await s.inference.infer(mc.id, mc.version, all.subarray(i * size, (i + n) * size), n);
  }
  const ortSeconds = (performance.now() - t0) / 1000;
  const file = join(s.dir, 'features.f32');
  writeFileSync(file, Buffer.from(all.buffer, all.byteOffset, all.byteLength));
  const script = join(FIXTURES, 'model-packages', 'time_torch_mc_cnn.py');
  const run = spawnSync('/usr/bin/python3', [script, file, String(rows.length), '--batch', String(batch), '--threads', '1'], { encoding: 'utf8' });
  if (run.status !== 0) return { skipped: `PyTorch run failed (apt-get install python3-torch): ${(run.stderr || String(run.error)).trim().split('\n').at(-1)}` };
  const torchSeconds = (JSON.parse(run.stdout) as { seconds: number }).seconds;
  return { samples: rows.length, passes: 30, ortSeconds, torchSeconds, ratio: torchSeconds / ortSeconds };
}

/** Runs the three measurements on a fresh data folder. */
export async function benchModels(options: { latencySegments?: number; torchSamples?: number } = {}): Promise<ModelsBenchResult> {
  const s = await setup();
  try {
    const latency = await liveLatency(s, options.latencySegments ?? 40);
    const hour = await cacheHour(s);
    const backfill = await backfillHour(s, hour);
    const torch = await ortVersusTorch(s, hour.files, options.torchSamples ?? 80);
    return { models: s.manifests.map((m) => `${m.id}${m.uncertainty.method === 'mc-dropout' ? ` (MC ×${m.uncertainty.passes})` : ''}`), latency, backfill, torch };
  } finally {
    await s.close();
  }
}
