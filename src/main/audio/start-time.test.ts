import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHdrTime, readSidecarTime } from './sidecar-time.ts';
import { resolveStartTime, startFromName } from './start-time.ts';

/** A MARS-style header: tokens 9–11 (0-based) are day-of-year, time and year. */
const hdr = (doy: string, time: string, year: string) =>
  `MARS icListen-AF 1234 fs 8000 channels 4 gain 0 ${doy} ${time} ${year} UTC\n`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'start-time-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseHdrTime', () => {
  it('reads day-of-year, time with microseconds and year from tokens 9–11', () => {
    expect(parseHdrTime(hdr('224', '12:00:00.000000', '2020'))).toBe(Date.parse('2020-08-11T12:00:00Z'));
    expect(parseHdrTime(hdr('1', '00:00:01.250000', '2021'))).toBe(Date.parse('2021-01-01T00:00:01.250Z'));
    expect(parseHdrTime(hdr('224', '12:00:00.000001', '2020'))! - Date.parse('2020-08-11T12:00:00Z')).toBeCloseTo(0.001, 3); // epoch ms resolve ~0.25 µs
  });

  it('handles leap years and rejects impossible days and times', () => {
    expect(parseHdrTime(hdr('366', '23:59:59.0', '2020'))).toBe(Date.parse('2020-12-31T23:59:59Z'));
    expect(parseHdrTime(hdr('366', '00:00:00', '2021'))).toBeUndefined();
    expect(parseHdrTime(hdr('100', '24:00:00', '2021'))).toBeUndefined();
    expect(parseHdrTime('nothing useful here')).toBeUndefined();
  });

  it('finds the triple elsewhere when tokens 9–11 are not one', () => {
    expect(parseHdrTime('start 45 06:30:00.5 2019 end')).toBe(Date.parse('2019-02-14T06:30:00.500Z'));
  });
});

describe('resolveStartTime', () => {
  it('prefers the sidecar header over the file name, then the name, then mtime − duration', async () => {
    const wav = join(dir, 'MARS_20200811_110000.wav');
    await writeFile(wav, 'x');
    expect(await resolveStartTime(wav, 600)).toEqual({ time: Date.parse('2020-08-11T11:00:00Z'), source: 'file name' });
    await writeFile(join(dir, 'MARS_20200811_110000.hdr'), hdr('224', '12:00:00.000000', '2020'));
    expect(await resolveStartTime(wav, 600)).toEqual({ time: Date.parse('2020-08-11T12:00:00Z'), source: 'sidecar header' });
    const ignore = { pattern: 'auto', tzOffsetMinutes: 0, sidecar: 'none' } as const;
    expect((await resolveStartTime(wav, 600, ignore)).source).toBe('file name');

    const plain = join(dir, 'plain.wav');
    await writeFile(plain, 'x');
    await utimes(plain, 1_600_000_000, 1_600_000_000);
    expect(await resolveStartTime(plain, 10)).toEqual({ time: 1_600_000_000_000 - 10_000, source: 'modification time' });
  });

  it('requires the sidecar when told to, and names a broken one', async () => {
    const wav = join(dir, 'x_20200101T000000Z.wav');
    await writeFile(wav, 'x');
    const hdrOnly = { pattern: 'auto', tzOffsetMinutes: 0, sidecar: 'hdr' } as const;
    await expect(resolveStartTime(wav, 1, hdrOnly)).rejects.toMatchObject({ code: 'AUDIO_UNREADABLE', message: expect.stringMatching(/no sidecar header/) });
    await writeFile(join(dir, 'x_20200101T000000Z.HDR'), 'garbage');
    await expect(readSidecarTime(wav)).rejects.toThrow(/x_20200101T000000Z\.HDR: sidecar header holds no/);
  });

  it('applies a configured pattern and time zone to the name', () => {
    expect(startFromName('/a/site_20200811_120000.wav', { pattern: 'ymd_hms', tzOffsetMinutes: 120 })).toBe(Date.parse('2020-08-11T10:00:00Z'));
    expect(startFromName('/a/site_20200811_120000.wav', { pattern: 'iso-basic', tzOffsetMinutes: 0 })).toBeUndefined();
  });
});
