/**
 * Records of the model registry that cross the API boundary: the audit trail, deploy reports,
 * backfill jobs and per-segment disagreement across models. Times are epoch ms UTC.
 */
import { z } from 'zod';
import { modelInfoSchema } from './domain.ts';

/** Largest zip the browser may upload through `models:deploy` (the WebSocket carries it as base64). */
export const MAX_UPLOAD_ZIP_BYTES = 64 * 1024 * 1024;
/** base64 length of MAX_UPLOAD_ZIP_BYTES. */
export const MAX_UPLOAD_BASE64_CHARS = Math.ceil(MAX_UPLOAD_ZIP_BYTES / 3) * 4;

/** Audit actions, in the past tense of what happened. */
export const MODEL_ACTIONS = [
  'deployed', 'deploy-refused', 'activated', 'deactivated', 'retired', 'failed', 'recovered', 'backfill',
] as const;

export const modelEventSchema = z.object({
  id: z.number().int(),
  modelId: z.string(),
  modelVersion: z.string(),
  /** One of MODEL_ACTIONS (older databases may hold other words). */
  action: z.string(),
  /** The analyst name, or "system" for what the workstation did on its own. */
  actor: z.string(),
  at: z.number(),
  /** Reason, refusal message or other context. */
  detail: z.string().optional(),
});

/** What deploy validation measured: the model was loaded, checked and run before it was accepted. */
export const deployReportSchema = z.object({
  id: z.string(),
  version: z.string(),
  onnxBytes: z.number().int(),
  onnxSha256: z.string(),
  /** Graph load and check in the host process, ms. */
  loadMs: z.number(),
  /** One segment of silence, all MC passes, ms. */
  silenceMs: z.number(),
  /** The bundled reference clip, featurised with the model's own spec, ms (all passes). */
  referenceMs: z.number(),
  /** Which bundled clip served as the reference segment. */
  referenceClip: z.string(),
  referenceClass: z.string(),
  referenceProbs: z.array(z.number()),
  passes: z.number().int(),
  /** Whether the package came from a folder, a zip file, or an upload. */
  source: z.string(),
});

export const deployResultSchema = z.object({ model: modelInfoSchema, report: deployReportSchema });

export const backfillStateSchema = z.enum(['running', 'done', 'cancelled', 'failed']);

export const backfillJobSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  models: z.array(z.object({ id: z.string(), version: z.string() })),
  from: z.number(),
  to: z.number(),
  state: backfillStateSchema,
  /** Segments processed (predicted, skipped as already predicted, or failed). */
  done: z.number().int(),
  total: z.number().int(),
  /** Segments every chosen model had already predicted (not run again). */
  skipped: z.number().int(),
  /** Predictions stored. */
  predictions: z.number().int(),
  /** Model runs that failed (the job carries on). */
  failures: z.number().int(),
  /** Audio processed so far, seconds. */
  audioSeconds: z.number(),
  /** Segments per second since the start. */
  rate: z.number(),
  /** Audio seconds per wall-clock second since the start. */
  realTimeFactor: z.number(),
  /** Estimated time left, ms (absent until the rate is known). */
  etaMs: z.number().optional(),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  message: z.string().optional(),
  actor: z.string(),
});

/** Cached audio a station has for backfill. */
export const cachedAudioSchema = z.object({
  stationId: z.string(),
  files: z.number().int(),
  seconds: z.number(),
  /** Earliest and latest cached audio, absent when there is none. */
  from: z.number().optional(),
  to: z.number().optional(),
});

export const segmentDisagreementSchema = z.object({
  segmentId: z.number().int(),
  segmentStart: z.number(),
  segmentEnd: z.number(),
  /** The models compared, `id@version`. */
  models: z.array(z.string()),
  classes: z.array(z.string()),
  votes: z.array(z.number().int()),
  majority: z.string(),
  /** Fraction of models not voting the majority class. */
  disagreement: z.number(),
  /** Generalised Jensen–Shannon divergence, bits. */
  jsd: z.number(),
  jsdNorm: z.number(),
});

export type ModelEvent = z.infer<typeof modelEventSchema>;
export type ModelAction = (typeof MODEL_ACTIONS)[number];
export type DeployReport = z.infer<typeof deployReportSchema>;
export type DeployResult = z.infer<typeof deployResultSchema>;
export type BackfillJob = z.infer<typeof backfillJobSchema>;
export type CachedAudio = z.infer<typeof cachedAudioSchema>;
export type SegmentDisagreement = z.infer<typeof segmentDisagreementSchema>;
