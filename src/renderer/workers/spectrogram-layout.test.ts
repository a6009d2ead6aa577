import { describe, expect, it } from 'vitest';
import { binCentreHz, frequencyTicks, levelToDb, pickCell, plotRect, visibleColumns } from './spectrogram-layout.ts';

describe('spectrogram layout', () => {
  it('chooses round frequency ticks', () => {
    expect(frequencyTicks(4000, 8)).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000]);
    expect(frequencyTicks(4000, 4)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(frequencyTicks(1000, 5)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(frequencyTicks(0, 5)).toEqual([]);
  });

  it('shows the newest columns, bounded by the ring', () => {
    expect(visibleColumns(1000, 60_000, 100, 3000)).toEqual({ fromAbs: 401, count: 600 });
    expect(visibleColumns(1000, 600_000, 100, 3000)).toEqual({ fromAbs: -1999, count: 3000 });
  });

  it('maps the cursor to a column and bin (top = highest frequency)', () => {
    const plot = plotRect(46 + 62 + 600, 18 + 22 + 256);
    expect(plot).toEqual({ x: 46, y: 18, w: 600, h: 256 });
    const visible = { fromAbs: 400, count: 600 };
    expect(pickCell(plot, 46, 18, visible, 256)).toEqual({ abs: 400, bin: 255 });
    expect(pickCell(plot, 645.9, 273.9, visible, 256)).toEqual({ abs: 999, bin: 0 });
    expect(pickCell(plot, 45, 100, visible, 256)).toBeUndefined();
  });

  it('converts bins and levels to physical units', () => {
    expect(binCentreHz(0, 256, 4000)).toBeCloseTo(7.8125, 6);
    expect(levelToDb(255, 40, 120)).toBe(120);
    expect(levelToDb(0, 40, 120)).toBe(40);
  });
});
