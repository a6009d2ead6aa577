import { describe, expect, it } from 'vitest';
import { channelsToRequest, isChannelChoice, mixDown } from './audio-channels.ts';

describe('playback channels', () => {
  it('asks for the chosen channel, or every channel to mix', () => {
    expect(channelsToRequest(2, 4)).toEqual([2]);
    expect(channelsToRequest('mix', 4)).toEqual([0, 1, 2, 3]);
    expect(channelsToRequest(5, 4)).toEqual([0]); // a station with fewer channels than the remembered choice
    expect(channelsToRequest('mix', 0)).toEqual([0]);
  });

  it('mixes channels to their average', () => {
    const mixed = mixDown([Float32Array.of(1, 0, -1), Float32Array.of(0, 1, -1), Float32Array.of(0.5, 0.5, 1)]);
    expect(Array.from(mixed)).toEqual([0.5, 0.5, -1 / 3].map((v) => Math.fround(v)));
    const one = Float32Array.of(0.25);
    expect(mixDown([one])).toBe(one);
  });

  it('accepts remembered choices', () => {
    expect([0, 3, 'mix', -1, 1.5, '2'].map(isChannelChoice)).toEqual([true, true, true, false, false, false]);
  });
});
