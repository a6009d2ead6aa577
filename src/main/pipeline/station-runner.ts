/**
 * Runs one live station: owns its worker, stores what it produces, sends each
 * segment's features to every active model, stores and publishes the predictions.
 *
 * Backpressure: when too many segments wait for inference, the worker is paused
 * (audio is not dropped; the demo simply falls behind and says so).
 */
import { Worker } from 'node:worker_threads';
import type { StationStatus } from '../../shared/domain.ts';
import type { Logger } from '../app/logger.ts';
import { entryPath } from '../app/entry-path.ts';
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
}

const MAX_PENDING_SEGMENTS = 8;
const STOP_GRACE_MS = 2000;
const BEHIND_WARNING_MS = 60_000;

export class StationRunner {
  /** The last 5 minutes of display columns, whatever the FFT size (`spectrogram:recent`). */
  readonly ring = new SpectrogramRing(300_000);
  readonly #data: StationWorkerData;
  readonly #sinks: StationSinks;
  readonly #logger: Logger;
  #worker: Worker | undefined;
  #pending = 0;
  #onStopped: () => void = () => {};
  readonly #storing = new Set<Promise<unknown>>();
  #paused = false;
  #stopping = false;
  #status: Omit<StationStatus, 'name' | 'kind' | 'stationId'> = {
    state: 'starting', message: 'starting', segments: 0, predictions: 0, speed: 1, errors: 0,
  };

  constructor(data: StationWorkerData, sinks: StationSinks, logger: Logger) {
    this.#data = data;
    this.#sinks = sinks;
    this.#logger = logger;
    this.#status.speed = data.source.kind === 'demo' ? data.source.speed : 1;
  }

  get status() {
    return this.#status;
  }

  start(): void {
    const file = entryPath(import.meta.url, './station.worker.ts', 'station.worker');
    this.#worker = new Worker(file, { workerData: this.#data });
    this.#worker.on('message', (msg: FromStationWorker) => this.#onMessage(msg));
    this.#worker.on('error', (err) => this.#fail('INTERNAL', `station worker crashed: ${err.message}`));
    this.#worker.on('exit', (code) => {
      if (!this.#stopping) this.#fail('INTERNAL', `station worker exited (code ${code})`);
    });
  }

  setGroups(groups: readonly WindowGroup[]): void {
    this.#send({ type: 'set-groups', groups });
  }

  /** New display spectrogram settings (FFT size): the worker's next columns use them. */
  setDisplay(display: DisplayConfig): void {
    this.#send({ type: 'set-display', display });
  }

  async stop(): Promise<void> {
    this.#stopping = true;
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
      case 'file-done':
        return void Promise.all([...this.#storing]).then(() => this.#sinks.onFileDone?.(id, msg));
    }
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
