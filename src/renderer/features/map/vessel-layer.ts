/**
 * A Leaflet layer that draws every vessel (rotated triangles in class colours) and its track on two
 * stacked canvases (tracks below, vessels above). Panning moves them with the map pane (no redraw);
 * they are redrawn once per move/zoom end, with half a view of margin on each side so a pan does not
 * reveal blank edges. The per-second vessel updates redraw only the vessel canvas; the tracks canvas
 * is redrawn when the tracks change. Day-long tracks stay cheap: points closer than 2 px are skipped.
 */
import L from 'leaflet';
import type { VesselAt, VesselTrack } from '../../../shared/ais.ts';
import { decimateScreen, symbolHeading, trianglePoints, vesselColor } from './vessel-style.ts';

/** What the layer draws. */
export interface VesselLayerData {
  vessels: readonly VesselAt[];
  tracks: readonly VesselTrack[];
  selected: number | undefined;
}

const PADDING = 0.5;
const HIT_PX = 12;

/** Sizes and places a canvas over the padded view; returns its context and the layer point of its corner. */
function fitCanvas(canvas: HTMLCanvasElement, map: L.Map): { ctx: CanvasRenderingContext2D | null; topLeft: L.Point; size: L.Point } {
  const view = map.getSize();
  const pad = view.multiplyBy(PADDING).round();
  const topLeft = map.containerPointToLayerPoint(pad.multiplyBy(-1));
  const size = view.add(pad.multiplyBy(2));
  const ratio = window.devicePixelRatio || 1;
  canvas.width = size.x * ratio;
  canvas.height = size.y * ratio;
  canvas.style.width = `${size.x}px`;
  canvas.style.height = `${size.y}px`;
  L.DomUtil.setPosition(canvas, topLeft);
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { ctx, topLeft, size };
}

export class VesselCanvasLayer extends L.Layer {
  #canvas: HTMLCanvasElement | undefined;
  #trackCanvas: HTMLCanvasElement | undefined;
  #tracksStale = true;
  #data: VesselLayerData = { vessels: [], tracks: [], selected: undefined };
  #onSelect: (mmsi: number | undefined) => void;
  #frame = 0;

  constructor(onSelect: (mmsi: number | undefined) => void) {
    super();
    this.#onSelect = onSelect;
  }

  /** Replaces what is drawn (redrawn on the next animation frame). */
  setData(data: VesselLayerData): void {
    if (data.tracks !== this.#data.tracks || data.selected !== this.#data.selected) this.#tracksStale = true;
    this.#data = data;
    this.#frame ||= requestAnimationFrame(() => this.#draw());
  }

  override onAdd(map: L.Map): this {
    this.#trackCanvas = L.DomUtil.create('canvas', 'vessel-canvas leaflet-zoom-hide', map.getPanes().markerPane);
    const canvas = L.DomUtil.create('canvas', 'vessel-canvas leaflet-zoom-hide', map.getPanes().markerPane);
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
    this.#trackCanvas?.remove();
    this.#canvas = undefined;
    this.#trackCanvas = undefined;
    return this;
  }

  /** A view change: both canvases must be redrawn. */
  #schedule(): void {
    this.#tracksStale = true;
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#draw());
  }

  #draw(): void {
    this.#frame = 0;
    const map = this._map as L.Map | undefined;
    if (this.#canvas === undefined || this.#trackCanvas === undefined || map === undefined) return;
    if (this.#tracksStale) {
      this.#tracksStale = false;
      const t = fitCanvas(this.#trackCanvas, map);
      t.ctx?.clearRect(0, 0, t.size.x, t.size.y);
      if (t.ctx) this.#drawTracks(t.ctx, (lat, lon) => map.latLngToLayerPoint([lat, lon]).subtract(t.topLeft));
    }
    const v = fitCanvas(this.#canvas, map);
    if (v.ctx === null) return;
    v.ctx.clearRect(0, 0, v.size.x, v.size.y);
    this.#drawVessels(v.ctx, (lat, lon) => map.latLngToLayerPoint([lat, lon]).subtract(v.topLeft));
    this.#canvas.dataset.vessels = String(this.#data.vessels.length);
  }

  #drawTracks(ctx: CanvasRenderingContext2D, toCanvas: (lat: number, lon: number) => L.Point): void {
    ctx.lineWidth = 1.5;
    for (const track of this.#data.tracks) {
      const xs = new Float64Array(track.t.length);
      const ys = new Float64Array(track.t.length);
      for (let i = 0; i < track.t.length; i++) {
        const p = toCanvas(track.lat[i], track.lon[i]);
        xs[i] = p.x;
        ys[i] = p.y;
      }
      const kept = decimateScreen(xs, ys, 2);
      if (kept.length < 2) continue;
      ctx.strokeStyle = vesselColor(track.vesselClass);
      ctx.globalAlpha = track.mmsi === this.#data.selected ? 0.95 : 0.45;
      ctx.beginPath();
      ctx.moveTo(xs[kept[0]], ys[kept[0]]);
      for (let k = 1; k < kept.length; k++) ctx.lineTo(xs[kept[k]], ys[kept[k]]);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  #drawVessels(ctx: CanvasRenderingContext2D, toCanvas: (lat: number, lon: number) => L.Point): void {
    for (const v of this.#data.vessels) {
      const p = toCanvas(v.lat, v.lon);
      const selected = v.mmsi === this.#data.selected;
      const size = selected ? 13 : 10;
      ctx.globalAlpha = v.quality === 'stale' ? 0.45 : 1;
      ctx.fillStyle = vesselColor(v.vesselClass);
      ctx.strokeStyle = selected ? '#ffffff' : '#0a0d12';
      ctx.lineWidth = selected ? 2 : 1;
      ctx.beginPath();
      const heading = symbolHeading(v);
      if (heading === null) ctx.arc(p.x, p.y, size * 0.5, 0, 2 * Math.PI);
      else {
        const [a, b, c] = trianglePoints(p.x, p.y, heading, size);
        ctx.moveTo(a[0], a[1]);
        ctx.lineTo(b[0], b[1]);
        ctx.lineTo(c[0], c[1]);
        ctx.closePath();
      }
      ctx.fill();
      ctx.stroke();
    }
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
