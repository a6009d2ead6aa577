/**
 * The station-worker side of a file-fed station (SFTP ingest): recordings arrive as
 * `file` messages, in order, and are read block by block into the same StreamProcessor
 * the demo uses, so segmentation is continuous across file boundaries (a file that does
 * not start where the previous one ended makes a gap) and features are identical.
 *
 * Each file ends with one `file-done` message, success or failure: a corrupt file costs
 * only itself, the stream goes on with the next one.
 */
import type { MessagePort } from 'node:worker_threads';
import { toAppError } from '../../shared/errors.ts';
import { probeAudio, readAudioBlocks } from '../audio/audio-file.ts';
import { StreamProcessor } from '../pipeline/stream-processor.ts';
import type { FileJob, FromStationWorker, StationWorkerData, ToStationWorker } from '../pipeline/station-protocol.ts';

/** Blocks of about one second keep control messages (pause, stop) responsive. */
const BLOCK_SECONDS = 1;

export function runFileSource(data: StationWorkerData, port: MessagePort, post: (msg: FromStationWorker) => void): void {
  const processor = new StreamProcessor(data.display, post);
  processor.setGroups(data.groups);
  const queue: FileJob[] = [];
  const state = { paused: false, stopped: false, running: false };

  const pump = async () => {
    if (state.running) return;
    state.running = true;
    for (let job = queue.shift(); job && !state.stopped; job = queue.shift()) {
      post(await analyseFile(job, processor, state));
      post({ type: 'progress', streamTime: Date.now(), behindMs: 0 });
    }
    state.running = false;
  };

  port.on('message', (msg: ToStationWorker) => {
    if (msg.type === 'file') {
      queue.push(msg.job);
      void pump();
    } else if (msg.type === 'set-groups') processor.setGroups(msg.groups);
    else if (msg.type === 'pause') state.paused = true;
    else if (msg.type === 'resume') state.paused = false;
    else if (msg.type === 'stop') {
      state.stopped = true;
      port.close();
    }
  });
  post({ type: 'progress', streamTime: Date.now(), behindMs: 0 });
}

async function analyseFile(
  job: FileJob, processor: StreamProcessor, state: { paused: boolean; stopped: boolean },
): Promise<Extract<FromStationWorker, { type: 'file-done' }>> {
  let frames = 0;
  try {
    const info = await probeAudio(job.path);
    const sr = info.sampleRate;
    // Without a time in the name, the file is assumed to end at its modification time.
    const start = job.startTime ?? job.mtime - info.durationS * 1000;
    for await (const channels of readAudioBlocks(job.path, { blockFrames: Math.max(1, Math.round(sr * BLOCK_SECONDS)) })) {
      while (state.paused && !state.stopped) await sleep(20);
      if (state.stopped) break;
      processor.process({ startTime: start + (frames * 1000) / sr, sampleRate: sr, channels });
      frames += channels[0]!.length;
      await sleep(0); // let pause/stop messages in between blocks
    }
    return {
      type: 'file-done', recordingId: job.recordingId, ok: true, startTime: start,
      durationMs: (frames * 1000) / sr, sampleRate: sr, channels: info.channels,
    };
  } catch (err) {
    const e = toAppError(err, 'AUDIO_UNREADABLE');
    return { type: 'file-done', recordingId: job.recordingId, ok: false, code: e.code, message: e.message, framesRead: frames };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
