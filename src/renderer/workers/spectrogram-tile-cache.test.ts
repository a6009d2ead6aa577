import { describe, expect, it } from 'vitest';
import { TileCache, type DecodedTiles } from './spectrogram-tile-cache.ts';

const COLUMNS = 8;

/** A pyramid's answer of one tile at `index`: columns [from, to) valid, byte = 10·bin + pyramid. */
function answer(pyramidId: number, bins: number, columnMs: number, index: number, from: number, to: number): DecodedTiles {
  const valid = new Uint8Array(1);
  for (let c = from; c < to; c++) valid[0]! |= 1 << c;
  const data = new Uint8Array(COLUMNS * bins);
  for (let c = 0; c < COLUMNS; c++) for (let b = 0; b < bins; b++) data[c * bins + b] = 10 * b + pyramidId;
  return {
    pyramidId, level: 0, columnMs, tileColumns: COLUMNS, bins, fMaxHz: 4000, dbFloor: -110, dbCeil: -35,
    tiles: [{ index, startTime: index * COLUMNS * columnMs, complete: true, valid, data }],
  };
}

describe('TileCache across a display FFT size switch', () => {
  // Pyramid 1 (5 bins, 100 ms columns) holds 0 … 500 ms; pyramid 2 (3 bins, 50 ms columns) from 500 ms on.
  const older = answer(1, 5, 100, 0, 0, 5);
  const newer = { ...answer(2, 3, 50, 1, 2, COLUMNS), others: [older] };

  it('draws the older pyramid first and the answered one over it, each tile with its own geometry', () => {
    const cache = new TileCache();
    cache.add(newer);
    const tiles = cache.visible(0, 1000, 2);
    expect(tiles.map((t) => [t.pyramidId, t.bins, t.startTime, t.endTime])).toEqual([[1, 5, 0, 800], [2, 3, 400, 800]]);
    expect(cache.latest?.pyramidId).toBe(2);
    expect(cache.meta(1)).toMatchObject({ bins: 5, columnMs: 100 });
  });

  it('reads the level under the cursor from the tile on top there, at the same frequency', () => {
    const cache = new TileCache();
    cache.add(newer);
    expect(cache.levelAt(250, 0.5)).toBe(21); // before the switch: pyramid 1, bin 2 of 5
    expect(cache.levelAt(650, 0.5)).toBe(12); // after: pyramid 2, bin 1 of 3
    expect(cache.levelAt(650, 1)).toBe(22);
    expect(cache.levelAt(900, 0.5)).toBeUndefined();
  });

  it('shows only the pyramids of the newest answer', () => {
    const cache = new TileCache();
    cache.add(newer);
    cache.add(answer(2, 3, 50, 1, 2, COLUMNS)); // a later answer without others (a range of the new size only)
    expect(cache.visible(0, 1000, 2).map((t) => t.pyramidId)).toEqual([2]);
  });
});
