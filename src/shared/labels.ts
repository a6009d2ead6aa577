/**
 * Truth labels, ship-class designations and mapping versions, and analyst verifications (issue 7),
 * as they cross the API boundary. Times are epoch ms UTC, distances metres unless named `…Km`.
 */
import { z } from 'zod';

/** What a designation can be mapped to: a workstation class, or Unknown (makes a segment ambiguous). */
export const MAPPABLE_CLASSES = ['A', 'B', 'C', 'D', 'E', 'Unknown'] as const;
export const mappedClassSchema = z.enum(MAPPABLE_CLASSES);

export const labelStatusSchema = z.enum(['single', 'multi', 'background', 'ambiguous']);
/** AIS coverage around a segment: reports all along it (fresh), with a silence (stale), or none. */
export const coverageSchema = z.enum(['fresh', 'stale', 'none']);
/** Where a vessel was relative to a range: inside it, only in the buffer ring, or unknown (AIS lost it nearby). */
export const vesselZoneSchema = z.enum(['in', 'ring', 'lost']);

/** One vessel of a label: its designation, class under the label's mapping version, closest distance. */
export const labelVesselSchema = z.object({
  mmsi: z.number().int(),
  /** `"70"` for AIS code 70, a text designation, or `""` when no static data has been received. */
  designation: z.string(),
  classId: mappedClassSchema,
  zone: vesselZoneSchema,
  /** Closest distance over the part of the segment where its position is known; null when never known. */
  closestM: z.number().nullable(),
});

export const verdictSchema = z.enum(['confirmed', 'corrected', 'no-ship', 'cant-tell']);

export const verificationSchema = z.object({
  id: z.number().int(),
  segmentId: z.number().int(),
  verdict: verdictSchema,
  /** Classes the analyst heard (A–D; ['E'] for no ship; [] for can't tell). */
  classes: z.array(z.string()),
  analyst: z.string(),
  at: z.number(),
  note: z.string().optional(),
});

/** A segment's AIS label at one range under one mapping version, with the analyst's verification. */
export const segmentLabelSchema = z.object({
  segmentId: z.number().int(),
  stationId: z.string(),
  start: z.number(),
  end: z.number(),
  rangeKm: z.number(),
  mappingVersion: z.number().int(),
  status: labelStatusSchema,
  /** Distinct classes in range (['E'] for background, [] when ambiguous without ships in range). */
  classes: z.array(z.string()),
  /** Why a label is ambiguous (buffer ring, Unknown designation, stale or no AIS, vessel lost). */
  reason: z.string().optional(),
  coverage: coverageSchema,
  final: z.boolean(),
  vessels: z.array(labelVesselSchema),
  verification: verificationSchema.optional(),
});

/** One designation with its class under a mapping version and what AIS static data says about it. */
export const designationRowSchema = z.object({
  designation: z.string(),
  kind: z.enum(['code', 'text']),
  /** Standard meaning of an AIS code, or the text itself. */
  meaning: z.string(),
  classId: mappedClassSchema,
  /** Met in AIS but not in the mapping: shown as Unknown and flagged until the analyst assigns it. */
  flagged: z.boolean(),
  firstSeen: z.number().optional(),
  /** Vessels whose current static data carries this designation, and their mean dimensions (per vessel). */
  vessels: z.number().int(),
  meanLengthM: z.number().nullable(),
  meanBeamM: z.number().nullable(),
  /** AIS carries no deadweight: null unless a source provides it (per vessel that has one). */
  meanDeadweightT: z.number().nullable(),
});

export const mappingChangeSchema = z.object({
  designation: z.string().min(1).max(200),
  classId: mappedClassSchema,
});

export const mappingVersionSchema = z.object({
  version: z.number().int(),
  author: z.string(),
  note: z.string(),
  createdAt: z.number(),
  /** What changed against the previous version. */
  changes: z.array(z.object({ designation: z.string(), from: mappedClassSchema, to: mappedClassSchema })),
});

export const classesOverviewSchema = z.object({
  version: mappingVersionSchema,
  current: z.number().int(),
  designations: z.array(designationRowSchema),
  /** Mean dimensions per class over vessels (not per fix). */
  classSizes: z.array(z.object({
    classId: mappedClassSchema, vessels: z.number().int(), meanLengthM: z.number().nullable(), meanBeamM: z.number().nullable(),
    meanDeadweightT: z.number().nullable(),
  })),
});

export const labelEngineStatusSchema = z.object({
  /** Newest AIS data time seen (labels before `finalBefore` are final). */
  watermark: z.number().nullable(),
  finalBefore: z.number().nullable(),
  segments: z.number().int(),
  labelled: z.number().int(),
  final: z.number().int(),
  pending: z.number().int(),
  rangesKm: z.array(z.number()),
  liveRangeKm: z.number(),
  bufferKm: z.number(),
  currentMappingVersion: z.number().int(),
});

export const trainingExportSchema = z.object({
  dir: z.string(),
  segments: z.number().int(),
  withAudio: z.number().int(),
  withoutAudio: z.number().int(),
});

export type MappedClass = z.infer<typeof mappedClassSchema>;
export type LabelStatus = z.infer<typeof labelStatusSchema>;
export type Coverage = z.infer<typeof coverageSchema>;
export type VesselZone = z.infer<typeof vesselZoneSchema>;
export type LabelVessel = z.infer<typeof labelVesselSchema>;
export type Verdict = z.infer<typeof verdictSchema>;
export type Verification = z.infer<typeof verificationSchema>;
export type SegmentLabel = z.infer<typeof segmentLabelSchema>;
export type DesignationRow = z.infer<typeof designationRowSchema>;
export type MappingChange = z.infer<typeof mappingChangeSchema>;
export type MappingVersion = z.infer<typeof mappingVersionSchema>;
export type ClassesOverview = z.infer<typeof classesOverviewSchema>;
export type LabelEngineStatus = z.infer<typeof labelEngineStatusSchema>;
export type TrainingExport = z.infer<typeof trainingExportSchema>;
