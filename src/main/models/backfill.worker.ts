/**
 * Backfill worker thread: streams the planned cache files, cuts exactly the planned windows and
 * computes their features (the same featurizer as live), in batches, off the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toAppError } from '../../shared/errors.ts';
import { probeAudio, readAudioBlocks } from '../audio/audio-file.ts';
import type { WindowGroup } from '../pipeline/feature-plan.ts';
import { featurizeAll } from '../pipeline/featurizer.ts';
import { Segmenter, type Window } from '../pipeline/segmenter.ts';
import type { RunWindows } from './backfill-plan.ts';
import {
  MAX_BATCHES_IN_FLIGHT,
  type BackfillWindow,
  type BackfillWorkerData,
  type FromBackfillWorker,
  type ToBackfillWorker,
} from './backfill-protocol.ts';

const data = workerData as BackfillWorkerData;
const port = parentPort!;
let inFlight = 0;
let cancelled = false;
let wake: (() => void) | undefined;

port.on('message', (msg: ToBackfillWorker) => {
  if (msg.type === 'ack') inFlight--;
  else cancelled = true;
  wake?.();
});

function post(msg: FromBackfillWorker): void {
  const transfer: ArrayBuffer[] = [];
  if (msg.type === 'batch') {
    for (const w of msg.windows) for (const [, f] of w.features) if (f.ok) transfer.push(f.data.buffer as ArrayBuffer);
  }
  port.postMessage(msg, transfer);
}

/** Waits until fewer than MAX_BATCHES_IN_FLIGHT batches are unacknowledged (or the job is cancelled). */
async function credit(): Promise<void> {
  while (inFlight >= MAX_BATCHES_IN_FLIGHT && !cancelled) await new Promise<void>((resolve) => (wake = resolve));
}

class Batcher {
  #windows: BackfillWindow[] = [];
  #audioMs = 0;
  readonly #group: WindowGroup;

  constructor(group: WindowGroup) {
    this.#group = group;
  }

  async add(w: Window): Promise<void> {
    const features = [...featurizeAll(w, this.#group.features)];
    this.#windows.push({ startTime: w.startTime, endTime: w.endTime, sampleRate: w.sampleRate, features });
    this.#audioMs += (this.#group.segmentSeconds * (1 - this.#group.overlap)) * 1000;
    if (this.#windows.length >= data.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.#windows.length) return;
    await credit();
    if (cancelled) return;
    inFlight++;
    post({ type: 'batch', groupKey: this.#group.key, windows: this.#windows, audioMs: this.#audioMs });
    this.#windows = [];
    this.#audioMs = 0;
  }
}

/** Streams one run's files from the run's first planned window and hands over its `count` windows. */
async function cutRun(group: WindowGroup, plan: RunWindows, batcher: Batcher): Promise<void> {
  const segmenter = new Segmenter({ segmentSeconds: group.segmentSeconds, overlap: group.overlap, gapToleranceMs: 50 });
  let emitted = 0;
  for (const file of plan.run.files) {
    const { sampleRate } = await probeAudio(file.path);
    let frames = 0;
    for await (const channels of readAudioBlocks(file.path)) {
      if (cancelled || emitted >= plan.count) return;
      const t = file.startTime + (frames * 1000) / sampleRate;
      frames += channels[0]!.length;
      const skip = Math.max(0, Math.round(((plan.first - t) * sampleRate) / 1000));
      if (skip >= channels[0]!.length) continue;
      const block = { startTime: t + (skip * 1000) / sampleRate, sampleRate, channels: channels.map((c) => c.subarray(skip)) };
      for (const w of segmenter.push(block).windows) {
        if (emitted++ >= plan.count) return;
        await batcher.add(w);
      }
    }
  }
}

async function main(): Promise<void> {
  for (const { group, plan } of data.groups) {
    const batcher = new Batcher(group);
    for (const runWindows of plan) await cutRun(group, runWindows, batcher);
    await batcher.flush();
  }
  post({ type: 'done' });
}

main().catch((err: unknown) => {
  const e = toAppError(err, 'AUDIO_UNREADABLE');
  post({ type: 'error', code: e.code, message: e.message });
});
