import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileCustomPattern, formatRecordingTime, parseRecordingTime } from './recording-time.ts';

const T = (iso: string) => Date.parse(iso);

describe('parseRecordingTime examples', () => {
  it('iso-basic finds the stamp anywhere and honours Z', () => {
    expect(parseRecordingTime('SanctSound_CI01_03_smallboat_20190825T191712Z.wav', 'iso-basic')).toBe(T('2019-08-25T19:17:12Z'));
    expect(parseRecordingTime('x_20190825T191712.250Z.wav', 'iso-basic')).toBe(T('2019-08-25T19:17:12.250Z'));
    // 'Z' states UTC, so an offset is not applied; without Z it is.
    expect(parseRecordingTime('a_20190825T191712Z.wav', 'iso-basic', 120)).toBe(T('2019-08-25T19:17:12Z'));
    expect(parseRecordingTime('a_20190825T191712.wav', 'iso-basic', 120)).toBe(T('2019-08-25T17:17:12Z'));
  });

  it('ymd_hms and the MARS forms', () => {
    expect(parseRecordingTime('site3_20200811_120000.wav', 'ymd_hms')).toBe(T('2020-08-11T12:00:00Z'));
    expect(parseRecordingTime('MARS_20200811_120000.wav', 'mars')).toBe(T('2020-08-11T12:00:00Z'));
    expect(parseRecordingTime('MARS-20200811T120000Z.wav', 'mars', -420)).toBe(T('2020-08-11T12:00:00Z'));
    expect(parseRecordingTime('MARS_200811120000.wav', 'mars')).toBe(T('2020-08-11T12:00:00Z'));
    expect(parseRecordingTime('MARS_990811120000.wav', 'mars')).toBe(T('1999-08-11T12:00:00Z'));
    expect(parseRecordingTime('MARS_20200811_120000.wav', 'mars', -420)).toBe(T('2020-08-11T19:00:00Z'));
  });

  it('returns undefined for names without a valid time', () => {
    expect(parseRecordingTime('recording.wav', 'iso-basic')).toBeUndefined();
    expect(parseRecordingTime('x_20190231T120000Z.wav', 'iso-basic')).toBeUndefined(); // 31 February
    expect(parseRecordingTime('x_20191325_120000.wav', 'ymd_hms')).toBeUndefined();
    expect(parseRecordingTime('x_120190825_120000.wav', 'ymd_hms')).toBeUndefined(); // part of a longer run
    expect(parseRecordingTime('x_20190825_126000.wav', 'ymd_hms')).toBeUndefined();
  });

  it('skips an invalid candidate and takes the next valid one', () => {
    expect(parseRecordingTime('99999999_999999_20200101_000001.wav', 'ymd_hms')).toBe(T('2020-01-01T00:00:01Z'));
  });

  it('custom regex with named groups', () => {
    const pattern = { regex: String.raw`(?<day>\d\d)\.(?<month>\d\d)\.(?<yy>\d\d) (?<hour>\d\d)h(?<minute>\d\d)` };
    expect(parseRecordingTime('hydro 11.08.20 12h30.wav', pattern, 60)).toBe(T('2020-08-11T11:30:00Z'));
    expect(() => compileCustomPattern('(?<year>\\d{4')).toThrow(/not a valid regular expression/);
    expect(() => compileCustomPattern('(?<year>\\d{4})(?<month>\\d\\d)')).toThrow(/lacks named group\(s\): day, hour, minute/);
  });
});

describe('format → parse round trip (property)', () => {
  const epochSeconds = fc.integer({ min: T('1970-01-01T00:00:00Z') / 1000, max: T('2099-12-31T23:59:59Z') / 1000 });
  const offset = fc.integer({ min: -12 * 60, max: 14 * 60 });
  const affix = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\dTZ_.-]/g, 'x'));

  it('every built-in pattern recovers the time, with any offset and any surrounding text', () => {
    const patterns = ['iso-basic', 'ymd_hms', 'mars', 'mars-short'] as const;
    fc.assert(
      fc.property(epochSeconds, offset, affix, affix, fc.constantFrom(...patterns), (s, tz, pre, post, pattern) => {
        const t = s * 1000;
        const localYear = new Date(t + tz * 60_000).getUTCFullYear();
        fc.pre(pattern !== 'mars-short' || (localYear >= 1970 && localYear <= 2069)); // two-digit year window
        const name = `${pre}_${formatRecordingTime(t, pattern, tz)}_${post}.wav`;
        const parsePattern = pattern === 'mars-short' ? 'mars' : pattern;
        expect(parseRecordingTime(name, parsePattern, tz)).toBe(t);
      }),
      { numRuns: 400 },
    );
  });
});
