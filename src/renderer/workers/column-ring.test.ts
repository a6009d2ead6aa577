import { describe, expect, it } from 'vitest';
import type { DecodedColumns } from '../state/spectrogram-bus.ts';
import { createColumnRing, levelAt, ringCapacity, slotRuns, writeColumns } from './column-ring.ts';

const geometry = { columnMs: 100, bins: 2, fMaxHz: 4000, dbFloor: 0, dbCeil: 100 };
const batch = (firstAbs: number, values: number[]): DecodedColumns => ({
  ...geometry,
  stationId: 's',
  startTime: firstAbs * 100,
  columns: values.length,
  bytes: new Uint8Array(values.flatMap((v) => [v, v + 1])),
});

describe('column ring', () => {
  it('stores columns by absolute index and advances the head', () => {
    const ring = createColumnRing(geometry, 4);
    writeColumns(ring, batch(10, [1, 2, 3]));
    expect(ring.head).toBe(12);
    expect([levelAt(ring, 10, 0), levelAt(ring, 12, 1), levelAt(ring, 13, 0)]).toEqual([1, 4, undefined]);
  });

  it('accepts a late historical fill behind live columns but drops columns beyond its reach', () => {
    const ring = createColumnRing(geometry, 4);
    writeColumns(ring, batch(20, [9]));
    writeColumns(ring, batch(15, [1, 2, 3, 4, 5]));
    expect(ring.head).toBe(20);
    expect(levelAt(ring, 17, 0)).toBe(3);
    expect(levelAt(ring, 16, 0)).toBeUndefined(); // 20 − 4 + 1 = 17 is the oldest held
    expect(levelAt(ring, 20, 0)).toBe(9);
  });

  it('blanks the skipped slots when the stream jumps forward', () => {
    const ring = createColumnRing(geometry, 8);
    writeColumns(ring, batch(0, [1, 2, 3, 4, 5, 6, 7, 8]));
    ring.dirty.clear();
    writeColumns(ring, batch(11, [50]));
    expect([levelAt(ring, 7, 0), levelAt(ring, 8, 0), levelAt(ring, 10, 0), levelAt(ring, 11, 0)]).toEqual([8, undefined, undefined, 50]);
    expect(ring.levels[(9 % 8) * 2]).toBe(0);
    expect([...ring.dirty].sort()).toEqual([0, 1, 2, 3]);
  });

  it('splits slot runs at the wrap', () => {
    const ring = createColumnRing(geometry, 10);
    expect(slotRuns(ring, 12, 5)).toEqual([[2, 5]]);
    expect(slotRuns(ring, 17, 6)).toEqual([[7, 3], [0, 3]]);
    expect(slotRuns(ring, -1, 2)).toEqual([[9, 1], [0, 1]]);
    expect(slotRuns(ring, 0, 50)).toEqual([[0, 10]]);
  });

  it('sizes the ring for the window, within bounds', () => {
    expect(ringCapacity(100, 300_000)).toBe(3000);
    expect(ringCapacity(1, 300_000)).toBe(8192);
  });
});
