/**
 * The vessel picture: positions at any instant, passes within range of a sensor, CPA/TCPA, ship
 * classes, and the queries over the AIS tables. Pure functions take tracks; the rest takes a `VesselDb`.
 */
export { KNOT_MPS, deadReckon, interpolate, lastIndexAtOrBefore, lerpAngle, positionAt } from './interpolate.ts';
export type { PositionAtOptions, PositionEstimate, TrackFix } from './interpolate.ts';
export { cpaTo, segmentInCircle, toLocal } from './cpa.ts';
export type { EastNorth } from './cpa.ts';
export { passesWithin } from './passes.ts';
export type { Pass, PassOptions } from './passes.ts';
export { shipTypeText, vesselClassOf } from './ship-class.ts';
export { createVesselDb } from './vessel-db.ts';
export type { MinuteFix, VesselDb } from './vessel-db.ts';
export { describeVessel, estimateAt, tracksBetween, vesselDetail, vesselsAt, vesselsWithin } from './picture.ts';
export type { Sensor, VesselInRange } from './picture.ts';
