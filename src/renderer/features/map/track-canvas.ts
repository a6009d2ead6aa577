/**
 * The track canvas of the map's vessel layer. The tracks are drawn by a worker (tracks.worker.ts) that
 * holds them; this side posts only what changed (track-diff.ts) and the view to draw, and shows each
 * returned bitmap at the layer position it was drawn for. One draw is in flight at a time; requests
 * made meanwhile collapse into one. A frame drawn for another zoom is dropped (a newer one follows).
 */
import L from 'leaflet';
import type { VesselTrack } from '../../../shared/ais.ts';
import { diffTracks } from './track-diff.ts';
import type { TracksFrame, TracksRequest, TrackView } from './tracks-protocol.ts';

/** A view in the layer's terms: the padded canvas's top-left layer point and CSS size at a zoom. */
export interface LayerView {
  zoom: number;
  pixelOrigin: L.Point;
  topLeft: L.Point;
  size: L.Point;
}

const sameFrame = (a: LayerView, b: LayerView) => a.zoom === b.zoom && a.pixelOrigin.equals(b.pixelOrigin);

export class TrackCanvas {
  readonly canvas: HTMLCanvasElement;
  readonly #ctx: ImageBitmapRenderingContext | null;
  readonly #worker: Worker;
  readonly #onFrame: (points: number) => void;
  #sent = new Map<number, VesselTrack>();
  #selected: number | undefined;
  #view: LayerView | undefined;
  /** The view of the bitmap on screen. */
  #shown: LayerView | undefined;
  #inFlight: { seq: number; view: LayerView } | undefined;
  #dirty = false;
  #seq = 0;

  constructor(pane: HTMLElement, onFrame: (points: number) => void) {
    this.canvas = L.DomUtil.create('canvas', 'vessel-canvas leaflet-zoom-hide', pane);
    this.#ctx = this.canvas.getContext('bitmaprenderer');
    this.#onFrame = onFrame;
    this.#worker = new Worker(new URL('./tracks.worker.ts', import.meta.url), { type: 'module' });
    this.#worker.onmessage = (e: MessageEvent<TracksFrame>) => this.#show(e.data);
  }

  /** New tracks: posts the changes, then redraws. */
  setTracks(tracks: readonly VesselTrack[]): void {
    const { deltas, removed } = diffTracks(this.#sent, tracks);
    this.#sent = new Map(tracks.map((t) => [t.mmsi, t]));
    if (deltas.length === 0 && removed.length === 0) return;
    const transfer = deltas.flatMap((d) => [d.t.buffer, d.lat.buffer, d.lon.buffer]);
    this.#post({ type: 'tracks', deltas, removed }, transfer);
    this.#requestDraw();
  }

  setSelected(mmsi: number | undefined): void {
    if (mmsi === this.#selected) return;
    this.#selected = mmsi;
    this.#requestDraw();
  }

  /** The map moved or zoomed: draw for the new padded view. */
  setView(view: LayerView): void {
    this.#view = view;
    // After a zoom the old picture would show at the wrong scale until the new one arrives.
    if (this.#shown !== undefined && !sameFrame(this.#shown, view)) this.canvas.style.visibility = 'hidden';
    this.#requestDraw();
  }

  dispose(): void {
    this.#worker.terminate();
    this.canvas.remove();
  }

  #post(msg: TracksRequest, transfer: Transferable[] = []): void {
    this.#worker.postMessage(msg, transfer);
  }

  #requestDraw(): void {
    const view = this.#view;
    if (view === undefined) return;
    if (this.#inFlight !== undefined) {
      this.#dirty = true;
      return;
    }
    const seq = ++this.#seq;
    this.#inFlight = { seq, view };
    const trackView: TrackView = {
      scale: 256 * 2 ** view.zoom, originX: view.pixelOrigin.x + view.topLeft.x, originY: view.pixelOrigin.y + view.topLeft.y,
      width: view.size.x, height: view.size.y, ratio: window.devicePixelRatio || 1,
    };
    this.#post({ type: 'draw', seq, view: trackView, selected: this.#selected });
  }

  #show(frame: TracksFrame): void {
    const drawn = this.#inFlight;
    this.#inFlight = undefined;
    if (drawn !== undefined && drawn.seq === frame.seq && this.#view !== undefined && sameFrame(drawn.view, this.#view)) {
      const { canvas } = this;
      if (canvas.width !== frame.bitmap.width || canvas.height !== frame.bitmap.height) {
        canvas.width = frame.bitmap.width;
        canvas.height = frame.bitmap.height;
      }
      canvas.style.width = `${drawn.view.size.x}px`;
      canvas.style.height = `${drawn.view.size.y}px`;
      L.DomUtil.setPosition(canvas, drawn.view.topLeft);
      this.#ctx?.transferFromImageBitmap(frame.bitmap);
      canvas.style.visibility = '';
      this.#shown = drawn.view;
      this.#onFrame(frame.points);
    } else frame.bitmap.close();
    if (this.#dirty) {
      this.#dirty = false;
      this.#requestDraw();
    }
  }
}
