/**
 * A station worker thread: renders (demo) or reads audio, and does all the DSP for
 * one station off the main thread. It paces the demo at `speed` × real time and
 * reports how far behind it is.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DemoStation, loadDemoClips } from '../demo/demo-station.ts';
import { toAppError } from '../../shared/errors.ts';
import { AudioCacheWriter } from './audio-cache-writer.ts';
import { StreamProcessor, setDisplayOnThread } from './stream-processor.ts';
import { runFileSource } from '../ingest/file-source.ts';
import type { DemoSourceConfig, FromStationWorker, StationWorkerData, ToStationWorker } from './station-protocol.ts';

const BLOCK_MS = 1000;
const TICK_MS = 100;
/** Cap on stream time rendered per tick, so control messages are never starved. */
const MAX_MS_PER_TICK = 20_000;

const data = workerData as StationWorkerData;
const port = parentPort!;

function post(msg: FromStationWorker): void {
  const transfer: ArrayBuffer[] = [];
  if (msg.type === 'columns') transfer.push(msg.data.buffer as ArrayBuffer);
  if (msg.type === 'segment') {
    for (const [, f] of msg.features) if (f.ok) transfer.push(f.data.buffer as ArrayBuffer);
  }
  port.postMessage(msg, transfer);
}

async function main(source: DemoSourceConfig): Promise<void> {
  const clips = source.clipsDir ? await loadDemoClips(source.clipsDir).catch(() => []) : [];
  const station = new DemoStation({ seed: source.seed, startTime: source.startTime, clips });
  const processor = new StreamProcessor(data.display, post);
  processor.setGroups(data.groups);
  const cache = data.cache
    ? new AudioCacheWriter({ ...data.cache, stationId: data.stationId, onFile: (file) => post({ type: 'recording', file }) })
    : undefined;

  const wallStart = Date.now();
  let cursor = wallStart - source.prerollMs;
  let paused = false;
  const tick = () => {
    const target = wallStart + (Date.now() - wallStart) * source.speed;
    const limit = Math.min(target, cursor + MAX_MS_PER_TICK);
    while (!paused && cursor + BLOCK_MS <= limit) {
      const block = station.render(cursor, BLOCK_MS);
      processor.process(block);
      cache?.push(block);
      const reports = station.aisReports(cursor, cursor + BLOCK_MS);
      if (reports.length) post({ type: 'ais', reports });
      cursor += BLOCK_MS;
    }
    post({ type: 'progress', streamTime: cursor, behindMs: Math.max(0, target - cursor) });
  };

  const timer = setInterval(() => {
    try {
      tick();
    } catch (err) {
      const e = toAppError(err);
      post({ type: 'error', code: e.code, message: e.message });
    }
  }, TICK_MS);
  port.on('message', (msg: ToStationWorker) => {
    if (msg.type === 'set-groups') processor.setGroups(msg.groups);
    else if (msg.type === 'pause') paused = true;
    else if (msg.type === 'resume') paused = false;
    else if (msg.type === 'stop') {
      clearInterval(timer);
      try {
        cache?.close();
      } finally {
        post({ type: 'stopped' });
        port.close();
      }
    }
  });
}

// For every source: the processor is the source's own (see setDisplayOnThread).
port.on('message', (msg: ToStationWorker) => {
  if (msg.type === 'set-display') setDisplayOnThread(msg.display);
  else if (msg.type === 'ping') post({ type: 'pong' });
  else if (msg.type === 'crash') {
    setImmediate(() => {
      throw new Error(msg.reason);
    });
  }
});

const source = data.source;
const started = source.kind === 'files' ? Promise.resolve().then(() => runFileSource(data, port, post)) : main(source);
started.catch((err: unknown) => {
  const e = toAppError(err);
  post({ type: 'error', code: e.code, message: e.message });
});
