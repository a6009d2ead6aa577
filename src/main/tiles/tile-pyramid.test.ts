import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_LEVEL, TILE_COLUMNS, chooseLevel, planQuery, tileSpanMs, tilesCovering } from '../../shared/tile-geometry.ts';
import { TilePyramid, validColumns, type Tile, type TileSink } from './tile-pyramid.ts';

/** An in-memory sink that keeps the last saved copy of every tile. */
function memorySink(): TileSink & { saved: Map<string, Tile> } {
  const saved = new Map<string, Tile>();
  return {
    saved,
    load: (level, index) => {
      const t = saved.get(`${level}/${index}`);
      return t && { ...t, valid: t.valid.slice(), data: t.data.slice() };
    },
    save: (tile) => {
      saved.set(`${tile.level}/${tile.index}`, { ...tile, valid: tile.valid.slice(), data: tile.data.slice() });
      tile.dirty = false;
    },
  };
}

const BINS = 3;
const column = (v: number) => Uint8Array.from([v, v + 1, 255 - v]);
const valueAt = (t: Tile, c: number, bin: number) => t.data[c * BINS + bin]!;
const isValid = (t: Tile, c: number) => (t.valid[c >> 3]! & (1 << (c & 7))) !== 0;

describe('tile geometry', () => {
  it('chooses the coarsest level with at least one column per pixel', () => {
    expect(chooseLevel(0, 64 * 1000, 1000, 64)).toBe(0);
    expect(chooseLevel(0, 64 * 1999, 1000, 64)).toBe(0);
    expect(chooseLevel(0, 64 * 2000, 1000, 64)).toBe(1);
    expect(chooseLevel(0, 3_600_000, 1500, 64)).toBe(5); // an hour on 1500 px: 2.05 s columns
    expect(chooseLevel(0, 7 * 86_400_000, 1500, 64)).toBe(12); // a week
    expect(chooseLevel(0, 1e15, 10, 64)).toBe(MAX_LEVEL);
  });

  it('covers a range with whole tiles and raises the level when too many would be needed', () => {
    expect(tilesCovering(0, tileSpanMs(64, 0), 64, 0)).toEqual({ first: 0, last: 0 });
    expect(tilesCovering(-1, tileSpanMs(64, 0) + 1, 64, 0)).toEqual({ first: -1, last: 1 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e10 }), fc.integer({ min: 50, max: 8000 }), (from, span, px) => {
        const q = planQuery(from, from + span, px, 64);
        expect(q.last - q.first + 1).toBeLessThanOrEqual(48);
        expect(q.level).toBeGreaterThanOrEqual(chooseLevel(from, from + span, px, 64));
      }),
    );
  });
});

describe('TilePyramid', () => {
  it('mean-pools each level from the one below (weighted by base columns) and marks the columns that hold data', () => {
    const sink = memorySink();
    const p = new TilePyramid(BINS, sink);
    p.addColumn(0, column(10));
    p.addColumn(1, column(30));
    p.addColumn(2, column(20));
    p.addColumn(5, column(7)); // columns 3 and 4 are a gap
    p.close();
    const l0 = sink.saved.get('0/0')!;
    expect([0, 1, 2, 3, 4, 5].map((c) => isValid(l0, c))).toEqual([true, true, true, false, false, true]);
    expect(valueAt(l0, 1, 0)).toBe(30);
    const l1 = sink.saved.get('1/0')!;
    // Level-1 columns: (10+30)/2, 20 (column 3 missing), 7 (column 4 missing).
    expect([valueAt(l1, 0, 0), valueAt(l1, 0, 2), valueAt(l1, 1, 0), valueAt(l1, 2, 0)]).toEqual([20, 235, 20, 7]);
    expect(validColumns(l1.valid)).toBe(3);
    const l2 = sink.saved.get('2/0')!;
    expect(valueAt(l2, 0, 0)).toBe(20); // (10 + 30 + 20) / 3 base columns, not (20 + 20) / 2
    const top = sink.saved.get(`${MAX_LEVEL}/0`)!;
    expect([valueAt(top, 0, 0), valueAt(top, 0, 1), valueAt(top, 0, 2)]).toEqual([17, 18, 238]); // (10+30+20+7)/4 = 16.75
  });

  it('saves a tile when its level moves past it, and continues a saved tile after a restart', () => {
    const sink = memorySink();
    const p = new TilePyramid(BINS, sink);
    for (let i = 0; i < TILE_COLUMNS + 3; i++) p.addColumn(i, column(i % 200));
    expect(sink.saved.has('0/0')).toBe(true);
    expect(validColumns(sink.saved.get('0/0')!.valid)).toBe(TILE_COLUMNS);
    p.close();
    // A new process: the same tiles are reopened from the sink and extended.
    const q = new TilePyramid(BINS, sink);
    q.addColumn(TILE_COLUMNS + 10, column(99));
    q.close();
    const t = sink.saved.get('0/1')!;
    expect(validColumns(t.valid)).toBe(4);
    expect(valueAt(t, 10, 0)).toBe(99);
    expect(valueAt(t, 2, 0)).toBe((TILE_COLUMNS + 2) % 200);
  });

  it('a coarse column is the mean of all base columns under it, however the stream was saved along the way', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 199 }), { minLength: 1, maxLength: 600 }), fc.array(fc.nat(600)), (values, saveAt) => {
        const sink = memorySink();
        const p = new TilePyramid(BINS, sink);
        const saves = new Set(saveAt);
        values.forEach((v, i) => {
          p.addColumn(i, column(v));
          if (saves.has(i)) p.save();
        });
        p.close();
        const level = 4;
        const t = sink.saved.get(`${level}/0`)!;
        for (let k = 0; k * 16 < values.length; k++) {
          const under = values.slice(k * 16, (k + 1) * 16);
          const mean = under.reduce((a, b) => a + b, 0) / under.length;
          // Each level rounds only for storage; the mean itself is carried unrounded.
          expect(Math.abs(valueAt(t, k, 0) - mean)).toBeLessThanOrEqual(0.5);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a column of the wrong size', () => {
    expect(() => new TilePyramid(BINS, memorySink()).addColumn(0, new Uint8Array(4))).toThrow(/4 bins, expected 3/);
  });
});
