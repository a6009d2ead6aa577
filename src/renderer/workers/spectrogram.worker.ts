/**
 * The spectrogram drawing worker: owns the panel's OffscreenCanvas and all per-pixel work.
 *
 * The main thread only forwards decoded column batches, size changes and the cursor; this
 * worker keeps the column ring, colours new columns through the LUT and redraws at most once
 * per animation frame.
 */
import { colormapLut } from '../lib/colormaps.ts';
import { createColumnRing, fitsRing, ringCapacity, writeColumns, type ColumnRing } from './column-ring.ts';
import { createStrip, drawScene, syncStrip, type Strip } from './spectrogram-painter.ts';
import type { FromSpectrogramWorker, SpectrogramView, ToSpectrogramWorker } from './spectrogram-protocol.ts';

/** Longest window the panel offers; the ring is sized for it. */
const MAX_WINDOW_MS = 300_000;

interface State {
  canvas: OffscreenCanvas;
  ctx: OffscreenCanvasRenderingContext2D;
  view: SpectrogramView;
  lut: Uint32Array;
  ring: ColumnRing | undefined;
  strip: Strip | undefined;
  hover: { x: number; y: number } | undefined;
  recolour: boolean;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
let state: State | undefined;
let frameRequested = false;

const nextFrame = (cb: () => void): void => {
  if (typeof scope.requestAnimationFrame === 'function') scope.requestAnimationFrame(() => cb());
  else setTimeout(cb, 16);
};

function requestDraw(): void {
  if (frameRequested) return;
  frameRequested = true;
  nextFrame(() => {
    frameRequested = false;
    if (!state) return;
    if (state.ring && state.strip) syncStrip(state.ring, state.strip, state.lut, state.recolour);
    state.recolour = false;
    drawScene(state.ctx, state);
  });
}

function applyView(s: State, view: Partial<SpectrogramView>): void {
  const next = { ...s.view, ...view };
  if (next.colormap !== s.view.colormap) {
    s.lut = colormapLut(next.colormap);
    s.recolour = true;
  }
  s.canvas.width = Math.max(1, Math.round(next.width * next.dpr));
  s.canvas.height = Math.max(1, Math.round(next.height * next.dpr));
  s.ctx.setTransform(next.dpr, 0, 0, next.dpr, 0, 0);
  s.view = next;
}

function addBatches(s: State, batches: Extract<ToSpectrogramWorker, { type: 'columns' }>['batches']): void {
  for (const batch of batches) {
    if (batch.columns <= 0) continue;
    if (!s.ring || !fitsRing(s.ring, batch)) {
      s.ring = createColumnRing(batch, ringCapacity(batch.columnMs, MAX_WINDOW_MS));
      s.strip = createStrip(s.ring);
    }
    writeColumns(s.ring, batch);
  }
}

function init(canvas: OffscreenCanvas, view: SpectrogramView): State {
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('2D context unavailable on OffscreenCanvas');
  const s: State = { canvas, ctx, view, lut: colormapLut(view.colormap), ring: undefined, strip: undefined, hover: undefined, recolour: false };
  applyView(s, view);
  return s;
}

/** Renders the current frame now (without the hover readout) and replies with it as PNG. */
async function snapshot(s: State, requestId: number): Promise<void> {
  if (s.ring && s.strip) syncStrip(s.ring, s.strip, s.lut, s.recolour);
  s.recolour = false;
  drawScene(s.ctx, { ...s, hover: undefined });
  const png = await s.canvas.convertToBlob({ type: 'image/png' });
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
  } else if (msg.type === 'hover') {
    state.hover = { x: msg.x, y: msg.y };
  } else if (msg.type === 'hover-end') {
    state.hover = undefined;
  } else if (msg.type === 'snapshot') {
    void snapshot(state, msg.requestId).catch(reportError);
    return;
  } else {
    state.ring = undefined;
    state.strip = undefined;
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
