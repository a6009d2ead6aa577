import { describe, expect, it } from 'vitest';
import { panView, zoomView } from '../live/spectrogram-navigation.ts';
import { isFollowing, navigated, revealed, shownRange, toggledFollow, withWindow } from './review-view.ts';

const NOW = 1_000_000_000;
const MIN = 60_000;

describe('review view following live', () => {
  it('follows the newest audio until paused, and a session never follows', () => {
    expect(isFollowing({}, undefined)).toBe(true);
    expect(shownRange({}, undefined, 10 * MIN, NOW)).toEqual({ from: NOW - 10 * MIN, to: NOW });
    expect(shownRange({}, undefined, 10 * MIN, NOW + 5000).to).toBe(NOW + 5000);
    expect(isFollowing({}, { from: 0, to: MIN })).toBe(false);
    expect(isFollowing({ paused: { from: 0, to: MIN } }, undefined)).toBe(false);
  });

  it('panning pauses on an explicit range back in time', () => {
    const shown = { from: NOW - 10 * MIN, to: NOW };
    const r = navigated(shown, (v) => panView(v, 100, 1000, NOW), NOW);
    expect(r).toEqual({ from: NOW - 11 * MIN, to: NOW - MIN });
  });

  it('zooming while following pauses with the new width, right edge at now', () => {
    const shown = { from: NOW - 10 * MIN, to: NOW };
    const r = navigated(shown, (v) => zoomView(v, 2, 0.5, NOW), NOW);
    expect(r.to - r.from).toBe(20 * MIN);
    expect(r.to).toBeLessThanOrEqual(NOW);
  });

  it('panning past now stops at now and stays paused', () => {
    const shown = { from: NOW - 11 * MIN, to: NOW - MIN };
    const r = navigated(shown, (v) => panView(v, -500, 1000, NOW), NOW);
    expect(r).toEqual({ from: NOW - 10 * MIN, to: NOW });
  });

  it('the toggle pauses on what is shown, and turning it on jumps back to now', () => {
    const shown = { from: NOW - 10 * MIN, to: NOW };
    const paused = toggledFollow(true, shown);
    expect(paused).toEqual({ paused: shown });
    const back = toggledFollow(false, { from: 0, to: 10 * MIN });
    expect(isFollowing(back, undefined)).toBe(true);
    expect(shownRange(back, undefined, 10 * MIN, NOW + MIN)).toEqual({ from: NOW - 9 * MIN, to: NOW + MIN });
  });

  it('a window change sets the live width while following, and keeps the right edge when paused', () => {
    const shown = { from: NOW - 10 * MIN, to: NOW - MIN };
    expect(withWindow({}, shown, true, 30 * MIN)).toEqual({ state: {}, liveWindowMs: 30 * MIN });
    expect(withWindow({ paused: shown }, shown, false, 30 * MIN)).toEqual({ state: { paused: { from: NOW - 31 * MIN, to: NOW - MIN } } });
  });

  it('revealing a segment outside the view centres it (and pauses)', () => {
    const shown = { from: NOW - 10 * MIN, to: NOW };
    expect(revealed({}, shown, { from: NOW - 5 * MIN, to: NOW - 4 * MIN })).toEqual({});
    const r = revealed({}, shown, { from: NOW - 60 * MIN, to: NOW - 59 * MIN });
    expect(r.paused).toEqual({ from: NOW - 64.5 * MIN, to: NOW - 54.5 * MIN });
  });
});
