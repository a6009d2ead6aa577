import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { AisDecoder, decodeSentence } from './decode.ts';
import { encodeNmea, encodePayload, type EncodableMessage } from './encode.ts';
import { turnFromRaw, turnToRaw } from './messages.ts';
import { parseNmeaLine } from './nmea.ts';
import type { AisMessage } from './types.ts';

/** Decoded-form values generated on the raw grid, so encode → decode must be exact. */
const orNull = <T>(arb: fc.Arbitrary<T>, nullWhen: (v: T) => boolean, map: (v: T) => unknown) =>
  arb.map((v) => (nullWhen(v) ? null : map(v)));
const uint = (bits: number) => fc.integer({ min: 0, max: 2 ** bits - 1 });
const sixBitText = (chars: number) =>
  fc
    .array(fc.integer({ min: 1, max: 63 }).map((v) => String.fromCharCode(v < 32 ? v + 64 : v)), { maxLength: chars })
    .map((cs) => cs.join('').trimEnd());
const lon = orNull(fc.integer({ min: -108_000_000, max: 108_600_000 }), (v) => v === 108_600_000, (v) => v / 600_000);
const lat = orNull(fc.integer({ min: -54_000_000, max: 54_600_000 }), (v) => v === 54_600_000, (v) => v / 600_000);
const speed = orNull(uint(10), (v) => v === 1023, (v) => v / 10);
const course = orNull(fc.integer({ min: 0, max: 3600 }), (v) => v === 3600, (v) => v / 10);
const heading = fc.oneof(fc.integer({ min: 0, max: 359 }), fc.constant(null));
const dims = { to_bow: uint(9), to_stern: uint(9), to_port: uint(6), to_starboard: uint(6) };

const positionA = fc.record({
  type: fc.constantFrom(1 as const, 2 as const, 3 as const), repeat: uint(2), mmsi: uint(30), status: uint(4),
  turn: fc.integer({ min: -128, max: 127 }).map(turnFromRaw), speed, accuracy: fc.boolean(), lon, lat, course, heading,
  second: uint(6), maneuver: fc.integer({ min: 0, max: 2 }), raim: fc.boolean(), radio: uint(19),
});

const staticVoyage = fc.record({
  type: fc.constant(5 as const), repeat: uint(2), mmsi: uint(30), ais_version: uint(2),
  imo: orNull(uint(30), (v) => v === 0, (v) => v), callsign: sixBitText(7), shipname: sixBitText(20),
  shiptype: orNull(uint(8), (v) => v === 0, (v) => v), ...dims, epfd: uint(4),
  month: orNull(uint(4), (v) => v === 0, (v) => v), day: orNull(uint(5), (v) => v === 0, (v) => v),
  hour: orNull(uint(5), (v) => v === 24, (v) => v), minute: orNull(uint(6), (v) => v === 60, (v) => v),
  draught: orNull(uint(8), (v) => v === 0, (v) => v / 10), destination: sixBitText(20), dte: uint(1),
});

const classB = fc.record({
  type: fc.constant(18 as const), repeat: uint(2), mmsi: uint(30), reserved: uint(8), speed, accuracy: fc.boolean(),
  lon, lat, course, heading, second: uint(6), regional: uint(2), cs: fc.boolean(), display: fc.boolean(),
  dsc: fc.boolean(), band: fc.boolean(), msg22: fc.boolean(), assigned: fc.boolean(), raim: fc.boolean(), radio: uint(20),
});

const staticA = fc.record({ type: fc.constant(24 as const), partno: fc.constant(0 as const), repeat: uint(2), mmsi: uint(30), shipname: sixBitText(20) });

const staticB = fc
  .record({
    type: fc.constant(24 as const), partno: fc.constant(1 as const), repeat: uint(2), mmsi: uint(30),
    shiptype: orNull(uint(8), (v) => v === 0, (v) => v), vendorid: sixBitText(3), model: uint(4), serial: uint(20),
    callsign: sixBitText(7), ...dims, mothership_mmsi: uint(30),
  })
  .map(({ mothership_mmsi, to_bow, to_stern, to_port, to_starboard, ...rest }) =>
    Math.floor(rest.mmsi / 10_000_000) === 98 ? { ...rest, mothership_mmsi } : { ...rest, to_bow, to_stern, to_port, to_starboard },
  );

function roundTrip(message: object): AisMessage {
  const result = decodeSentence(encodeNmea(message as EncodableMessage, { channel: 'B', sequenceId: 7 }));
  if (!result.ok) throw new Error(`${result.reason}: ${result.detail}`);
  return result.message;
}

describe('encode → decode round trip (property)', () => {
  it.each([
    ['types 1/2/3', positionA],
    ['type 5', staticVoyage],
    ['type 18', classB],
    ['type 24 part A', staticA],
    ['type 24 part B', staticB],
  ] as const)('%s', (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary as fc.Arbitrary<object>, (message) => {
        expect(roundTrip(message)).toMatchObject(message);
      }),
      { numRuns: 300 },
    );
  });

  it('maps every rate-of-turn indicator back to itself', () => {
    for (let raw = -128; raw <= 127; raw++) expect(turnToRaw(turnFromRaw(raw))).toBe(raw);
  });

  it('re-encodes real fixture messages of the supported types to the same decode', () => {
    const decoder = new AisDecoder();
    const log = readFileSync(new URL('../../../test/fixtures/ais/pyais/nmea_data_sample.txt', import.meta.url), 'utf8');
    const messages = [...decoder.pushChunk(log), ...decoder.end()].filter((m) => [1, 2, 3, 5, 18, 24].includes(m.type));
    expect(messages.length).toBeGreaterThan(700);
    for (const { channel: _c, talker: _t, ...message } of messages) expect(roundTrip(message)).toMatchObject(message);
  });
});

describe('NMEA framing', () => {
  it('splits a type 5 into two sentences with the fill bits on the last', () => {
    const sentences = encodeNmea({ type: 5, mmsi: 351759000, shipname: 'EVER DIADEM' }, { sequenceId: 3, channel: 'B' });
    expect(sentences).toHaveLength(2);
    const parsed = sentences.map((s) => parseNmeaLine(s));
    expect(parsed.map((p) => p.ok && [p.sentence.fragment, p.sentence.sequenceId, p.sentence.channel, p.sentence.fillBits])).toEqual([
      [1, 3, 'B', 0],
      [2, 3, 'B', 2],
    ]);
    for (const s of sentences) expect(s.length).toBeLessThanOrEqual(82);
  });

  it('writes a single-sentence message without a sequence id, with talker, VDO and tag block', () => {
    const [s] = encodeNmea({ type: 1, mmsi: 366053209 }, { talker: 'BS', own: true, tagBlock: { time: 1577836800000, source: 'demo' } });
    expect(s).toMatch(/^\\s:demo,c:1577836800\*[0-9A-F]{2}\\!BSVDO,1,1,,A,[0-9A-Za-w`:;<=>?@]{28},0\*[0-9A-F]{2}$/);
    const result = decodeSentence(s);
    expect(result.ok && result.message).toMatchObject({ mmsi: 366053209, receivedAt: 1577836800000, source: 'demo', talker: 'BS' });
  });

  it('reproduces a real payload byte for byte', () => {
    const result = decodeSentence('!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A');
    if (!result.ok) throw new Error('decode');
    expect(encodePayload(result.message as EncodableMessage)).toEqual({ payload: '15RTgt0PAso;90TKcjM8h6g208CQ', fillBits: 0 });
  });

  it('wraps angles and clamps speed instead of producing sentinels by accident', () => {
    const decoded = roundTrip({ type: 1, mmsi: 1, course: 359.97, heading: 360, speed: 150 });
    expect(decoded).toMatchObject({ course: 0, heading: 0, speed: 102.2 });
  });

  it('refuses message types it cannot encode', () => {
    expect(() => encodePayload({ type: 9, mmsi: 1 } as unknown as EncodableMessage)).toThrow(AppError);
  });
});
