/**
 * The station-worker side of a file-fed station (SFTP ingest): recordings arrive as
 * `file` messages, in order, and are read block by block into the same StreamProcessor
 * the demo uses, so segmentation is continuous across file boundaries (a file that does
 * not start where the previous one ended makes a gap) and features are identical.
 *
 * Files are read with `readRecordings` under the station's signal settings: start times from a
 * `.hdr` sidecar (downloaded beside the recording), the name or the mtime; each file is announced
 * to the segmenters (`beginRecording`: overlaps are trimmed, segments name their recording); the
 * station's gap tolerance and conditioning apply to the whole stream.
 *
 * Each file ends with one `file-done` message, success or failure: a corrupt file costs
 * only itself, the stream goes on with the next one. A truncated file is analysed up to its
 * last complete frame, then reported failed (AUDIO_TRUNCATED) with what was analysed.
 */
import type { MessagePort } from 'node:worker_threads';
import { toAppError } from '../../shared/errors.ts';
import type { StationSignalSettings } from '../../shared/signal-settings.ts';
import { readRecordings } from '../audio/recording-stream.ts';
import { DEFAULT_RECORDING_TIME, type StartTimeSource } from '../audio/start-time.ts';
import { StreamProcessor } from '../pipeline/stream-processor.ts';
import type { FileJob, FromStationWorker, StationWorkerData, ToStationWorker } from '../pipeline/station-protocol.ts';

/** Blocks of about one second keep control messages (pause, stop) responsive. */
const BLOCK_SECONDS = 1;

interface RunState {
  paused: boolean;
  stopped: boolean;
}

/** Serves `file` messages on `port` until 'stop'. */
export function runFileSource(data: StationWorkerData, port: MessagePort, post: (msg: FromStationWorker) => void): void {
  const signal = data.source.kind === 'files' ? data.source.signal : undefined;
  const processor = new StreamProcessor(data.display, post, { gapToleranceMs: signal?.gapToleranceMs, conditioning: signal?.conditioning });
  processor.setGroups(data.groups);
  const queue: FileJob[] = [];
  const state = { paused: false, stopped: false, running: false };

  const pump = async () => {
    if (state.running) return;
    state.running = true;
    for (let job = queue.shift(); job && !state.stopped; job = queue.shift()) {
      const done = await analyseFile(job, processor, state, signal);
      if (!done) break;
      post(done);
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

type FileDone = Extract<FromStationWorker, { type: 'file-done' }>;

/** Reads one recording into the stream; undefined when the station stopped meanwhile. */
async function analyseFile(job: FileJob, processor: StreamProcessor, state: RunState, signal: StationSignalSettings | undefined): Promise<FileDone | undefined> {
  let shift = 0;
  let analysed: { startTime: number; durationMs: number; sampleRate: number; channels: number } | undefined;
  const fail = (code: string, message: string, framesRead: number): FileDone => ({
    type: 'file-done', recordingId: job.recordingId, ok: false, code, message, framesRead, ...(framesRead > 0 && analysed ? { analysed } : {}),
  });
  const time = signal?.recordingTime ?? DEFAULT_RECORDING_TIME;
  try {
    for await (const ev of readRecordings([job.path], { time, blockSeconds: BLOCK_SECONDS })) {
      if (ev.type === 'start') {
        const startTime = streamStart(job, ev);
        shift = startTime - ev.startTime;
        analysed = { startTime, durationMs: 0, sampleRate: ev.info.sampleRate, channels: ev.info.channels };
        processor.beginRecording(startTime, startTime + ev.info.durationS * 1000, job.recordingId);
      } else if (ev.type === 'block') {
        while (state.paused && !state.stopped) await sleep(20);
        if (state.stopped) return undefined;
        processor.process({ ...ev.block, startTime: ev.block.startTime + shift });
        await sleep(0); // let pause/stop messages in between blocks
      } else if (ev.type === 'end') {
        return { type: 'file-done', recordingId: job.recordingId, ok: true, ...analysed!, durationMs: (ev.frames * 1000) / analysed!.sampleRate };
      } else {
        if (analysed) analysed.durationMs = (ev.frames * 1000) / analysed.sampleRate;
        return fail(ev.error.code, ev.error.message, ev.frames);
      }
    }
  } catch (err) {
    // Analysis itself failed (not the file): report it on this recording, the stream goes on.
    const e = toAppError(err, 'INTERNAL');
    return fail(e.code, e.message, 0);
  }
  return fail('INTERNAL', `${job.path}: the recording stream ended without a result`, 0);
}

/**
 * The recording's start in the stream. The cached copy's name carries an id prefix and its mtime
 * is the download's, so after its sidecar header (beside the cached file) the remote name's time
 * (`job.startTime`) and the remote file's mtime are the station's clock.
 */
export function streamStart(job: Pick<FileJob, 'startTime' | 'mtime'>, start: { startTime: number; source: StartTimeSource; info: { durationS: number } }): number {
  if (start.source === 'sidecar header') return start.startTime;
  if (job.startTime !== null) return job.startTime;
  if (start.source === 'file name') return start.startTime;
  return job.mtime - start.info.durationS * 1000;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
