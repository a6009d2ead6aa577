/**
 * Drawing tracks in the track worker: each track is held projected (world units, once per point), so a
 * redraw is a multiply-add per point, tracks outside the view are skipped by their bounding box, points
 * closer than 2 px to the last drawn one are skipped, and the style changes once per class.
 */
import type { VesselClass } from '../../../shared/ais.ts';
import { spliceTrack } from './track-diff.ts';
import type { TrackDelta, TrackView } from './tracks-protocol.ts';
import { vesselColor } from './vessel-style.ts';
import { mercatorX, mercatorY } from './web-mercator.ts';

/** A track as the worker holds it: times and projected world coordinates, with its bounding box. */
export interface HeldTrack {
  mmsi: number;
  vesselClass: VesselClass;
  t: Float64Array;
  x: Float64Array;
  y: Float64Array;
  box: { minX: number; maxX: number; minY: number; maxY: number };
}

/** The subset of a 2D context the painter uses (a recording fake in tests). */
export type Paint2D = Pick<CanvasRenderingContext2D, 'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'strokeStyle' | 'globalAlpha' | 'lineWidth'>;

const MIN_STEP_PX = 2;
const ALPHA = 0.45;
const SELECTED_ALPHA = 0.95;

function boxOf(x: Float64Array, y: Float64Array): HeldTrack['box'] {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < x.length; i++) {
    minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]);
    minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]);
  }
  return { minX, maxX, minY, maxY };
}

/** The held track after a delta (new points projected once here). */
export function holdTrack(old: HeldTrack | undefined, d: TrackDelta): HeldTrack {
  const x = spliceTrack(old?.x, d, d.lon.map(mercatorX));
  const y = spliceTrack(old?.y, d, d.lat.map(mercatorY));
  return { mmsi: d.mmsi, vesselClass: d.vesselClass, t: spliceTrack(old?.t, d, d.t), x, y, box: boxOf(x, y) };
}

/** Adds one track to the current path (decimated on screen); returns the points added. */
function tracePath(ctx: Paint2D, track: HeldTrack, v: TrackView): number {
  const { x, y } = track;
  let lx = x[0] * v.scale - v.originX;
  let ly = y[0] * v.scale - v.originY;
  ctx.moveTo(lx, ly);
  let drawn = 1;
  const last = x.length - 1;
  for (let i = 1; i <= last; i++) {
    const px = x[i] * v.scale - v.originX;
    const py = y[i] * v.scale - v.originY;
    if (i !== last && Math.abs(px - lx) + Math.abs(py - ly) < MIN_STEP_PX) continue;
    ctx.lineTo(px, py);
    lx = px;
    ly = py;
    drawn++;
  }
  return drawn;
}

/** True when the track's box meets the view. */
function visible(track: HeldTrack, v: TrackView): boolean {
  const { box } = track;
  return box.maxX * v.scale >= v.originX && box.minX * v.scale <= v.originX + v.width &&
    box.maxY * v.scale >= v.originY && box.minY * v.scale <= v.originY + v.height;
}

/** Strokes every visible track (grouped by class, the selected one on top); returns the points drawn. */
export function paintTracks(ctx: Paint2D, tracks: Iterable<HeldTrack>, v: TrackView, selected: number | undefined): number {
  const byClass = new Map<VesselClass, HeldTrack[]>();
  let chosen: HeldTrack | undefined;
  for (const track of tracks) {
    if (track.t.length < 2 || !visible(track, v)) continue;
    if (track.mmsi === selected) chosen = track;
    else {
      const list = byClass.get(track.vesselClass);
      if (list) list.push(track);
      else byClass.set(track.vesselClass, [track]);
    }
  }
  let points = 0;
  ctx.lineWidth = 1.5;
  // One stroke per track: a single path of a whole class (10,000s of crossing segments) rasterises far slower.
  const stroke = (cls: VesselClass, list: readonly HeldTrack[], alpha: number) => {
    ctx.strokeStyle = vesselColor(cls);
    ctx.globalAlpha = alpha;
    for (const track of list) {
      ctx.beginPath();
      points += tracePath(ctx, track, v);
      ctx.stroke();
    }
  };
  for (const [cls, list] of byClass) stroke(cls, list, ALPHA);
  if (chosen) stroke(chosen.vesselClass, [chosen], SELECTED_ALPHA);
  ctx.globalAlpha = 1;
  return points;
}
