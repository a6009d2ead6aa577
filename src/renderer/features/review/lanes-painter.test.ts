import { describe, expect, it } from 'vitest';
import { perPixel } from './lanes-painter.ts';

describe('lanes drawn per pixel column', () => {
  it('keeps one segment per column and remembers the others of the column', () => {
    const xs = [0, 0.3, 0.9, 1.2, 5, 5.5];
    expect(perPixel([0, 1, 2, 3, 4, 5], (i) => xs[i]!)).toEqual([
      { index: 0, members: [0, 1, 2] },
      { index: 3, members: [3] },
      { index: 4, members: [4, 5] },
    ]);
  });

  it('draws every segment when each is wider than a pixel', () => {
    expect(perPixel([2, 3, 4], (i) => i * 10).map((b) => b.index)).toEqual([2, 3, 4]);
  });
});
