import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AisBits, BitWriter, isArmoured, textCharValue, trimAisText } from './bits.ts';

describe('AisBits', () => {
  it('de-armours and reads unsigned fields (type 1 from the brief)', () => {
    const bits = AisBits.fromPayload('15M67FC000G?ufbE`FepT@3n00Sa')!;
    expect(bits.bitLength).toBe(168);
    expect(bits.uint(0, 6)).toBe(1);
    expect(bits.uint(8, 30)).toBe(366053209);
    expect(bits.uint(38, 4)).toBe(3);
  });

  it('reads two-complement signed fields', () => {
    const bits = AisBits.fromPayload('15RTgt0PAso;90TKcjM8h6g208CQ')!;
    expect(bits.int(61, 28) / 600000).toBeCloseTo(-123.3953833, 6);
    expect(bits.int(89, 27) / 600000).toBeCloseTo(48.3816333, 6);
    expect(bits.int(42, 8)).toBe(-127);
  });

  it('rejects characters outside the armour alphabet', () => {
    expect(AisBits.fromPayload('15M6X')).toBeNull(); // 'X' (88) is between 'W' and '`'
    expect(AisBits.fromPayload('15M6é')).toBeNull();
    expect(isArmoured('0W`w')).toBe(true);
    expect(isArmoured('0W`wx')).toBe(false);
  });

  it('subtracts fill bits and reads a truncated trailing field from the bits that exist', () => {
    const full = AisBits.fromPayload('13aIkM@P00PJ@qPNL=e@0?wJ28JO', 0)!;
    const short = AisBits.fromPayload('13aIkM@P00PJ@qPNL=e@0?wJ28JO', 5)!;
    expect(short.bitLength).toBe(163);
    expect(full.uint(149, 19)).toBe(34463);
    expect(short.uint(149, 19)).toBe(1076); // gpsd and pyais agree on this value
    expect(short.uint(170, 4)).toBe(0);
  });

  it('reads 6-bit text, cut at "@" and right-trimmed', () => {
    const w = new BitWriter().text('EVER DIADEM', 20).text('AB  ', 4).text('X@YZ', 4);
    const bits = AisBits.fromPayload(w.armour().payload)!;
    expect(bits.text(0, 20)).toBe('EVER DIADEM');
    expect(bits.text(120, 4)).toBe('AB');
    expect(bits.text(144, 4)).toBe('X');
    expect(bits.rawText(0, 12)).toBe('EVER DIADEM@');
    expect(bits.text(144, 50)).toBe('X'); // never reads past the payload
    expect(bits.rawText(144, 50)).toBe('X@YZ');
  });
});

describe('trimAisText', () => {
  it.each([
    ['NAME@@@@', 'NAME'],
    ['NAME    ', 'NAME'],
    ['NAME  @@', 'NAME'],
    ['IBC G BUOY@?????????', 'IBC G BUOY'],
    ['@@@@', ''],
    ['A B', 'A B'],
  ])('%s → %s', (input, expected) => expect(trimAisText(input)).toBe(expected));
});

describe('BitWriter ⇄ AisBits round trip (property)', () => {
  const field = fc.integer({ min: 1, max: 32 }).chain((length) =>
    fc.record({ length: fc.constant(length), value: fc.integer({ min: 0, max: 2 ** length - 1 }), signed: fc.boolean() }),
  );

  it('reads back every unsigned and signed field written', () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 30 }), (fields) => {
        const w = new BitWriter();
        const expected = fields.map(({ length, value, signed }) => {
          const v = signed ? value - 2 ** (length - 1) : value;
          if (signed) w.int(v, length);
          else w.uint(v, length);
          return v;
        });
        const { payload, fillBits } = w.armour();
        const bits = AisBits.fromPayload(payload, fillBits)!;
        expect(bits.bitLength).toBe(w.length);
        let at = 0;
        fields.forEach(({ length, signed }, i) => {
          expect(signed ? bits.int(at, length) : bits.uint(at, length)).toBe(expected[i]);
          at += length;
        });
      }),
    );
  });

  it('round-trips 6-bit text without padding or trailing spaces', () => {
    const sixBitChar = fc.integer({ min: 1, max: 63 }).map((v) => String.fromCharCode(v < 32 ? v + 64 : v));
    const text = fc.array(sixBitChar, { maxLength: 20 }).map((cs) => cs.join('').trimEnd());
    fc.assert(
      fc.property(text, (t) => {
        const bits = AisBits.fromPayload(new BitWriter().text(t, 20).armour().payload)!;
        expect(bits.text(0, 20)).toBe(t);
      }),
    );
  });

  it('maps text characters to 6-bit values and back', () => {
    expect(textCharValue('@')).toBe(0);
    expect(textCharValue('A')).toBe(1);
    expect(textCharValue(' ')).toBe(32);
    expect(textCharValue('?')).toBe(63);
    expect(textCharValue('a')).toBe(-1);
  });
});
