/**
 * Draws the spectrogram. Two sources, one look:
 *  - following live over a short window: a colour-mapped strip mirrored from the column ring
 *    (one pixel per column, one row per display row), updated only where columns changed;
 *  - history, or long windows: tiles of the station's pyramid (spectrogram-tile-cache.ts), each
 *    drawn with one `drawImage`, coarse levels under fine ones, so panning and zooming is only
 *    image blits (50+ fps).
 * Both use the same colouring: the view's dB range over the colour map, and the view's frequency
 * range and scale mapped to display rows. Runs in the worker.
 */
import { levelAt, slotRuns, type ColumnGeometry, type ColumnRing } from './column-ring.ts';
import { COLORS, FONT, drawColourBar, drawFrequencyAxis, drawReadout, drawTimeAxis, hzAtY, readoutLines, type Ctx2D } from './spectrogram-chrome.ts';
import { levelToDb, plotRect, type Rect } from './spectrogram-layout.ts';
import { usesTiles, type SpectrogramView } from './spectrogram-protocol.ts';
import { frequencyAxis, rangeLut, rowBins, type FrequencyAxis } from './spectrogram-scale.ts';
import type { Colouring, TileCache } from './spectrogram-tile-cache.ts';

/** Display rows of the strip and tile images (drawImage scales them to the plot). */
export const DISPLAY_ROWS = 512;

export interface Strip {
  readonly canvas: OffscreenCanvas;
  readonly ctx: Ctx2D;
  readonly image: ImageData;
  readonly pixels: Uint32Array;
  /** The colouring the strip was last painted with. */
  colouring: string;
}

type LevelGeometry = Pick<ColumnGeometry, 'bins' | 'fMaxHz' | 'dbFloor' | 'dbCeil'>;

/** The frequency axis of a view over data that reaches `dataFMaxHz`. */
export function viewAxis(view: SpectrogramView, dataFMaxHz: number): FrequencyAxis {
  return frequencyAxis(view.fMin, Math.min(view.fMax ?? dataFMaxHz, dataFMaxHz), view.scale);
}

/** The view's dB range (the data's own when the view does not set one). */
export function viewDbRange(view: SpectrogramView, g: LevelGeometry): [number, number] {
  const floor = view.dbFloor ?? g.dbFloor;
  const ceil = view.dbCeil ?? g.dbCeil;
  return ceil > floor ? [floor, ceil] : [g.dbFloor, g.dbCeil];
}

const colourings = new Map<string, Colouring>();

/** The colouring of data with geometry `g` in `view` (cached: recomputed only when something changes). */
export function colouringFor(view: SpectrogramView, g: LevelGeometry, baseLut: Uint32Array, axisFMaxHz = g.fMaxHz): Colouring {
  const [floor, ceil] = viewDbRange(view, g);
  const axis = viewAxis(view, axisFMaxHz);
  const key = [view.colormap, g.bins, g.fMaxHz, g.dbFloor, g.dbCeil, floor, ceil, axis.fMin, axis.fMax, axis.scale].join('/');
  let c = colourings.get(key);
  if (!c) {
    if (colourings.size > 16) colourings.clear();
    c = { key, lut: rangeLut(baseLut, g.dbFloor, g.dbCeil, floor, ceil), rowBins: rowBins(DISPLAY_ROWS, g.bins, g.fMaxHz, axis) };
    colourings.set(key, c);
  }
  return c;
}

/** A strip canvas matching the ring (width = capacity, height = display rows). */
export function createStrip(ring: ColumnRing): Strip {
  const canvas = new OffscreenCanvas(ring.capacity, DISPLAY_ROWS);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D context unavailable on OffscreenCanvas');
  const image = ctx.createImageData(ring.capacity, DISPLAY_ROWS);
  return { canvas, ctx, image, pixels: new Uint32Array(image.data.buffer), colouring: '' };
}

/** Contiguous runs [start, length] of a set of slot numbers. */
export function runsOf(slots: Iterable<number>): Array<[number, number]> {
  const sorted = [...slots].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const s of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === s) last[1]++;
    else runs.push([s, 1]);
  }
  return runs;
}

/** Pushes changed slots (all of them after a colouring change) into the strip canvas. */
export function syncStrip(ring: ColumnRing, strip: Strip, colouring: Colouring): void {
  const all = strip.colouring !== colouring.key;
  strip.colouring = colouring.key;
  const slots = all ? Array.from({ length: ring.capacity }, (_, i) => i) : [...ring.dirty];
  ring.dirty.clear();
  if (slots.length === 0) return;
  const { bins } = ring.geometry;
  const cap = ring.capacity;
  const { lut, rowBins: rows } = colouring;
  for (const slot of slots) {
    const blank = Number.isNaN(ring.held[slot]);
    const base = slot * bins;
    for (let r = 0; r < DISPLAY_ROWS; r++) {
      const bin = rows[r]!;
      strip.pixels[r * cap + slot] = blank || bin < 0 ? 0 : lut[ring.levels[base + bin]!]!;
    }
  }
  for (const [start, len] of runsOf(slots)) strip.ctx.putImageData(strip.image, 0, 0, start, 0, len, DISPLAY_ROWS);
}

export interface Scene {
  readonly view: SpectrogramView;
  readonly ring: ColumnRing | undefined;
  readonly strip: Strip | undefined;
  readonly tiles: TileCache;
  /** The colour map's table (before the dB range is applied). */
  readonly lut: Uint32Array;
  readonly hover: { x: number; y: number } | undefined;
}

/** The time range [from, to) the view shows, or undefined before any data arrived. */
export function viewRange(scene: Pick<Scene, 'view' | 'ring' | 'tiles'>): { from: number; to: number } | undefined {
  const { view, ring, tiles } = scene;
  let to = view.endTime;
  if (to === undefined && ring && Number.isFinite(ring.head)) to = (ring.head + 1) * ring.geometry.columnMs;
  if (to === undefined && tiles.latest) {
    const newest = tiles.visible(-Infinity, Infinity, Infinity).reduce((m, t) => Math.max(m, t.endTime), -Infinity);
    if (Number.isFinite(newest)) to = newest;
  }
  return to === undefined ? undefined : { from: to - view.windowMs, to };
}

/** Draws the ring's columns that fall in [range.from, range.to) at their times. */
function drawRing(ctx: Ctx2D, ring: ColumnRing, strip: Strip, plot: Rect, range: { from: number; to: number }): void {
  const { columnMs } = ring.geometry;
  const first = Math.max(ring.head - ring.capacity + 1, Math.ceil(range.from / columnMs));
  const count = ring.head - first + 1;
  if (count <= 0) return;
  const xOf = (abs: number) => plot.x + ((abs * columnMs - range.from) / (range.to - range.from)) * plot.w;
  let abs = first;
  ctx.imageSmoothingEnabled = true;
  for (const [slot, n] of slotRuns(ring, first, count)) {
    ctx.drawImage(strip.canvas, slot, 0, n, DISPLAY_ROWS, xOf(abs), plot.y, xOf(abs + n) - xOf(abs), plot.h);
    abs += n;
  }
}

function drawTiles(ctx: Ctx2D, scene: Scene, plot: Rect, range: { from: number; to: number }): void {
  const meta = scene.tiles.latest;
  if (!meta) return;
  const span = range.to - range.from;
  ctx.imageSmoothingEnabled = true;
  // Tiles finer than the answered level by more than 2 would be many tiny blits: skip them.
  for (const tile of scene.tiles.visible(range.from, range.to, 2)) {
    const x0 = plot.x + ((tile.startTime - range.from) / span) * plot.w;
    const x1 = plot.x + ((tile.endTime - range.from) / span) * plot.w;
    // Tiles of an older pyramid (another FFT size) have their own bins, on the answer's frequency axis.
    const colouring = colouringFor(scene.view, scene.tiles.meta(tile.pyramidId) ?? meta, scene.lut, meta.fMaxHz);
    const image = scene.tiles.image(tile, colouring);
    // Clip to the plot in source columns, so nothing is drawn over the axes.
    const left = Math.max(x0, plot.x);
    const right = Math.min(x1, plot.x + plot.w);
    if (right <= left) continue;
    const sx = ((left - x0) / (x1 - x0)) * tile.tileColumns;
    const sw = ((right - left) / (x1 - x0)) * tile.tileColumns;
    ctx.drawImage(image, sx, 0, sw, DISPLAY_ROWS, left, plot.y, right - left, plot.h);
  }
}

/** The level under the cursor and the readout lines for it. */
function hoverLines(scene: Scene, plot: Rect, range: { from: number; to: number }, g: LevelGeometry, at: { x: number; y: number }): string[] | undefined {
  if (at.x < plot.x || at.x >= plot.x + plot.w || at.y < plot.y || at.y >= plot.y + plot.h) return undefined;
  const time = range.from + ((at.x - plot.x) / plot.w) * (range.to - range.from);
  const hz = hzAtY(plot, viewAxis(scene.view, g.fMaxHz), at.y);
  const bin = Math.round((hz / g.fMaxHz) * (g.bins - 1));
  const { ring } = scene;
  const fromRing = ring && ring.geometry.bins === g.bins ? levelAt(ring, Math.floor(time / ring.geometry.columnMs), bin) : undefined;
  const level = fromRing ?? scene.tiles.levelAt(time, hz / g.fMaxHz);
  return readoutLines(time, hz, level === undefined ? undefined : levelToDb(level, g.dbFloor, g.dbCeil));
}

function waiting(ctx: Ctx2D, plot: Rect, text: string): void {
  ctx.fillStyle = COLORS.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, plot.x + plot.w / 2, plot.y + plot.h / 2);
}

/** Draws one frame onto `ctx` (already scaled to CSS pixels). */
export function drawScene(ctx: Ctx2D, scene: Scene): void {
  const { view, ring, strip } = scene;
  const plot = plotRect(view.width, view.height);
  ctx.font = FONT;
  ctx.fillStyle = COLORS.bg;
  ctx.fillRect(0, 0, view.width, view.height);
  ctx.fillStyle = COLORS.plotBg;
  ctx.fillRect(plot.x, plot.y, plot.w, plot.h);
  const tileMode = usesTiles(view);
  const g: LevelGeometry | undefined = tileMode ? scene.tiles.latest : ring?.geometry;
  const range = viewRange(scene);
  if (!g || !range || (!tileMode && (!ring || !strip))) {
    waiting(ctx, plot, tileMode ? 'Loading spectrogram history…' : 'Waiting for spectrogram data…');
  } else {
    if (tileMode) drawTiles(ctx, scene, plot, range);
    // Following live, the ring holds the newest seconds the last tiles do not have yet.
    if (ring && strip && view.endTime === undefined) drawRing(ctx, ring, strip, plot, range);
    const [floor, ceil] = viewDbRange(view, g);
    drawFrequencyAxis(ctx, plot, viewAxis(view, g.fMaxHz));
    drawTimeAxis(ctx, plot, range.from, range.to);
    drawColourBar(ctx, plot, scene.lut, floor, ceil);
    const lines = scene.hover && hoverLines(scene, plot, range, g, scene.hover);
    if (lines) drawReadout(ctx, plot, scene.hover!, lines);
  }
  ctx.strokeStyle = COLORS.frame;
  ctx.strokeRect(plot.x - 0.5, plot.y - 0.5, plot.w + 1, plot.h + 1);
}
