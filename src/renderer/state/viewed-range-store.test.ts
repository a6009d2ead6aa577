import { describe, expect, it } from 'vitest';
import { keepRangeDefaults, useViewedRange } from './viewed-range-store.ts';

describe('keep a range defaults', () => {
  it('proposes the range being viewed (whole seconds, covering it), with its station', () => {
    useViewedRange.getState().set({ stationId: 'demo', from: 1_700_000_000_250, to: 1_700_000_600_750 });
    expect(keepRangeDefaults(useViewedRange.getState().viewed, 1_800_000_000_000)).toEqual({ stationId: 'demo', from: 1_700_000_000_000, to: 1_700_000_601_000 });
  });

  it('falls back to the last hour of the wall clock when nothing was viewed', () => {
    expect(keepRangeDefaults(undefined, 10 * 3_600_000)).toEqual({ from: 9 * 3_600_000, to: 10 * 3_600_000 });
  });
});
