/**
 * A Leaflet layer that draws every vessel (rotated triangles in class colours) and its track on two
 * stacked canvases (tracks below, vessels above). Panning moves them with the map pane (no redraw);
 * they are redrawn once per move/zoom end, with half a view of margin on each side so a pan does not
 * reveal blank edges. The per-second vessel updates redraw only the vessel canvas. Tracks are drawn by
 * a worker (track-canvas.ts): day-long tracks of thousands of vessels never block the main thread.
 */
import L from 'leaflet';
import type { VesselAt, VesselTrack } from '../../../shared/ais.ts';
import { TrackCanvas } from './track-canvas.ts';
import { symbolHeading, trianglePoints, vesselColor } from './vessel-style.ts';

/** What the layer draws. */
export interface VesselLayerData {
  vessels: readonly VesselAt[];
  tracks: readonly VesselTrack[];
  selected: number | undefined;
}

/** Margin around the view, as a fraction of it: tracks (redrawn rarely, by the worker) get more than vessels (redrawn every second). */
const TRACK_PADDING = 0.5;
const VESSEL_PADDING = 0.25;
const HIT_PX = 12;

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

/** Adds a vessel symbol to the current path: a triangle along `heading`, or a dot when it is unknown. */
function traceSymbol(ctx: CanvasRenderingContext2D, p: L.Point, heading: number | null, size: number): void {
  if (heading === null) {
    ctx.moveTo(p.x + size * 0.5, p.y);
    ctx.arc(p.x, p.y, size * 0.5, 0, 2 * Math.PI);
    return;
  }
  const [a, b, c] = trianglePoints(p.x, p.y, heading, size);
  ctx.moveTo(a[0], a[1]);
  ctx.lineTo(b[0], b[1]);
  ctx.lineTo(c[0], c[1]);
  ctx.closePath();
}

export class VesselCanvasLayer extends L.Layer {
  #canvas: HTMLCanvasElement | undefined;
  #tracks: TrackCanvas | undefined;
  #data: VesselLayerData = { vessels: [], tracks: [], selected: undefined };
  #onSelect: (mmsi: number | undefined) => void;
  #frame = 0;

  constructor(onSelect: (mmsi: number | undefined) => void) {
    super();
    this.#onSelect = onSelect;
  }

  /** Replaces what is drawn (vessels on the next animation frame, tracks when the worker has drawn them). */
  setData(data: VesselLayerData): void {
    if (data.tracks !== this.#data.tracks) this.#tracks?.setTracks(data.tracks);
    this.#tracks?.setSelected(data.selected);
    this.#data = data;
    this.#frame ||= requestAnimationFrame(() => this.#draw());
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
    map.on('click', this.#click, this);
    this.#schedule();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend zoomend resize viewreset', this.#schedule, this);
    map.off('click', this.#click, this);
    cancelAnimationFrame(this.#frame);
    this.#canvas?.remove();
    this.#tracks?.dispose();
    this.#canvas = undefined;
    this.#tracks = undefined;
    return this;
  }

  /** A view change: the vessels are redrawn on the next frame, the tracks by the worker. */
  #schedule(): void {
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
    this.#drawVessels(v.ctx, (lat, lon) => map.latLngToLayerPoint([lat, lon]).subtract(v.topLeft));
    this.#canvas.dataset.vessels = String(this.#data.vessels.length);
  }

  /**
   * One path per class and staleness (fill, then outline): 2,000 vessels cost a dozen draw calls instead
   * of 4,000 with as many style changes. The selected vessel is drawn last, larger and outlined in white.
   */
  #drawVessels(ctx: CanvasRenderingContext2D, toCanvas: (lat: number, lon: number) => L.Point): void {
    const groups = new Map<string, VesselAt[]>();
    let chosen: VesselAt | undefined;
    for (const v of this.#data.vessels) {
      if (v.mmsi === this.#data.selected) chosen = v;
      else {
        const key = `${v.vesselClass}|${v.quality === 'stale' ? 1 : 0}`;
        const list = groups.get(key);
        if (list) list.push(v);
        else groups.set(key, [v]);
      }
    }
    const paint = (list: readonly VesselAt[], size: number, outline: string, width: number) => {
      ctx.globalAlpha = list[0].quality === 'stale' ? 0.45 : 1;
      ctx.fillStyle = vesselColor(list[0].vesselClass);
      ctx.strokeStyle = outline;
      ctx.lineWidth = width;
      ctx.beginPath();
      for (const v of list) traceSymbol(ctx, toCanvas(v.lat, v.lon), symbolHeading(v), size);
      ctx.fill();
      ctx.stroke();
    };
    for (const list of groups.values()) paint(list, 10, '#0a0d12', 1);
    if (chosen) paint([chosen], 13, '#ffffff', 2);
    ctx.globalAlpha = 1;
  }

  /** Selects the vessel nearest the click (within HIT_PX), or clears the selection. */
  #click(e: L.LeafletMouseEvent): void {
    const map = this._map as L.Map | undefined;
    if (map === undefined) return;
    let best: { mmsi: number; d: number } | undefined;
    for (const v of this.#data.vessels) {
      const p = map.latLngToContainerPoint([v.lat, v.lon]);
      const d = p.distanceTo(e.containerPoint);
      if (d <= HIT_PX && (best === undefined || d < best.d)) best = { mmsi: v.mmsi, d };
    }
    this.#onSelect(best?.mmsi);
  }
}
