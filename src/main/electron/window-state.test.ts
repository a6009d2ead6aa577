import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WINDOW_STATE, fitToDisplays, readWindowState, writeWindowState } from './window-state.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aiw-winstate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readWindowState / writeWindowState', () => {
  it('round-trips a saved state', async () => {
    const file = join(dir, 'sub', 'window-state.json');
    const state = { width: 1600, height: 1000, x: 40, y: 30, maximized: true };
    await writeWindowState(file, state);
    expect(await readWindowState(file)).toEqual(state);
  });

  it('falls back to defaults for missing, corrupt or implausible files', async () => {
    expect(await readWindowState(join(dir, 'none.json'))).toEqual(DEFAULT_WINDOW_STATE);
    const file = join(dir, 'bad.json');
    await writeFile(file, '{oops');
    expect(await readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    await writeFile(file, JSON.stringify({ width: 10, height: 10 }));
    expect(await readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('fitToDisplays', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 875 };
  const external = { x: 1440, y: 0, width: 2560, height: 1415 };

  it('keeps a position that is on a display', () => {
    const state = { width: 1200, height: 800, x: 1500, y: 100, maximized: false };
    expect(fitToDisplays(state, [laptop, external])).toEqual(state);
  });

  it('forgets the position when its display is gone and shrinks to the largest work area', () => {
    const state = { width: 2400, height: 1300, x: 1500, y: 100, maximized: false };
    expect(fitToDisplays(state, [laptop])).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('forgets a position that leaves less than a quarter of the window visible', () => {
    const state = { width: 1000, height: 800, x: 1300, y: 500, maximized: false };
    expect(fitToDisplays(state, [laptop])).toEqual({ width: 1000, height: 800, maximized: false });
  });

  it('leaves the state alone when no displays are known', () => {
    expect(fitToDisplays(DEFAULT_WINDOW_STATE, [])).toEqual(DEFAULT_WINDOW_STATE);
  });
});
