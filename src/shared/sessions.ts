/**
 * Sessions, the review timeline and exports (issue 8), as they cross the API boundary, and the
 * contract fragment of their channels (spread into `invokeContract`). Times are epoch ms UTC.
 */
import { z } from 'zod';

export const sessionKindSchema = z.enum(['run', 'span', 'imported']);

export const sessionCountsSchema = z.object({
  recordings: z.number().int(),
  segments: z.number().int(),
  predictions: z.number().int(),
  labels: z.number().int(),
  verifications: z.number().int(),
  gaps: z.number().int(),
  aisPositions: z.number().int(),
  tiles: z.number().int(),
});

export const sessionSchema = z.object({
  id: z.string(),
  name: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  kind: sessionKindSchema,
  from: z.number(),
  to: z.number(),
  pinned: z.boolean(),
  createdAt: z.number(),
  note: z.string().optional(),
  /** File name of the `.aiwsession` it came from (imported sessions). */
  importedFrom: z.string().optional(),
  importedAt: z.number().optional(),
  /** Cached audio and tile bytes on disk for the range. */
  bytes: z.object({ audio: z.number(), tiles: z.number() }),
  /** Model versions with predictions in the range, `id@version`. */
  models: z.array(z.string()),
  counts: sessionCountsSchema,
});

/** What opening a session needs (its station and range), without the counts and sizes `sessions:list` computes. */
export const sessionRefSchema = sessionSchema.pick({ id: true, name: true, stationId: true, stationName: true, kind: true, from: true, to: true });

export const sessionExportResultSchema = z.object({
  path: z.string(),
  bytes: z.number(),
  members: z.number().int(),
  /** sha256 of the whole file. */
  sha256: z.string(),
  elapsedMs: z.number(),
});

export const sessionImportResultSchema = z.object({
  session: sessionSchema,
  /** The station id the data was stored under (a new one when the id was taken here). */
  stationId: z.string(),
  renamedFrom: z.string().optional(),
  members: z.number().int(),
  bytes: z.number(),
  elapsedMs: z.number(),
});

/**
 * The review timeline of a station over [from, to): its segments, and per segment (aligned by index)
 * each model's call, the truth label, the analyst's verification; plus gaps and cached audio.
 */
export const reviewModelSchema = z.object({
  /** `id@version` */
  key: z.string(),
  id: z.string(),
  version: z.string(),
  classes: z.array(z.string()),
  /** Predicted class index into `classes` per segment, null when the model did not predict it. */
  predicted: z.array(z.number().int().nullable()),
  /** Probability of the predicted class. */
  prob: z.array(z.number().nullable()),
  /** Normalised predictive entropy 0 … 1. */
  uncertainty: z.array(z.number().nullable()),
  /** Mutual information (MC models), bits. */
  epistemic: z.array(z.number().nullable()),
});

export const reviewTimelineSchema = z.object({
  stationId: z.string(),
  from: z.number(),
  to: z.number(),
  segments: z.object({ ids: z.array(z.number().int()), starts: z.array(z.number()), ends: z.array(z.number()) }),
  models: z.array(reviewModelSchema),
  truth: z.object({
    rangeKm: z.number().nullable(),
    /** Label status per segment (single, multi, background, ambiguous), null when not labelled. */
    status: z.array(z.string().nullable()),
    classes: z.array(z.array(z.string())),
    final: z.array(z.boolean()),
    mappingVersions: z.array(z.number().int()),
  }),
  /** Newest verification per segment (verdict and classes heard), null when none. */
  verifications: z.array(z.object({ verdict: z.string(), classes: z.array(z.string()), analyst: z.string(), at: z.number() }).nullable()),
  gaps: z.array(z.object({ start: z.number(), end: z.number() })),
  audio: z.array(z.object({ start: z.number(), end: z.number() })),
  /** Server-side query time, ms. */
  queryMs: z.number(),
});

/** Predictions of every model, or truth labels (with the newest verification and the resulting truth). */
export const csvExportKindSchema = z.enum(['predictions', 'labels']);

const rangeRequest = { stationId: z.string(), from: z.number(), to: z.number() };
const refineRange = (r: { from: number; to: number }) => r.to > r.from;

/** Longest audio span `export:wav` cuts (the WAV travels base64-encoded over the API). */
export const MAX_WAV_EXPORT_MS = 15 * 60_000;

export const sessionsInvokeContract = {
  /** Sessions: live runs (found in the data), chosen spans and imported sessions, newest first. */
  'sessions:list': {
    request: z.object({ stationId: z.string().optional() }).strict(),
    response: z.array(sessionSchema),
  },
  /** One session's station and range, cheap (no counts): what the review view needs to open it. */
  'sessions:get': {
    request: z.object({ id: z.string() }).strict(),
    response: sessionRefSchema,
  },
  /** Keeps a station's time range as a session (optionally pinned). */
  'sessions:create': {
    request: z
      .object({ ...rangeRequest, name: z.string().trim().min(1).max(120).optional(), pinned: z.boolean().default(false), note: z.string().max(500).optional() })
      .strict()
      .refine(refineRange, { message: 'to must be after from', path: ['to'] }),
    response: sessionSchema,
  },
  /** Renames, annotates, pins or unpins a session (pinned: kept from cache clean-up). */
  'sessions:update': {
    request: z
      .object({ id: z.string(), name: z.string().trim().min(1).max(120).optional(), pinned: z.boolean().optional(), note: z.string().max(500).optional() })
      .strict(),
    response: sessionSchema,
  },
  /** Forgets a chosen or imported session (its data stays; a live run is found again). */
  'sessions:delete': {
    request: z.object({ id: z.string() }).strict(),
    response: z.object({ id: z.string() }),
  },
  /** Writes the session as one `.aiwsession` file (default: the data folder's exports/). */
  'sessions:export': {
    request: z.object({ id: z.string(), path: z.string().min(1).max(4096).optional() }).strict(),
    response: sessionExportResultSchema,
  },
  /** Imports a `.aiwsession` file from a path on this machine (verified before anything is written). */
  'sessions:import': {
    request: z.object({ path: z.string().min(1).max(4096) }).strict(),
    response: sessionImportResultSchema,
  },
  /** Everything the review timeline draws for a station over [from, to). */
  'review:timeline': {
    request: z
      .object({ ...rangeRequest, rangeKm: z.number().positive().max(1000).optional() })
      .strict()
      .refine(refineRange, { message: 'to must be after from', path: ['to'] }),
    response: reviewTimelineSchema,
  },
  /** Predictions or truth labels (with verifications) of segments starting in [from, to) as CSV (metrics: `metrics:export-csv`). */
  'export:csv': {
    request: z.object({ ...rangeRequest, kind: csvExportKindSchema }).strict().refine(refineRange, { message: 'to must be after from', path: ['to'] }),
    response: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  },
  /** The cached audio of [from, to) as a 16-bit WAV (base64), cut server-side; gaps are silence. */
  'export:wav': {
    request: z
      .object({ ...rangeRequest, channels: z.array(z.number().int().min(0).max(63)).min(1).max(64).optional() })
      .strict()
      .refine(refineRange, { message: 'to must be after from', path: ['to'] })
      .refine((r) => r.to - r.from <= MAX_WAV_EXPORT_MS, { message: 'at most 15 minutes of audio at once', path: ['to'] }),
    response: z.object({
      fileName: z.string(), base64: z.string(), sampleRate: z.number(), channels: z.number().int(), durationMs: z.number(),
      /** Milliseconds of the span with no cached audio (written as silence). */
      missingMs: z.number(),
    }),
  },
} as const;

export type SessionKind = z.infer<typeof sessionKindSchema>;
export type SessionCounts = z.infer<typeof sessionCountsSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type SessionRef = z.infer<typeof sessionRefSchema>;
export type SessionExportResult = z.infer<typeof sessionExportResultSchema>;
export type SessionImportResult = z.infer<typeof sessionImportResultSchema>;
export type ReviewModel = z.infer<typeof reviewModelSchema>;
export type ReviewTimeline = z.infer<typeof reviewTimelineSchema>;
export type CsvExportKind = z.infer<typeof csvExportKindSchema>;
