/**
 * The progress record of one backfill job: counts, rate, real-time factor and time left, derived
 * from what has been done since it started. Pure apart from the clock it is given.
 */
import type { BackfillJob } from '../../shared/models.ts';

export type JobInit = Pick<BackfillJob, 'id' | 'stationId' | 'models' | 'from' | 'to' | 'total' | 'actor'>;

/** A fresh running job. */
export function newJob(init: JobInit, now: number): BackfillJob {
  return {
    ...init, state: 'running', done: 0, skipped: 0, predictions: 0, failures: 0, audioSeconds: 0,
    rate: 0, realTimeFactor: 0, startedAt: now,
  };
}

/** Adds one processed batch and recomputes the rates and the time left. */
export function addBatch(
  job: BackfillJob,
  batch: { windows: number; skipped: number; predictions: number; failures: number; audioMs: number },
  now: number,
): BackfillJob {
  const done = job.done + batch.windows;
  const audioSeconds = job.audioSeconds + batch.audioMs / 1000;
  const elapsedS = Math.max(1e-3, (now - job.startedAt) / 1000);
  const rate = done / elapsedS;
  const left = Math.max(0, job.total - done);
  return {
    ...job, done, audioSeconds,
    skipped: job.skipped + batch.skipped,
    predictions: job.predictions + batch.predictions,
    failures: job.failures + batch.failures,
    rate,
    realTimeFactor: audioSeconds / elapsedS,
    ...(rate > 0 ? { etaMs: (left / rate) * 1000 } : {}),
  };
}

/** Marks a job finished (done, cancelled or failed). */
export function finishJob(job: BackfillJob, state: 'done' | 'cancelled' | 'failed', now: number, message?: string): BackfillJob {
  const { etaMs: _eta, ...rest } = job;
  return { ...rest, state, finishedAt: now, ...(state === 'done' ? { etaMs: 0 } : {}), ...(message ? { message } : {}) };
}
