/**
 * The one typed API between the renderer and the services.
 *
 * `invoke` channels are request/response; `events` flow from main to the renderer.
 * Both transports (Electron IPC and the headless WebSocket) carry exactly this
 * contract, and main validates every request against it before a handler runs.
 */
import { z } from 'zod';
import { remoteStationConfigSchema, remoteStationEntrySchema } from './station-config.ts';
import { spectrogramTilesRequestSchema, spectrogramTilesSchema } from './spectrogram-tiles.ts';
import { spectrogramFftSizeRequestSchema, spectrogramFftSizeSchema } from './spectrogram-display.ts';
import { aisSourceHealthSchema, vesselDetailSchema, vesselsAtResponseSchema, vesselTrackSchema } from './ais.ts';
import { aisSourceConfigSchema, aisSourceEntrySchema } from './ais-sources.ts';
import { mapTilesSchema, mapTilesRequestSchema } from './map-tiles.ts';
import {
  classesOverviewSchema,
  labelEngineStatusSchema,
  mappingChangeSchema,
  mappingVersionSchema,
  segmentLabelSchema,
  trainingExportSchema,
  verdictSchema,
  verificationSchema,
} from './labels.ts';
import { metricsReportSchema, metricsRequestSchema } from './metrics.ts';
import {
  modelInfoSchema,
  noticeSchema,
  predictionSchema,
  spectrogramColumnsSchema,
  stationSchema,
  stationStatusSchema,
} from './domain.ts';
import {
  backfillJobSchema,
  cachedAudioSchema,
  deployResultSchema,
  MAX_UPLOAD_BASE64_CHARS,
  modelEventSchema,
  segmentDisagreementSchema,
} from './models.ts';
import { sessionsInvokeContract } from './sessions.ts';

const modelRef = z.object({ id: z.string().min(1).max(64), version: z.string().min(1).max(64) }).strict();

export const invokeContract = {
  /** Sessions, the review timeline and exports (issue 8): src/shared/sessions.ts. */
  ...sessionsInvokeContract,
  'app:get-info': {
    request: z.object({}).strict(),
    response: z.object({
      version: z.string(),
      mode: z.enum(['desktop', 'headless']),
      dataDir: z.string(),
      startedAt: z.number(),
    }),
  },
  'stations:list': {
    request: z.object({}).strict(),
    response: z.array(stationSchema),
  },
  'stations:status': {
    request: z.object({}).strict(),
    response: z.array(stationStatusSchema),
  },
  /** Remote (SFTP) station settings; secrets appear only as references (env, file, store name). */
  'stations:remote-configs': {
    request: z.object({}).strict(),
    response: z.array(remoteStationEntrySchema),
  },
  /** Adds or replaces a remote station defined in the app; secrets typed in go to the secret store. */
  'stations:save-remote': {
    request: z
      .object({ config: remoteStationConfigSchema, password: z.string().min(1).optional(), passphrase: z.string().min(1).optional() })
      .strict(),
    response: remoteStationEntrySchema,
  },
  /** Removes a remote station added in the app (its recordings and predictions stay). */
  'stations:delete-remote': {
    request: z.object({ stationId: z.string() }).strict(),
    response: z.object({ stationId: z.string() }),
  },
  /** Pins the host key a remote station presents, after the analyst verified its fingerprint. */
  'stations:trust-host-key': {
    request: z.object({ stationId: z.string(), fingerprint: z.string().min(1) }).strict(),
    response: z.object({ stationId: z.string(), fingerprint: z.string() }),
  },
  /** Polls a remote station now (and retries a waiting connection at once). */
  'stations:poll-now': {
    request: z.object({ stationId: z.string() }).strict(),
    response: z.object({ stationId: z.string() }),
  },
  'models:list': {
    request: z.object({}).strict(),
    response: z.array(modelInfoSchema),
  },
  'models:set-active': {
    request: z
      .object({
        id: z.string(),
        version: z.string(),
        active: z.boolean(),
        /** With active: also deactivate the other versions of this model id. */
        only: z.boolean().optional(),
      })
      .strict(),
    response: modelInfoSchema,
  },
  /** Deploys a model package uploaded as a zip (browser file picker / drag-and-drop). */
  'models:deploy': {
    request: z
      .object({
        fileName: z.string().min(1).max(255),
        zipBase64: z.string().min(1).max(MAX_UPLOAD_BASE64_CHARS, 'the zip is larger than the 64 MB upload limit'),
        activate: z.boolean().default(true),
      })
      .strict(),
    response: deployResultSchema,
  },
  /** Desktop only: main opens a file dialog and deploys the chosen folder or zip; null when cancelled. */
  'models:deploy-dialog': {
    request: z.object({ activate: z.boolean().default(true) }).strict(),
    response: deployResultSchema.nullable(),
  },
  'models:retire': {
    request: modelRef,
    response: modelInfoSchema,
  },
  /** The analyst name recorded with every action: read it, or set it when `name` is given (kept in settings). */
  'settings:analyst': {
    request: z.object({ name: z.string().trim().min(1).max(80).optional() }).strict(),
    response: z.object({ name: z.string() }),
  },
  /** The audit timeline, newest first. */
  'models:history': {
    request: z
      .object({ id: z.string().optional(), version: z.string().optional(), limit: z.number().int().min(1).max(5000).default(200) })
      .strict(),
    response: z.array(modelEventSchema),
  },
  /** Disagreement across models on the station's most recent segments (computed on read). */
  'predictions:disagreement': {
    request: z.object({ stationId: z.string(), limit: z.number().int().min(1).max(5000).default(200) }).strict(),
    response: z.array(segmentDisagreementSchema),
  },
  'backfill:start': {
    request: z
      .object({ stationId: z.string(), models: z.array(modelRef).min(1).max(32), from: z.number(), to: z.number() })
      .strict(),
    response: backfillJobSchema,
  },
  'backfill:cancel': {
    request: z.object({ jobId: z.string() }).strict(),
    response: backfillJobSchema,
  },
  'backfill:list': {
    request: z.object({}).strict(),
    response: z.array(backfillJobSchema),
  },
  /** What cached audio a station has (the range backfill can cover). */
  'backfill:sources': {
    request: z.object({ stationId: z.string() }).strict(),
    response: cachedAudioSchema,
  },
  'predictions:recent': {
    request: z.object({ stationId: z.string(), limit: z.number().int().min(1).max(5000).default(200) }).strict(),
    response: z.array(predictionSchema),
  },
  'spectrogram:recent': {
    request: z.object({ stationId: z.string(), seconds: z.number().positive().max(3600).default(120) }).strict(),
    response: spectrogramColumnsSchema.nullable(),
  },
  /** The display spectrogram over any range and zoom, from the station's tile pyramid (issue 3). */
  'spectrogram:tiles': {
    request: spectrogramTilesRequestSchema,
    response: spectrogramTilesSchema.nullable(),
  },
  /** A station's display FFT size (hop = nFft / 2): read it, or set it when `nFft` is given (a new tile pyramid per size). */
  'spectrogram:fft-size': {
    request: spectrogramFftSizeRequestSchema,
    response: spectrogramFftSizeSchema,
  },
  /** Vessels at an instant within a range of a station's sensor, nearest first (issue 6). */
  'ais:vessels-at': {
    request: z
      .object({
        time: z.number(), rangeKm: z.number().positive().max(1000).default(40), stationId: z.string().optional(),
        /** Full records of the nearest N only (the list); with `positions`, the map still gets every vessel. */
        listLimit: z.number().int().min(0).max(10_000).optional(),
        positions: z.boolean().optional(),
      })
      .strict(),
    response: vesselsAtResponseSchema,
  },
  /** Decimated tracks (≤ 1 point/minute) over [from, to], of the vessels within range at `to` or of `mmsis`. */
  'ais:tracks': {
    request: z
      .object({
        from: z.number(),
        to: z.number(),
        rangeKm: z.number().positive().max(1000).default(40),
        stationId: z.string().optional(),
        mmsis: z.array(z.number().int()).max(5000).optional(),
        maxPoints: z.number().int().min(2).max(5000).default(1440),
        /**
         * Incremental update: only points after `since` (ms), and every vessel in range even without new
         * points (empty arrays). Thinning is aligned to absolute minutes, so these continue a track fetched
         * before with the same window length (optional; added for the map's 24 h tracks).
         */
        since: z.number().optional(),
      })
      .strict(),
    response: z.array(vesselTrackSchema),
  },
  'ais:vessel-detail': {
    request: z
      .object({
        mmsi: z.number().int(),
        time: z.number(),
        rangeKm: z.number().positive().max(1000).default(40),
        stationId: z.string().optional(),
        /** Window for the in-range intervals, ms before `time` (default 24 h). */
        windowMs: z.number().positive().max(30 * 86_400_000).default(86_400_000),
      })
      .strict(),
    response: vesselDetailSchema,
  },
  'ais:sources-status': {
    request: z.object({}).strict(),
    response: z.array(aisSourceHealthSchema),
  },
  /** Every configured AIS source (config file and app), with whether its API key is set; never a key. */
  'ais:source-configs': {
    request: z.object({}).strict(),
    response: z.array(aisSourceEntrySchema),
  },
  /** Adds or replaces an AIS source defined in the app and (re)starts it; a key typed in goes to the secret store. */
  'ais:save-source': {
    request: z.object({ config: aisSourceConfigSchema, apiKey: z.string().trim().min(1).max(500).optional() }).strict(),
    response: aisSourceEntrySchema,
  },
  /** Removes an AIS source added in the app (its stored positions stay). */
  'ais:delete-source': {
    request: z.object({ id: z.string() }).strict(),
    response: z.object({ id: z.string() }),
  },
  /** Stores (or with null removes) the API key of an aisstream/SeaVision source and restarts the sources using it. */
  'ais:set-api-key': {
    request: z.object({ id: z.string(), apiKey: z.string().trim().min(1).max(500).nullable() }).strict(),
    response: aisSourceEntrySchema,
  },
  /** The optional online tile layer of the map: read it, or set it when `url` is given (null: offline only). */
  'map:tiles': {
    request: mapTilesRequestSchema,
    response: mapTilesSchema,
  },
  /** Designations (AIS codes and texts) with their class under a mapping version (default current) and vessel statistics (issue 7). */
  'classes:overview': {
    request: z.object({ mappingVersion: z.number().int().positive().optional() }).strict(),
    response: classesOverviewSchema,
  },
  /** Every class-mapping version, oldest first, with author, time, note and what changed. */
  'classes:versions': {
    request: z.object({}).strict(),
    response: z.array(mappingVersionSchema),
  },
  /** Assigns classes to designations: creates the next mapping version (author: the analyst); labels are re-derived. */
  'classes:assign': {
    request: z.object({ changes: z.array(mappingChangeSchema).min(1).max(500), note: z.string().max(500).default('') }).strict(),
    response: mappingVersionSchema,
  },
  /** The truth-label engine: AIS watermark, what is final, ranges, live range, current mapping version. */
  'labels:status': {
    request: z.object({}).strict(),
    response: labelEngineStatusSchema,
  },
  /** Sets the range the live view uses (one of the labelled ranges). */
  'labels:settings': {
    request: z.object({ liveRangeKm: z.number().positive().max(1000) }).strict(),
    response: labelEngineStatusSchema,
  },
  /** AIS labels of a station's segments overlapping [from, to) at a range (default live) under a mapping version, with verifications. */
  'labels:segments': {
    request: z
      .object({
        stationId: z.string(), from: z.number(), to: z.number(), rangeKm: z.number().positive().max(1000).optional(),
        mappingVersion: z.number().int().positive().optional(), limit: z.number().int().min(1).max(20_000).default(2000),
      })
      .strict(),
    response: z.array(segmentLabelSchema),
  },
  /** The analyst confirms or corrects a segment's label (classes heard), or says "no ship" / "can't tell". */
  'labels:verify': {
    request: z
      .object({ segmentId: z.number().int(), verdict: verdictSchema, classes: z.array(z.string()).max(5).default([]), note: z.string().max(500).optional() })
      .strict(),
    response: verificationSchema,
  },
  /** Recomputes the labels of [from, to) from AIS (e.g. after importing older AIS). */
  'labels:recompute': {
    request: z.object({ from: z.number(), to: z.number(), stationId: z.string().optional() }).strict(),
    response: z.object({ reopened: z.number().int() }),
  },
  /** Writes verified segments of [from, to) with their cached audio as a training set under the data folder's exports/. */
  'labels:export-training-set': {
    request: z
      .object({ from: z.number(), to: z.number(), stationId: z.string().optional(), rangeKm: z.number().positive().optional(), mappingVersion: z.number().int().positive().optional() })
      .strict(),
    response: trainingExportSchema,
  },
  /** Model performance against truth labels (issue 7): per model version, for a time range, range, mapping version and truth. */
  'metrics:compute': {
    request: metricsRequestSchema,
    response: metricsReportSchema,
  },
  /** The same report as CSV (long form: model, section, key, metric, value). */
  'metrics:export-csv': {
    request: metricsRequestSchema,
    response: z.object({ fileName: z.string(), csv: z.string() }),
  },
} as const;

export const eventContract = {
  'stations:status-changed': z.array(stationStatusSchema),
  'spectrogram:columns-added': spectrogramColumnsSchema,
  'predictions:added': z.array(predictionSchema),
  'models:changed': z.array(modelInfoSchema),
  'backfill:progress': backfillJobSchema,
  'app:notice': noticeSchema,
  /** AIS source health, when a source's state or counters change (at most once a second). */
  'ais:sources-changed': z.array(aisSourceHealthSchema),
  /** The analyst created a new class-mapping version (the map recolours its vessels). */
  'classes:mapping-changed': z.object({ version: z.number().int() }),
  /** A command from the desktop application menu (Electron only; the browser UI has its own controls). */
  'menu:command': z.object({
    command: z.enum([
      'export:png',
      'export:csv',
      'settings:open',
      'view:live',
      'view:review',
      'view:models',
      'view:map',
      'view:metrics',
      'view:sessions',
    ]),
  }),
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type EventChannel = keyof typeof eventContract;
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['request']>;
export type ParsedRequest<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['response']>;
export type EventPayload<E extends EventChannel> = z.infer<(typeof eventContract)[E]>;

export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[];
export const EVENT_CHANNELS = Object.keys(eventContract) as EventChannel[];

export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(invokeContract, name);
}
