/**
 * Runs one live station: owns its worker, stores what it produces, sends each
 * segment's features to every active model, stores and publishes the predictions.
 *
 * Backpressure: when too many segments wait for inference, the worker is paused
 * (audio is not dropped; the demo simply falls behind and says so).
 *
 * Supervision: a worker that crashes, exits or stops answering pings is replaced after a
 * backoff with jitter that grows while it keeps crashing; the reason shows in the status.
 * Recordings queued on a files station and not finished are queued again on the new worker
 * (segments and predictions are unique per window, so a re-read never duplicates anything).
 */
import { Worker } from 'node:worker_threads';
import type { StationStatus } from '../../shared/domain.ts';
import type { Logger } from '../app/logger.ts';
import { entryPath } from '../app/entry-path.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from '../ingest/backoff.ts';
import type { DisplayConfig, FileDoneMessage, FileJob, StationWorkerData, FromStationWorker, SegmentMessage, ToStationWorker } from './station-protocol.ts';
import { SpectrogramRing, toColumnsPayload } from './spectrogram-ring.ts';
import type { WindowGroup } from './feature-plan.ts';
import type { CachedFile } from './audio-cache-writer.ts';

/** What the runner needs from the rest of the app (injected; keeps this module testable). */
export interface StationSinks {
  onSegment(stationId: string, msg: SegmentMessage): Promise<number>;
  onAis(msg: Extract<FromStationWorker, { type: 'ais' }>): void;
  onGap(stationId: string, startTime: number, endTime: number): void;
  /** A finished audio cache file (only when the worker writes a cache). */
  onRecording?(stationId: string, file: CachedFile): void;
  onColumns(payload: ReturnType<typeof toColumnsPayload>): void;
  onStatus(): void;
  onError(stationId: string, code: string, message: string): void;
  /** A files station finished a recording; called after every segment it produced is stored. */
  onFileDone?(stationId: string, msg: FileDoneMessage): void;
  /** The worker crashed or hung and will be restarted (the reason is also in the status and the log). */
  onWorkerCrash?(stationId: string, reason: string): void;
}

const MAX_PENDING_SEGMENTS = 8;
const STOP_GRACE_MS = 2000;
const BEHIND_WARNING_MS = 60_000;
const HEARTBEAT_MS = 5_000;
/** A worker that has not answered a ping for this long is hung (no DSP step takes nearly this long). */
const HUNG_AFTER_MS = 30_000;
/** A worker that ran this long before crashing starts a fresh backoff. */
const CRASH_STREAK_RESET_MS = 60_000;

export class StationRunner {
  /** The last 5 minutes of display columns, whatever the FFT size (`spectrogram:recent`). */
  readonly ring = new SpectrogramRing(300_000);
  #data: StationWorkerData;
  readonly #sinks: StationSinks;
  readonly #logger: Logger;
  #worker: Worker | undefined;
  #pending = 0;
  #onStopped: () => void = () => {};
  readonly #storing = new Set<Promise<unknown>>();
  #paused = false;
  #stopping = false;
  /** Recordings sent to the worker and not finished, in queue order (re-sent to a restarted worker). */
  readonly #inFlight = new Map<number, FileJob>();
  readonly #backoff: BackoffOptions;
  #crashStreak = 0;
  #startedAt = 0;
  #lastPong = 0;
  #heartbeat: NodeJS.Timeout | undefined;
  #restartTimer: NodeJS.Timeout | undefined;
  /** Worker restarts since the station started. */
  restarts = 0;
  #status: Omit<StationStatus, 'name' | 'kind' | 'stationId'> = {
    state: 'starting', message: 'starting', segments: 0, predictions: 0, speed: 1, errors: 0,
  };

  constructor(data: StationWorkerData, sinks: StationSinks, logger: Logger, backoff: BackoffOptions = DEFAULT_BACKOFF) {
    this.#data = data;
    this.#backoff = backoff;
    this.#sinks = sinks;
    this.#logger = logger;
    this.#status.speed = data.source.kind === 'demo' ? data.source.speed : 1;
  }

  get status() {
    return this.#status;
  }

  start(): void {
    const file = entryPath(import.meta.url, './station.worker.ts', 'station.worker');
    const worker = new Worker(file, { workerData: this.#data });
    this.#worker = worker;
    this.#startedAt = this.#lastPong = Date.now();
    this.#paused = false;
    // Messages and deaths of a worker already replaced are ignored.
    worker.on('message', (msg: FromStationWorker) => worker === this.#worker && this.#onMessage(msg));
    worker.on('error', (err) => this.#onCrash(worker, `station worker crashed: ${err.message}`));
    worker.on('exit', (code) => this.#onCrash(worker, `station worker exited (code ${code})`));
    for (const job of this.#inFlight.values()) this.#send({ type: 'file', job });
    this.#heartbeat = setInterval(() => this.#checkAlive(worker), HEARTBEAT_MS);
  }

  setGroups(groups: readonly WindowGroup[]): void {
    this.#data = { ...this.#data, groups };
    this.#send({ type: 'set-groups', groups });
  }

  /** New display spectrogram settings (FFT size): the worker's next columns use them. */
  setDisplay(display: DisplayConfig): void {
    this.#data = { ...this.#data, display };
    this.#send({ type: 'set-display', display });
  }

  /** Fault injection for tests: makes the worker crash as an uncaught error would. */
  crashForTest(reason: string): void {
    this.#send({ type: 'crash', reason });
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#heartbeat);
    clearTimeout(this.#restartTimer);
    // Let the worker close its cache file (it answers 'stopped'), but never wait long for it.
    const stopped = new Promise<void>((resolve) => {
      this.#onStopped = resolve;
      setTimeout(resolve, STOP_GRACE_MS).unref();
    });
    this.#send({ type: 'stop' });
    if (this.#worker) await stopped;
    await this.#worker?.terminate();
    this.#status = { ...this.#status, state: 'stopped', message: 'stopped' };
  }

  /** Queues a recording on a files station (read in the order queued). */
  enqueueFile(job: FileJob): void {
    if (this.#inFlight.has(job.recordingId)) return;
    this.#inFlight.set(job.recordingId, job);
    this.#send({ type: 'file', job });
  }

  /** Counts predictions stored for this station (called by the sink after it stores them). */
  addPredictions(n: number): void {
    this.#status.predictions += n;
  }

  #send(msg: ToStationWorker): void {
    this.#worker?.postMessage(msg);
  }

  #onMessage(msg: FromStationWorker): void {
    const id = this.#data.stationId;
    switch (msg.type) {
      case 'columns': {
        this.ring.add(msg);
        this.#sinks.onColumns(toColumnsPayload(id, msg));
        this.#status.lastAudioAt = msg.startTime + msg.columns * msg.columnMs;
        return;
      }
      case 'segment':
        return this.#onSegment(msg);
      case 'ais':
        return this.#sinks.onAis(msg);
      case 'gap':
        return this.#sinks.onGap(id, msg.startTime, msg.endTime);
      case 'progress':
        return this.#onProgress(msg.behindMs);
      case 'error':
        return this.#fail(msg.code, msg.message);
      case 'recording':
        return this.#sinks.onRecording?.(id, msg.file);
      case 'stopped':
        return this.#onStopped();
      case 'pong':
        this.#lastPong = Date.now();
        return;
      case 'file-done':
        this.#inFlight.delete(msg.recordingId);
        return void Promise.all([...this.#storing]).then(() => this.#sinks.onFileDone?.(id, msg));
    }
  }

  #checkAlive(worker: Worker): void {
    if (Date.now() - this.#lastPong <= HUNG_AFTER_MS) return this.#send({ type: 'ping' });
    this.#onCrash(worker, `station worker hung (no answer for ${Math.round((Date.now() - this.#lastPong) / 1000)} s)`);
  }

  /** Tears the dead or hung worker down and schedules its replacement. */
  #onCrash(worker: Worker, reason: string): void {
    if (worker !== this.#worker || this.#stopping) return;
    this.#worker = undefined;
    clearInterval(this.#heartbeat);
    void worker.terminate();
    this.#crashStreak = Date.now() - this.#startedAt >= CRASH_STREAK_RESET_MS ? 1 : this.#crashStreak + 1;
    const delay = backoffDelay(this.#crashStreak - 1, this.#backoff);
    this.#fail('WORKER_CRASHED', `${reason}; restarting in ${(delay / 1000).toFixed(1)} s`);
    this.#sinks.onWorkerCrash?.(this.#data.stationId, reason);
    this.#restartTimer = setTimeout(() => this.#restart(reason), delay);
  }

  #restart(reason: string): void {
    if (this.#stopping) return;
    this.restarts++;
    // The demo goes on from where its stream was, without rendering its pre-roll again.
    const source = this.#data.source.kind === 'demo' ? { ...this.#data.source, prerollMs: 0 } : this.#data.source;
    this.#data = { ...this.#data, source };
    this.#status = { ...this.#status, state: 'starting', message: `restarted after: ${reason}` };
    this.#logger.warn('station worker restarted', { station: this.#data.stationId, restarts: this.restarts, reason });
    this.start();
    this.#sinks.onStatus();
  }

  #onSegment(msg: SegmentMessage): void {
    this.#pending++;
    this.#applyBackpressure();
    const storing = this.#sinks
      .onSegment(this.#data.stationId, msg)
      .then(() => {
        this.#status.segments++;
        this.#status.lastSegmentAt = msg.endTime;
      })
      .catch((err: Error) => this.#fail('INTERNAL', `segment not stored: ${err.message}`))
      .finally(() => {
        this.#pending--;
        this.#storing.delete(storing);
        this.#applyBackpressure();
      });
    this.#storing.add(storing);
  }

  #applyBackpressure(): void {
    const shouldPause = this.#pending >= MAX_PENDING_SEGMENTS;
    if (shouldPause !== this.#paused) {
      this.#paused = shouldPause;
      this.#send({ type: shouldPause ? 'pause' : 'resume' });
    }
  }

  #onProgress(behindMs: number): void {
    const behind = behindMs > BEHIND_WARNING_MS;
    const state = behind ? 'behind' : 'live';
    const message = behind ? `falling behind real time by ${Math.round(behindMs / 1000)} s` : 'streaming';
    if (state !== this.#status.state || message !== this.#status.message) {
      this.#status = { ...this.#status, state, message };
      this.#sinks.onStatus();
    }
  }

  #fail(code: string, message: string): void {
    this.#logger.error(message, { code, station: this.#data.stationId });
    this.#status = { ...this.#status, state: 'error', message, errors: this.#status.errors + 1 };
    this.#sinks.onError(this.#data.stationId, code, message);
    this.#sinks.onStatus();
  }
}
