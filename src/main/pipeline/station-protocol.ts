/**
 * Messages between the main process and a station worker (worker_threads).
 * Typed arrays travel as transferables, never as JSON.
 */
import type { StationSignalSettings } from '../../shared/signal-settings.ts';
import type { AisReport } from '../demo/ais-report.ts';
import type { CachedFile } from './audio-cache-writer.ts';
import type { FeatureResult } from './featurizer.ts';
import type { WindowGroup } from './feature-plan.ts';

export interface DemoSourceConfig {
  readonly kind: 'demo';
  readonly seed: number;
  readonly speed: number;
  /** Stream time rendered at once on start, so the first screen is never empty. */
  readonly prerollMs: number;
  readonly startTime: number;
  readonly clipsDir?: string;
}

/** A station fed with recording files by the main thread (SFTP ingest): one `file` message per recording. */
export interface FilesSourceConfig {
  readonly kind: 'files';
  /** Start times (sidecar, name pattern), gap tolerance and station-wide conditioning (defaults when absent). */
  readonly signal?: StationSignalSettings;
}

export type StationSourceConfig = DemoSourceConfig | FilesSourceConfig;

/** One recording for a files station, read in the order the messages arrive. */
export interface FileJob {
  readonly recordingId: number;
  readonly path: string;
  /**
   * Start of the recording from its remote name (or its sidecar header), or null. A sidecar beside
   * the cached file wins; without either, the recording ends at `mtime` (the remote file's).
   */
  readonly startTime: number | null;
  readonly mtime: number;
}

/** The end of one file of a files station: analysed, or failed with a reason (the stream goes on). */
export type FileDoneMessage =
  | {
    readonly type: 'file-done'; readonly recordingId: number; readonly ok: true;
    readonly startTime: number; readonly durationMs: number; readonly sampleRate: number; readonly channels: number;
  }
  | {
    readonly type: 'file-done'; readonly recordingId: number; readonly ok: false;
    readonly code: string; readonly message: string; readonly framesRead: number;
    /** What was analysed before the failure (a truncated file's complete frames), if anything. */
    readonly analysed?: { readonly startTime: number; readonly durationMs: number; readonly sampleRate: number; readonly channels: number };
  };

/** How the display spectrogram columns are computed (FFT size and hop in samples) and quantised (dB range). */
export interface DisplayConfig {
  readonly nFft: number;
  readonly hop: number;
  readonly dbFloor: number;
  readonly dbCeil: number;
}

export interface StationWorkerData {
  readonly stationId: string;
  readonly source: StationSourceConfig;
  readonly groups: readonly WindowGroup[];
  readonly display: DisplayConfig;
  /** Write the station's audio into the cache as WAV files of `fileSeconds` (absent: no cache). */
  readonly cache?: { readonly dir: string; readonly fileSeconds: number };
}

export type ToStationWorker =
  | { readonly type: 'set-groups'; readonly groups: readonly WindowGroup[] }
  /** New display settings: columns from the next block on use them (a new tile pyramid starts in main). */
  | { readonly type: 'set-display'; readonly display: DisplayConfig }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'file'; readonly job: FileJob }
  | { readonly type: 'stop' }
  /** Liveness check: answered with 'pong' unless the worker's event loop is stuck. */
  | { readonly type: 'ping' }
  /** Fault injection for tests: the worker throws an uncaught error, as a bug would. */
  | { readonly type: 'crash'; readonly reason: string };

export interface ColumnsMessage {
  readonly type: 'columns';
  readonly startTime: number;
  readonly columnMs: number;
  readonly bins: number;
  readonly columns: number;
  readonly fMaxHz: number;
  readonly dbFloor: number;
  readonly dbCeil: number;
  readonly data: Uint8Array;
}

export interface SegmentMessage {
  readonly type: 'segment';
  readonly groupKey: string;
  readonly startTime: number;
  readonly endTime: number;
  readonly sampleRate: number;
  readonly padded: boolean;
  /** Files stations: the recording the segment starts in. */
  readonly recordingId?: number;
  readonly features: ReadonlyArray<readonly [string, FeatureResult]>;
}

export type FromStationWorker =
  | ColumnsMessage
  | SegmentMessage
  | { readonly type: 'gap'; readonly startTime: number; readonly endTime: number }
  | { readonly type: 'ais'; readonly reports: readonly AisReport[] }
  | { readonly type: 'progress'; readonly streamTime: number; readonly behindMs: number }
  | { readonly type: 'recording'; readonly file: CachedFile }
  /** Sent once after 'stop', when the cache file in progress is closed. */
  | { readonly type: 'stopped' }
  | { readonly type: 'pong' }
  | { readonly type: 'error'; readonly code: string; readonly message: string }
  | FileDoneMessage;
