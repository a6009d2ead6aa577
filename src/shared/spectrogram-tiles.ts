/**
 * `spectrogram:tiles`: the display spectrogram of a station over any time range, from its tile
 * pyramid (src/main/tiles). The answer is at the coarsest level that still gives one column per
 * pixel; each tile is TILE_COLUMNS columns × `bins` bytes (column-major, lowest frequency first,
 * byte b = dbFloor + b/255·(dbCeil − dbFloor)) plus a validity bitmap (bit c of byte c>>3 set =
 * column c holds audio; clear = a gap).
 */
import { z } from 'zod';

const knownTilesSchema = z
  .object({ level: z.number().int().min(0).max(16), indices: z.array(z.number().int()).max(1024), pyramidId: z.number().int().optional() })
  .strict();

/** At most this many older pyramids (other FFT sizes) fill a range the answered one has no audio for. */
export const MAX_OTHER_PYRAMIDS = 3;

export const spectrogramTilesRequestSchema = z
  .object({
    stationId: z.string(),
    from: z.number(),
    to: z.number(),
    /** Columns wanted across [from, to): the plot width in device pixels. */
    pixels: z.number().int().min(1).max(16_384),
    /** Answer at this level instead of the one `pixels` implies. */
    level: z.number().int().min(0).max(16).optional(),
    /**
     * Complete tiles the client already holds at one level (of pyramid `pyramidId`, when given): not
     * sent again when that level of that pyramid is answered.
     */
    known: knownTilesSchema.optional(),
    /** The same for the older pyramids of `others` (matched by `pyramidId`). */
    knownOthers: z.array(knownTilesSchema).max(MAX_OTHER_PYRAMIDS).optional(),
  })
  .strict()
  .refine((r) => r.to > r.from, { message: 'to must be after from', path: ['to'] });

export const spectrogramTileSchema = z.object({
  index: z.number().int(),
  startTime: z.number(),
  /** False for the tile still being written (the newest): ask again later. */
  complete: z.boolean(),
  /** Columns holding audio. */
  columns: z.number().int(),
  valid: z.string(),
  data: z.string(),
});

/** The tiles of one pyramid (one display geometry: FFT size, hop, rate, dB range) over the range. */
export const pyramidTilesSchema = z.object({
  stationId: z.string(),
  pyramidId: z.number().int(),
  level: z.number().int(),
  /** Duration of one column at this level, ms; tile i starts at i · tileColumns · columnMs. */
  columnMs: z.number().positive(),
  tileColumns: z.number().int().positive(),
  bins: z.number().int().positive(),
  fMaxHz: z.number().positive(),
  nFft: z.number().int().positive(),
  dbFloor: z.number(),
  dbCeil: z.number(),
  /** Time covered by the pyramid's finest level (null while nothing is saved). */
  extent: z.object({ start: z.number(), end: z.number() }).nullable(),
  tiles: z.array(spectrogramTileSchema),
});

export const spectrogramTilesSchema = pyramidTilesSchema.extend({
  /**
   * Older pyramids of the station with audio in the range (the FFT size was switched): the time the
   * answered pyramid has no audio for is drawn from them (gaps in its tiles are transparent).
   */
  others: z.array(pyramidTilesSchema).max(MAX_OTHER_PYRAMIDS).optional(),
});

export type SpectrogramTilesRequest = z.input<typeof spectrogramTilesRequestSchema>;
export type SpectrogramTile = z.infer<typeof spectrogramTileSchema>;
export type SpectrogramTiles = z.infer<typeof spectrogramTilesSchema>;
export type PyramidTiles = z.infer<typeof pyramidTilesSchema>;
