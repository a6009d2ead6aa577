/**
 * Messages between the BackfillService (main thread) and its worker (backfill.worker.ts), which
 * reads cached audio, cuts the planned windows and computes every feature the chosen models need.
 * The worker keeps at most MAX_BATCHES_IN_FLIGHT batches unacknowledged, so a slow model makes the
 * worker wait instead of piling features up in memory.
 */
import type { FeatureResult } from '../pipeline/featurizer.ts';
import type { WindowGroup } from '../pipeline/feature-plan.ts';
import type { RunWindows } from './backfill-plan.ts';

export const MAX_BATCHES_IN_FLIGHT = 2;

export interface BackfillWorkerData {
  readonly groups: readonly { readonly group: WindowGroup; readonly plan: readonly RunWindows[] }[];
  /** Windows per batch (one batched model run per batch and model). */
  readonly batchSize: number;
}

export interface BackfillWindow {
  readonly startTime: number;
  readonly endTime: number;
  readonly sampleRate: number;
  readonly features: ReadonlyArray<readonly [string, FeatureResult]>;
}

export type FromBackfillWorker =
  | { readonly type: 'batch'; readonly groupKey: string; readonly windows: readonly BackfillWindow[]; readonly audioMs: number }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly code: string; readonly message: string };

export type ToBackfillWorker = { readonly type: 'ack' } | { readonly type: 'cancel' };
