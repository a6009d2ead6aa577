/**
 * AIS records that cross the API boundary: source health, vessels at an instant, tracks, vessel detail.
 * Times are epoch ms (UTC), distances metres, speeds knots, angles degrees true.
 */
import { z } from 'zod';

export const aisSourceKindSchema = z.enum(['demo', 'tcp-client', 'tcp-server', 'udp', 'replay', 'aisstream', 'seavision']);
export const aisSourceStateSchema = z.enum([
  'starting', 'connected', 'listening', 'disconnected', 'stalled', 'error', 'finished', 'stopped',
]);

export const aisSourceHealthSchema = z.object({
  id: z.string(),
  kind: aisSourceKindSchema,
  label: z.string(),
  state: aisSourceStateSchema,
  detail: z.string(),
  connected: z.boolean(),
  /** Connected peers (TCP server). */
  clients: z.number().int(),
  /** Messages received (decoded NMEA messages or records). */
  messages: z.number().int(),
  messagesPerSecond: z.number(),
  /** Wall-clock time of the last message. */
  lastMessageAt: z.number().optional(),
  /** Time carried by the newest message (may differ from wall clock for replays and the demo). */
  lastDataTime: z.number().optional(),
  errors: z.number().int(),
  lastError: z.string().optional(),
  /** Rejected lines/records by reason (bad checksum, malformed, not JSON, rate limit, …). */
  decodeErrors: z.record(z.string(), z.number()),
  /** Positions accepted by the plausibility gate, static updates stored, positions rejected, records dropped (flood). */
  positions: z.number().int(),
  statics: z.number().int(),
  rejected: z.number().int(),
  dropped: z.number().int(),
});

/** Vessel class from the AIS ship-type code (workstation taxonomy A–D, or unknown). */
/** A vessel's class under the current class mapping (E: mapped to "no ship"; unknown: no class). */
export const vesselClassSchema = z.enum(['A', 'B', 'C', 'D', 'E', 'unknown']);

export const positionQualitySchema = z.enum(['reported', 'interpolated', 'dead-reckoned', 'stale']);

export const vesselAtSchema = z.object({
  mmsi: z.number().int(),
  name: z.string().optional(),
  shipType: z.number().int().optional(),
  shipTypeText: z.string().optional(),
  vesselClass: vesselClassSchema,
  lat: z.number(),
  lon: z.number(),
  sog: z.number().nullable(),
  cog: z.number().nullable(),
  heading: z.number().nullable(),
  quality: positionQualitySchema,
  /** Time of the report the position is based on (the nearer one when interpolating). */
  reportTime: z.number(),
  distanceM: z.number(),
  bearingDeg: z.number(),
  /** Closest point of approach to the sensor assuming constant course and speed; null when not moving. */
  cpaM: z.number().nullable(),
  /** Seconds to CPA (negative: CPA already passed). */
  tcpaS: z.number().nullable(),
  lengthM: z.number().optional(),
});

export const sensorSchema = z.object({ stationId: z.string(), name: z.string(), lat: z.number(), lon: z.number() });

/**
 * Every vessel in range as parallel arrays, nearest first: what the map draws each second. A tenth of the
 * JSON of full records (2,000 vessels: ~80 kB instead of ~800 kB), so parsing it leaves panning smooth.
 */
export const vesselPositionsSchema = z.object({
  mmsi: z.array(z.number().int()),
  lat: z.array(z.number()),
  lon: z.array(z.number()),
  /** Direction the symbol points, degrees true (heading, else course); null: unknown (a round symbol). */
  dir: z.array(z.number().nullable()),
  vesselClass: z.array(vesselClassSchema),
  /** 1: the position is stale (drawn faded). */
  stale: z.array(z.number().int()),
});

export const vesselsAtResponseSchema = z.object({
  time: z.number(),
  sensor: sensorSchema.nullable(),
  rangeM: z.number(),
  /** Full records, nearest first: all vessels in range, or the nearest `listLimit` when asked. */
  vessels: z.array(vesselAtSchema),
  /** Vessels reporting near `time` but outside the range (not listed). */
  outOfRange: z.number().int(),
  /** Vessels within range (may exceed `vessels.length` with a `listLimit`). */
  inRange: z.number().int().optional(),
  /** Every vessel in range, compact (when asked with `positions: true`). */
  positions: vesselPositionsSchema.optional(),
  /** The class-mapping version the classes were given by. */
  mappingVersion: z.number().int().optional(),
});

/** A track as parallel arrays (compact on the wire): times, latitudes, longitudes. */
export const vesselTrackSchema = z.object({
  mmsi: z.number().int(),
  vesselClass: vesselClassSchema,
  t: z.array(z.number()),
  lat: z.array(z.number()),
  lon: z.array(z.number()),
});

export const staticRecordSchema = z.object({
  at: z.number(),
  source: z.string(),
  name: z.string().optional(),
  callsign: z.string().optional(),
  imo: z.number().optional(),
  shipType: z.number().optional(),
  toBow: z.number().optional(),
  toStern: z.number().optional(),
  toPort: z.number().optional(),
  toStarboard: z.number().optional(),
  lengthM: z.number().optional(),
  beamM: z.number().optional(),
  draughtM: z.number().optional(),
  destination: z.string().optional(),
  eta: z.string().optional(),
  transponder: z.enum(['A', 'B']).optional(),
});

export const vesselDetailSchema = z.object({
  mmsi: z.number().int(),
  vesselClass: vesselClassSchema,
  shipTypeText: z.string().optional(),
  static: staticRecordSchema.nullable(),
  history: z.array(staticRecordSchema),
  at: vesselAtSchema.nullable(),
  firstSeen: z.number().optional(),
  lastSeen: z.number().optional(),
  reports: z.number().int(),
  /** Intervals within the requested range of the sensor over the requested window. */
  inRange: z.array(z.object({ start: z.number(), end: z.number(), closestM: z.number(), closestAt: z.number() })),
});

export type AisSourceKind = z.infer<typeof aisSourceKindSchema>;
export type AisSourceState = z.infer<typeof aisSourceStateSchema>;
export type AisSourceHealth = z.infer<typeof aisSourceHealthSchema>;
export type VesselClass = z.infer<typeof vesselClassSchema>;
export type PositionQuality = z.infer<typeof positionQualitySchema>;
export type VesselAt = z.infer<typeof vesselAtSchema>;
export type VesselPositions = z.infer<typeof vesselPositionsSchema>;
export type VesselsAtResponse = z.infer<typeof vesselsAtResponseSchema>;
export type VesselTrack = z.infer<typeof vesselTrackSchema>;
export type StaticRecord = z.infer<typeof staticRecordSchema>;
export type VesselDetail = z.infer<typeof vesselDetailSchema>;
