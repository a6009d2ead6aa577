/**
 * The spectrogram drawing worker: owns the panel's OffscreenCanvas and all per-pixel work.
 *
 * The main thread only forwards decoded column batches and tiles, the view (size, range,
 * colours, frequency axis) and the cursor; this worker keeps the column ring and the tile
 * cache, colours what changed and redraws at most once per animation frame.
 */
import { colormapLut } from '../lib/colormaps.ts';
import { createColumnRing, fitsRing, ringCapacity, writeColumns, type ColumnRing } from './column-ring.ts';
import { colouringFor, createStrip, drawScene, syncStrip, type Strip } from './spectrogram-painter.ts';
import { LIVE_RING_MAX_MS, type FromSpectrogramWorker, type SnapshotSize, type SpectrogramView, type ToSpectrogramWorker } from './spectrogram-protocol.ts';
import { TileCache } from './spectrogram-tile-cache.ts';

interface State {
  canvas: OffscreenCanvas;
  ctx: OffscreenCanvasRenderingContext2D;
  view: SpectrogramView;
  lut: Uint32Array;
  ring: ColumnRing | undefined;
  strip: Strip | undefined;
  tiles: TileCache;
  hover: { x: number; y: number } | undefined;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
let state: State | undefined;
let frameRequested = false;
/** Frames drawn, the time spent drawing them and tile batches received (answered to `stats`, for the benchmarks). */
const stats = { frames: 0, drawMs: 0, tileBatches: 0 };

const nextFrame = (cb: () => void): void => {
  if (typeof scope.requestAnimationFrame === 'function') scope.requestAnimationFrame(() => cb());
  else setTimeout(cb, 16);
};

/** Brings the ring's strip up to date with new columns and the current colouring. */
function syncRing(s: State): void {
  if (s.ring && s.strip && s.view.endTime === undefined) syncStrip(s.ring, s.strip, colouringFor(s.view, s.ring.geometry, s.lut));
}

function render(s: State, hover: State['hover']): void {
  const t0 = performance.now();
  syncRing(s);
  drawScene(s.ctx, { ...s, hover });
  stats.frames++;
  stats.drawMs += performance.now() - t0;
}

function requestDraw(): void {
  if (frameRequested) return;
  frameRequested = true;
  nextFrame(() => {
    frameRequested = false;
    if (state) render(state, state.hover);
  });
}

function applyView(s: State, view: Partial<SpectrogramView>): void {
  const next = { ...s.view, ...view };
  if (next.colormap !== s.view.colormap) s.lut = colormapLut(next.colormap);
  // Assigning a canvas size clears and reallocates it even when unchanged: only on a real resize.
  const width = Math.max(1, Math.round(next.width * next.dpr));
  const height = Math.max(1, Math.round(next.height * next.dpr));
  if (s.canvas.width !== width || s.canvas.height !== height) {
    s.canvas.width = width;
    s.canvas.height = height;
  }
  s.ctx.setTransform(next.dpr, 0, 0, next.dpr, 0, 0);
  s.view = next;
}

function addBatches(s: State, batches: Extract<ToSpectrogramWorker, { type: 'columns' }>['batches']): void {
  for (const batch of batches) {
    if (batch.columns <= 0) continue;
    if (!s.ring || !fitsRing(s.ring, batch)) {
      s.ring = createColumnRing(batch, ringCapacity(batch.columnMs, LIVE_RING_MAX_MS));
      s.strip = createStrip(s.ring);
    }
    writeColumns(s.ring, batch);
  }
}

function init(canvas: OffscreenCanvas, view: SpectrogramView): State {
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('2D context unavailable on OffscreenCanvas');
  const s: State = { canvas, ctx, view, lut: colormapLut(view.colormap), ring: undefined, strip: undefined, tiles: new TileCache(), hover: undefined };
  applyView(s, view);
  return s;
}

/**
 * Renders the current frame now (without the hover readout) and replies with it as PNG; at `size`
 * (an export at a chosen size and scale) the canvas is resized for the snapshot and restored after.
 */
async function snapshot(s: State, requestId: number, size?: SnapshotSize): Promise<void> {
  const shown = { width: s.view.width, height: s.view.height, dpr: s.view.dpr };
  if (size) applyView(s, size);
  render(s, undefined);
  const png = await s.canvas.convertToBlob({ type: 'image/png' });
  if (size) {
    applyView(s, shown);
    requestDraw();
  }
  const reply: FromSpectrogramWorker = { type: 'snapshot', requestId, png };
  scope.postMessage(reply);
}

function handle(msg: ToSpectrogramWorker): void {
  if (msg.type === 'init') {
    state = init(msg.canvas, msg.view);
  } else if (!state) {
    return;
  } else if (msg.type === 'view') {
    applyView(state, msg.view);
  } else if (msg.type === 'columns') {
    addBatches(state, msg.batches);
  } else if (msg.type === 'tiles') {
    state.tiles.add(msg.batch);
    stats.tileBatches++;
  } else if (msg.type === 'hover') {
    state.hover = { x: msg.x, y: msg.y };
  } else if (msg.type === 'hover-end') {
    state.hover = undefined;
  } else if (msg.type === 'snapshot') {
    void snapshot(state, msg.requestId, msg.size).catch(reportError);
    return;
  } else if (msg.type === 'stats') {
    const reply: FromSpectrogramWorker = { type: 'stats', ...stats };
    scope.postMessage(reply);
    return;
  } else {
    state.ring = undefined;
    state.strip = undefined;
    state.tiles.clear();
  }
  requestDraw();
}

function reportError(err: unknown): void {
  const reply: FromSpectrogramWorker = { type: 'error', message: err instanceof Error ? err.message : String(err) };
  scope.postMessage(reply);
}

scope.onmessage = (ev: MessageEvent<ToSpectrogramWorker>) => {
  try {
    handle(ev.data);
  } catch (err) {
    reportError(err);
  }
};
