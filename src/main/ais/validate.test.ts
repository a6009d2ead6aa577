import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSentence } from './decode.ts';
import type { AisMessage, PositionReportA } from './types.ts';
import { isPlausiblePosition, positionIssue } from './validate.ts';

const base: PositionReportA = {
  class: 'AIS', type: 1, repeat: 0, mmsi: 366053209, status: 0, turn: 0, speed: 12.3, accuracy: true,
  lon: -122.34, lat: 37.8, course: 219.3, heading: 220, second: 30, maneuver: 0, raim: false, radio: 0,
};

describe('positionIssue', () => {
  it('accepts an ordinary class A fix', () => {
    expect(positionIssue(base)).toBeNull();
    expect(isPlausiblePosition(base)).toBe(true);
  });

  it.each([
    ['position-not-available', { lat: null }],
    ['position-not-available', { lon: null }],
    ['out-of-range', { lat: 91.5 }],
    ['out-of-range', { lon: -205.1 }],
    ['null-island', { lat: 0, lon: 0 }],
    ['bad-mmsi', { mmsi: 0 }],
    ['implausible-speed', { speed: 102.2 }],
    ['implausible-speed', { speed: 60.1 }],
    ['invalid-course', { course: 409.5 }],
    ['positioning-inoperative', { second: 63 }],
  ] as const)('reports %s for %o', (issue, change) => {
    const message = { ...base, ...change } as AisMessage;
    expect(positionIssue(message)).toBe(issue);
    expect(isPlausiblePosition(message)).toBe(false);
  });

  it('allows fast SAR aircraft but not fast ships, and honours custom limits', () => {
    const aircraft = { ...base, type: 9, speed: 250, alt: 300 } as unknown as AisMessage;
    expect(positionIssue(aircraft)).toBeNull();
    expect(positionIssue({ ...base, speed: 45 }, { maxShipSpeedKnots: 40 })).toBe('implausible-speed');
    expect(positionIssue({ ...base, speed: null })).toBeNull();
  });

  it('says "no-position" for messages without coordinates', () => {
    const result = decodeSentence('!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D');
    expect(result.ok && positionIssue(result.message)).toBe('no-position');
  });

  it('rejects the sentinel fix of a real base station report', () => {
    const result = decodeSentence('!AIVDM,1,1,,A,402Fha0000Htt<tSF0l4Q@000d20,0*65');
    expect(result.ok && positionIssue(result.message)).toBe('position-not-available');
  });

  it('only passes coordinates inside the globe (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), (lon, lat) => {
        const ok = isPlausiblePosition({ ...base, lon, lat });
        expect(ok).toBe(Math.abs(lon) <= 180 && Math.abs(lat) <= 90 && !(lat === 0 && lon === 0));
      }),
    );
  });
});
