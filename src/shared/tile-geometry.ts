/**
 * Tile pyramid geometry. Base (level 0) columns are the live display columns, addressed by their
 * absolute index a = round(time / columnMs), so every stream of a station shares one grid. A level-L
 * column covers 2^L base columns (index ⌊a / 2^L⌋) and holds their mean in dB (see
 * src/main/tiles/tile-pyramid.ts). A tile holds TILE_COLUMNS consecutive columns of one level:
 * tile i of level L covers level-L columns [i·TILE_COLUMNS, (i+1)·TILE_COLUMNS).
 *
 * Pure arithmetic, shared by main (the pyramid) and the renderer (the mock transport's tiles).
 */

/** Columns per tile, at every level. */
export const TILE_COLUMNS = 256;
/** Coarsest level: at 64 ms base columns a level-16 column is 70 min, a tile 12 days. */
export const MAX_LEVEL = 16;
/** Bytes of a tile's column-validity bitmap (bit c set = column c holds data). */
export const VALID_BYTES = TILE_COLUMNS / 8;
/** At most this many tiles answer one query (the level is raised until they fit). */
export const MAX_TILES_PER_QUERY = 48;

/** Duration of one column at `level`, ms. */
export function levelColumnMs(columnMs: number, level: number): number {
  return columnMs * 2 ** level;
}

/** Duration covered by one tile at `level`, ms. */
export function tileSpanMs(columnMs: number, level: number): number {
  return TILE_COLUMNS * levelColumnMs(columnMs, level);
}

/** Absolute base column index of a column starting at `time`. */
export function baseColumnIndex(time: number, columnMs: number): number {
  return Math.round(time / columnMs);
}

/** Start time of tile `index` at `level`. */
export function tileStartTime(index: number, columnMs: number, level: number): number {
  return index * tileSpanMs(columnMs, level);
}

/**
 * The coarsest level that still gives at least `pixels` columns over [from, to): zooming out
 * never draws more columns than pixels, zooming in never fewer (down to level 0).
 */
export function chooseLevel(from: number, to: number, pixels: number, columnMs: number): number {
  const perPixel = (to - from) / Math.max(1, pixels) / columnMs;
  const level = perPixel >= 1 ? Math.floor(Math.log2(perPixel)) : 0;
  return Math.max(0, Math.min(MAX_LEVEL, level));
}

/** Tile indices at `level` that overlap [from, to). */
export function tilesCovering(from: number, to: number, columnMs: number, level: number): { first: number; last: number } {
  const span = tileSpanMs(columnMs, level);
  // Column c of a tile starts at its own time; tiles are addressed by column start times.
  return { first: Math.floor(from / span), last: Math.floor((Math.max(from, to) - 1e-9) / span) };
}

/** The level and tile range for a query, raising the level until at most MAX_TILES_PER_QUERY tiles are needed. */
export function planQuery(from: number, to: number, pixels: number, columnMs: number): { level: number; first: number; last: number } {
  let level = chooseLevel(from, to, pixels, columnMs);
  let range = tilesCovering(from, to, columnMs, level);
  while (range.last - range.first + 1 > MAX_TILES_PER_QUERY && level < MAX_LEVEL) {
    level++;
    range = tilesCovering(from, to, columnMs, level);
  }
  return { level, ...range };
}
