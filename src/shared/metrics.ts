/**
 * Model performance against truth labels (issue 7): the request (time range, range threshold, mapping
 * version, which truth) and the report per model version. Rules: docs/labels-and-metrics.md.
 * A value that is undefined (no support, one class only) is null, never NaN.
 */
import { z } from 'zod';

/** Which truth: AIS labels only, AIS overridden by analyst verifications, or verified segments only. */
export const truthSourceSchema = z.enum(['ais', 'verified', 'verified-only']);

export const metricsRequestSchema = z
  .object({
    from: z.number(),
    to: z.number(),
    rangeKm: z.number().positive().max(1000).optional(),
    /** Score "as of" this class-mapping version (default: the current one). */
    mappingVersion: z.number().int().positive().optional(),
    truth: truthSourceSchema.default('ais'),
    stationId: z.string().optional(),
    /** Model versions to score (default: every model version with predictions in the range). */
    models: z.array(z.object({ id: z.string(), version: z.string() }).strict()).max(64).optional(),
    /**
     * Model versions that get the detailed sections (hourly series, by range, calibration, uncertainty
     * AUROC); default: every scored model; 'first': the first in the report (the page before the analyst
     * chose one). Overall, per-class, confusion, daily and drift are always there.
     */
    details: z.union([z.array(z.object({ id: z.string(), version: z.string() }).strict()).max(64), z.literal('first')]).optional(),
  })
  .strict()
  .refine((r) => r.to > r.from, { message: 'to must be after from', path: ['to'] });

const num = z.number().nullable();

export const scoresSchema = z.object({
  accuracy: num,
  precisionMacro: num, recallMacro: num, f1Macro: num,
  precisionWeighted: num, recallWeighted: num, f1Weighted: num,
  precisionMicro: num, recallMicro: num, f1Micro: num,
  support: z.number().int(),
});

export const classScoreSchema = z.object({
  classId: z.string(), precision: num, recall: num, f1: num, support: z.number().int(),
});

export const seriesPointSchema = z.object({
  /** Start of the UTC day or hour. */
  t: z.number(),
  accuracy: num, precisionWeighted: num, recallWeighted: num, f1Weighted: num,
  support: z.number().int(),
});

export const calibrationSchema = z.object({
  bins: z.array(z.object({ lo: z.number(), hi: z.number(), count: z.number().int(), meanConfidence: num, accuracy: num })),
  ece: num,
  /** Samples: scored segments (multi-class) or segment × class pairs (multi-label). */
  n: z.number().int(),
});

export const uncertaintyAurocSchema = z.object({
  /** entropy, margin (scored as 1 − margin), maxProb (1 − max p), aleatoric, epistemic. */
  measure: z.string(),
  auroc: num,
  n: z.number().int(),
  errors: z.number().int(),
});

export const driftSchema = z.object({
  test: z.string(),
  baselineDays: z.number().int(),
  recentDays: z.number().int(),
  baselineMean: num,
  recentMean: num,
  statistic: num,
  df: num,
  p: num,
  warning: z.boolean(),
  message: z.string(),
});

export const modelMetricsSchema = z.object({
  modelId: z.string(),
  modelVersion: z.string(),
  name: z.string(),
  task: z.enum(['multi-class', 'multi-label']),
  /** Whether the detailed sections were computed (see the request's `details`). */
  detailed: z.boolean(),
  status: z.string(),
  channels: z.number().int(),
  classes: z.array(z.string()),
  predictions: z.number().int(),
  /** Predictions left out: no label yet, ambiguous (or not single for multi-class), truth outside the model's classes. */
  excluded: z.object({ unlabelled: z.number().int(), ambiguous: z.number().int(), notSingle: z.number().int(), outsideClasses: z.number().int() }),
  overall: scoresSchema,
  /** Multi-label: subset accuracy and the samples average of F1. */
  samplesF1: num.optional(),
  perClass: z.array(classScoreSchema),
  /** Multi-class: rows true, columns predicted, over `classes`. Multi-label: per class [[tn, fp], [fn, tp]]. */
  confusion: z.array(z.array(z.number().int())),
  confusionPerClass: z.array(z.array(z.array(z.number().int()))).optional(),
  daily: z.array(seriesPointSchema),
  hourly: z.array(seriesPointSchema),
  byRange: z.array(z.object({ rangeKm: z.number(), accuracy: num, f1Macro: num, f1Weighted: num, support: z.number().int() })),
  calibration: calibrationSchema,
  uncertainty: z.array(uncertaintyAurocSchema),
  drift: driftSchema,
});

export const metricsReportSchema = z.object({
  from: z.number(),
  to: z.number(),
  rangeKm: z.number(),
  mappingVersion: z.number().int(),
  truth: truthSourceSchema,
  stationId: z.string().optional(),
  computedAt: z.number(),
  /** Server-side computation time, ms. */
  computeMs: z.number(),
  /** Labelled segments in the range (any status) and how many are final. */
  labelled: z.number().int(),
  final: z.number().int(),
  models: z.array(modelMetricsSchema),
});

export type TruthSource = z.infer<typeof truthSourceSchema>;
export type MetricsRequest = z.input<typeof metricsRequestSchema>;
export type ParsedMetricsRequest = z.output<typeof metricsRequestSchema>;
export type Scores = z.infer<typeof scoresSchema>;
export type ClassScore = z.infer<typeof classScoreSchema>;
export type SeriesPoint = z.infer<typeof seriesPointSchema>;
export type Calibration = z.infer<typeof calibrationSchema>;
export type UncertaintyAuroc = z.infer<typeof uncertaintyAurocSchema>;
export type Drift = z.infer<typeof driftSchema>;
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;
export type MetricsReport = z.infer<typeof metricsReportSchema>;
