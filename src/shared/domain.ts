/**
 * Domain records that cross the API boundary (renderer ⇄ main).
 *
 * Times are Unix epoch milliseconds (UTC) everywhere.
 */
import { z } from 'zod';
import { stationIngestHealthSchema } from './station-config.ts';

export const uncertaintySchema = z.object({
  /** Predictive entropy in bits. */
  entropy: z.number(),
  /** Predictive entropy divided by log2(number of classes): 0 … 1. */
  entropyNorm: z.number(),
  /** Difference between the two largest probabilities. */
  margin: z.number(),
  /** Expected entropy over MC passes (aleatoric), bits; MC models only. */
  aleatoric: z.number().optional(),
  /** Mutual information (epistemic), bits; MC models only. */
  epistemic: z.number().optional(),
  passes: z.number().int().optional(),
  /** Population variance of each class probability over the MC passes (MC models only), aligned with `probs`. */
  variance: z.array(z.number()).optional(),
  /** Multi-label only: Bernoulli entropy of each class's mean probability, bits, aligned with `probs`. */
  labelEntropy: z.array(z.number()).optional(),
});

export const predictionSchema = z.object({
  id: z.number().int(),
  segmentId: z.number().int(),
  stationId: z.string(),
  segmentStart: z.number(),
  segmentEnd: z.number(),
  modelId: z.string(),
  modelVersion: z.string(),
  /** Workstation class ids, aligned with `probs`. */
  classes: z.array(z.string()),
  probs: z.array(z.number()),
  predictedClass: z.string(),
  uncertainty: uncertaintySchema,
  latencyMs: z.number(),
  createdAt: z.number(),
});

export const stationStateSchema = z.enum(['starting', 'live', 'idle', 'behind', 'error', 'stopped']);

export const stationStatusSchema = z.object({
  stationId: z.string(),
  name: z.string(),
  kind: z.enum(['demo', 'sftp', 'files']),
  state: stationStateSchema,
  message: z.string(),
  /** End of the newest audio received (stream time). */
  lastAudioAt: z.number().optional(),
  /** End of the newest segment that all active models have predicted. */
  lastSegmentAt: z.number().optional(),
  segments: z.number().int(),
  predictions: z.number().int(),
  speed: z.number(),
  errors: z.number().int(),
  /** Remote (SFTP) stations only: connection, backlog, throughput, lag, failures, host key. */
  ingest: stationIngestHealthSchema.optional(),
});

export const stationSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['demo', 'sftp', 'files']),
  lat: z.number(),
  lon: z.number(),
  depthM: z.number().optional(),
  sampleRate: z.number(),
  channels: z.number().int(),
});

/**
 * A batch of display spectrogram columns, quantised to 8 bits.
 *
 * `data` is base64 of `columns × bins` bytes, column-major (one column after
 * another, lowest frequency first); byte b means dbFloor + b/255·(dbCeil − dbFloor).
 */
export const spectrogramColumnsSchema = z.object({
  stationId: z.string(),
  startTime: z.number(),
  columnMs: z.number().positive(),
  bins: z.number().int().positive(),
  columns: z.number().int().nonnegative(),
  fMaxHz: z.number().positive(),
  dbFloor: z.number(),
  dbCeil: z.number(),
  data: z.string(),
});

export const modelStatusSchema = z.enum(['active', 'inactive', 'failed', 'retired']);

export const modelInfoSchema = z.object({
  id: z.string(),
  version: z.string(),
  name: z.string(),
  author: z.string(),
  task: z.enum(['multi-class', 'multi-label']),
  status: modelStatusSchema,
  uncertainty: z.string(),
  channels: z.number().int(),
  sampleRate: z.number(),
  segmentSeconds: z.number(),
  classes: z.array(z.string()),
  failure: z.string().optional(),
  latencyMs: z.number().optional(),
  deployedAt: z.number(),
  /** Analyst who deployed this version. */
  deployedBy: z.string().optional(),
  description: z.string().optional(),
  /** What the running host is doing now (absent when the model is not running). */
  runtime: z.enum(['loading', 'ready', 'failed', 'restarting']).optional(),
  /** One-line input summary, e.g. "log-mel 160×128 @ 4 kHz, ch 0, 30 s / 25 %". */
  input: z.string().optional(),
  /** MC passes per segment (1 for deterministic models). */
  passes: z.number().int().optional(),
  restarts: z.number().int().optional(),
  queueDepth: z.number().int().optional(),
  /** When the next restart attempt of a failed model is due. */
  nextRestartAt: z.number().optional(),
});

export const noticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  code: z.string(),
  message: z.string(),
  at: z.number(),
});

export type Uncertainty = z.infer<typeof uncertaintySchema>;
export type Prediction = z.infer<typeof predictionSchema>;
export type StationStatus = z.infer<typeof stationStatusSchema>;
export type Station = z.infer<typeof stationSchema>;
export type SpectrogramColumns = z.infer<typeof spectrogramColumnsSchema>;
export type ModelInfo = z.infer<typeof modelInfoSchema>;
export type ModelStatus = z.infer<typeof modelStatusSchema>;
export type Notice = z.infer<typeof noticeSchema>;
