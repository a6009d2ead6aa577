/** Messages between the map's track layer and the track worker (tracks.worker.ts). */
import type { VesselClass } from '../../../shared/ais.ts';

/** A change to one track: keep `keep` points from index `dropFront` of the worker's copy, then append these. */
export interface TrackDelta {
  mmsi: number;
  vesselClass: VesselClass;
  dropFront: number;
  keep: number;
  t: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
}

/** The padded view to draw: world pixels of the canvas's top-left corner at `scale` (= 256·2^zoom), CSS size, pixel ratio. */
export interface TrackView {
  scale: number;
  originX: number;
  originY: number;
  width: number;
  height: number;
  ratio: number;
}

export type TracksRequest =
  | { type: 'tracks'; deltas: TrackDelta[]; removed: number[] }
  | { type: 'draw'; seq: number; view: TrackView; selected: number | undefined };

/** A drawn frame: the bitmap to show and the number of track points it holds. */
export interface TracksFrame {
  type: 'frame';
  seq: number;
  bitmap: ImageBitmap;
  points: number;
}
