/**
 * A Leaflet layer that draws every vessel (rotated triangles in class colours) and its track on two
 * stacked canvases (tracks below, vessels above). Panning moves them with the map pane (no redraw);
 * they are redrawn once per move/zoom end, with half a view of margin on each side so a pan does not
 * reveal blank edges. The per-second vessel updates redraw only the vessel canvas, from the compact
 * positions (parallel arrays, projected once per update without Leaflet objects), and never while the
 * map is being dragged or zoomed: the newest picture is drawn when the move ends. Tracks are drawn by
 * a worker (track-canvas.ts): day-long tracks of thousands of vessels never block the main thread.
 */
import L from 'leaflet';
import type { VesselPositions, VesselTrack } from '../../../shared/ais.ts';
import { setMapMoving } from './map-motion.ts';
import { TrackCanvas } from './track-canvas.ts';
import { groupVessels, projectPositions, type ProjectedVessels } from './vessel-points.ts';
import { trianglePoints, vesselColor } from './vessel-style.ts';
import { worldScale } from './web-mercator.ts';

/** What the layer draws. */
export interface VesselLayerData {
  positions: VesselPositions | undefined;
  tracks: readonly VesselTrack[];
  selected: number | undefined;
}

/** Margin around the view, as a fraction of it: tracks (redrawn rarely, by the worker) get more than vessels (redrawn every second). */
const TRACK_PADDING = 0.5;
const VESSEL_PADDING = 0.25;
const HIT_PX = 12;
const QUIET_MS = 400;

/** The padded view: the layer point of its top-left corner and its CSS size. */
function paddedView(map: L.Map, padding: number): { topLeft: L.Point; size: L.Point } {
  const view = map.getSize();
  const pad = view.multiplyBy(padding).round();
  return { topLeft: map.containerPointToLayerPoint(pad.multiplyBy(-1)), size: view.add(pad.multiplyBy(2)) };
}

/** Sizes (only when it changed: resizing reallocates the bitmap) and places a canvas over the padded view. */
function fitCanvas(canvas: HTMLCanvasElement, map: L.Map): { ctx: CanvasRenderingContext2D | null; topLeft: L.Point; size: L.Point } {
  const { topLeft, size } = paddedView(map, VESSEL_PADDING);
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
    canvas.width = size.x * ratio;
    canvas.height = size.y * ratio;
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
  }
  L.DomUtil.setPosition(canvas, topLeft);
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { ctx, topLeft, size };
}

/** Adds a vessel symbol to the current path: a triangle along `heading`, or a dot when it is unknown (NaN). */
function traceSymbol(ctx: CanvasRenderingContext2D, x: number, y: number, heading: number, size: number): void {
  if (Number.isNaN(heading)) {
    ctx.moveTo(x + size * 0.5, y);
    ctx.arc(x, y, size * 0.5, 0, 2 * Math.PI);
    return;
  }
  const [a, b, c] = trianglePoints(x, y, heading, size);
  ctx.moveTo(a[0], a[1]);
  ctx.lineTo(b[0], b[1]);
  ctx.lineTo(c[0], c[1]);
  ctx.closePath();
}

export class VesselCanvasLayer extends L.Layer {
  #canvas: HTMLCanvasElement | undefined;
  #tracks: TrackCanvas | undefined;
  #data: VesselLayerData = { positions: undefined, tracks: [], selected: undefined };
  #points: ProjectedVessels = projectPositions(undefined);
  #onSelect: (mmsi: number | undefined) => void;
  #frame = 0;
  /** The map is being dragged or zoomed: vessel redraws wait for the end of the move. */
  #moving = false;
  /** Ends a move that went quiet without a moveend (an interrupted animation must not freeze the picture). */
  #quiet: ReturnType<typeof setTimeout> | undefined;

  constructor(onSelect: (mmsi: number | undefined) => void) {
    super();
    this.#onSelect = onSelect;
  }

  /** Replaces what is drawn (vessels on the next animation frame, tracks when the worker has drawn them). */
  setData(data: VesselLayerData): void {
    if (data.tracks !== this.#data.tracks) this.#tracks?.setTracks(data.tracks);
    this.#tracks?.setSelected(data.selected);
    if (data.positions !== this.#data.positions) this.#points = projectPositions(data.positions);
    this.#data = data;
    if (!this.#moving) this.#frame ||= requestAnimationFrame(() => this.#draw());
  }

  override onAdd(map: L.Map): this {
    const pane = map.getPanes().markerPane;
    this.#tracks = new TrackCanvas(pane, (points) => {
      if (this.#canvas) this.#canvas.dataset.trackPoints = String(points);
    });
    this.#tracks.setTracks(this.#data.tracks);
    this.#tracks.setSelected(this.#data.selected);
    const canvas = L.DomUtil.create('canvas', 'vessel-canvas leaflet-zoom-hide', pane);
    canvas.dataset.testid = 'vessel-canvas';
    this.#canvas = canvas;
    map.on('moveend zoomend resize viewreset', this.#schedule, this);
    map.on('movestart zoomstart move zoom', this.#startMoving, this);
    map.on('click', this.#click, this);
    this.#schedule();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend zoomend resize viewreset', this.#schedule, this);
    map.off('movestart zoomstart move zoom', this.#startMoving, this);
    clearTimeout(this.#quiet);
    setMapMoving(false);
    map.off('click', this.#click, this);
    cancelAnimationFrame(this.#frame);
    this.#canvas?.remove();
    this.#tracks?.dispose();
    this.#canvas = undefined;
    this.#tracks = undefined;
    return this;
  }

  /** A move started or went on: hold redraws until it ends, or until it has been quiet for QUIET_MS. */
  #startMoving(): void {
    clearTimeout(this.#quiet);
    this.#quiet = setTimeout(() => this.#schedule(), QUIET_MS);
    if (this.#moving) return;
    this.#moving = true;
    setMapMoving(true);
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** A view change: the vessels are redrawn on the next frame, the tracks by the worker. */
  #schedule(): void {
    clearTimeout(this.#quiet);
    this.#moving = false;
    setMapMoving(false);
    const map = this._map as L.Map | undefined;
    if (map !== undefined) this.#tracks?.setView({ zoom: map.getZoom(), pixelOrigin: map.getPixelOrigin(), ...paddedView(map, TRACK_PADDING) });
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#draw());
  }

  #draw(): void {
    this.#frame = 0;
    const map = this._map as L.Map | undefined;
    if (this.#canvas === undefined || map === undefined) return;
    const v = fitCanvas(this.#canvas, map);
    if (v.ctx === null) return;
    v.ctx.clearRect(0, 0, v.size.x, v.size.y);
    const origin = map.getPixelOrigin().add(v.topLeft);
    this.#drawVessels(v.ctx, { scale: worldScale(map.getZoom()), x0: origin.x, y0: origin.y });
    this.#canvas.dataset.vessels = String(this.#points.count);
  }

  /**
   * One path per class and staleness (fill, then outline): 2,000 vessels cost a dozen draw calls instead
   * of 4,000 with as many style changes. The selected vessel is drawn last, larger and outlined in white.
   */
  #drawVessels(ctx: CanvasRenderingContext2D, view: { scale: number; x0: number; y0: number }): void {
    const p = this.#points;
    const paint = (indices: readonly number[], size: number, outline: string, width: number) => {
      const first = indices[0];
      ctx.globalAlpha = p.stale[first] === 1 ? 0.45 : 1;
      ctx.fillStyle = vesselColor(p.vesselClass[first]);
      ctx.strokeStyle = outline;
      ctx.lineWidth = width;
      ctx.beginPath();
      for (const i of indices) traceSymbol(ctx, p.wx[i] * view.scale - view.x0, p.wy[i] * view.scale - view.y0, p.dir[i], size);
      ctx.fill();
      ctx.stroke();
    };
    const { groups, chosen } = groupVessels(p, this.#data.selected);
    for (const indices of groups) paint(indices, 10, '#0a0d12', 1);
    if (chosen !== undefined) paint([chosen], 13, '#ffffff', 2);
    ctx.globalAlpha = 1;
  }

  /** Selects the vessel nearest the click (within HIT_PX), or clears the selection. */
  #click(e: L.LeafletMouseEvent): void {
    const map = this._map as L.Map | undefined;
    if (map === undefined) return;
    let best: { mmsi: number; d: number } | undefined;
    const p = this.#points;
    const scale = worldScale(map.getZoom());
    const at = map.containerPointToLayerPoint(e.containerPoint).add(map.getPixelOrigin());
    for (let i = 0; i < p.count; i++) {
      const d = Math.hypot(p.wx[i] * scale - at.x, p.wy[i] * scale - at.y);
      if (d <= HIT_PX && (best === undefined || d < best.d)) best = { mmsi: p.mmsi[i], d };
    }
    this.#onSelect(best?.mmsi);
  }
}
