import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, checksumHex, formatTagBlock, nmeaChecksum, parseNmeaLine, parseTagBlock, tagTimeToMs } from './nmea.ts';

const TYPE1 = '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A';

/** Builds a sentence with a correct checksum. */
function sentence(body: string): string {
  return `!${body}*${checksumHex(nmeaChecksum(body))}`;
}

function parsedOk(line: string) {
  const result = parseNmeaLine(line);
  if (!result.ok) throw new Error(`expected a sentence, got ${result.reason}: ${result.detail}`);
  return result;
}

describe('parseNmeaLine', () => {
  it('parses the seven fields of a VDM sentence', () => {
    const { sentence: s, badTagBlock } = parsedOk(TYPE1);
    expect(s).toMatchObject({ talker: 'AI', formatter: 'VDM', total: 1, fragment: 1, sequenceId: null, channel: 'A', fillBits: 0 });
    expect(s.payload).toBe('15RTgt0PAso;90TKcjM8h6g208CQ');
    expect(s.tagBlock).toBeUndefined();
    expect(badTagBlock).toBe(false);
  });

  it('accepts any talker and VDO', () => {
    for (const talker of ['BS', 'SA', 'AB', 'AN', 'B1']) {
      expect(parsedOk(sentence(`${talker}VDM,1,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0`)).sentence.talker).toBe(talker);
    }
    expect(parsedOk(sentence('AIVDO,1,1,,,15RTgt0PAso;90TKcjM8h6g208CQ,0')).sentence.formatter).toBe('VDO');
  });

  it('reports a wrong checksum as bad-checksum, accepting lower-case hex', () => {
    expect(parseNmeaLine(TYPE1.replace('*4A', '*4B'))).toMatchObject({ ok: false, reason: 'bad-checksum' });
    expect(parseNmeaLine(TYPE1.replace('*4A', '*4a')).ok).toBe(true);
  });

  it('keeps text before and after the sentence as prefix and suffix', () => {
    const { sentence: s } = parsedOk(`2020-01-01T00:00:00Z ${TYPE1},s36310,d-081,r08TPHI1,1242958962  `);
    expect(s.prefix).toBe('2020-01-01T00:00:00Z');
    expect(s.suffix).toBe(',s36310,d-081,r08TPHI1,1242958962');
  });

  it.each([
    ['six fields', sentence('AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ')],
    ['fragment above total', sentence('AIVDM,1,2,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0')],
    ['zero fragments', sentence('AAVDM,0,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0')],
    ['fill bits 6', sentence('AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,6')],
    ['empty payload', '!AIVDM,1,1,,B,,0*25'],
    ['payload outside the alphabet', sentence('AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ{,0')],
    ['two-character channel', sentence('AIVDM,1,1,,AB,15RTgt0PAso;90TKcjM8h6g208CQ,0')],
    ['missing checksum', '!AIVDM,1,1,,B,15N4cJ005Jrek0H@9nDW5608EP,013'],
    ['missing "!"', 'AIVDM,2,2,1,B,00000000000,2*26'],
  ])('rejects %s as malformed', (_name, line) => {
    expect(parseNmeaLine(line)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it.each(['$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D', '# comment', 'foobar', ''])(
    'ignores a non-AIS line: %s',
    (line) => expect(parseNmeaLine(line)).toMatchObject({ ok: false, reason: 'not-ais' }),
  );

  it('never throws and always classifies arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (line) => {
        const result = parseNmeaLine(line);
        expect(result.ok || ['not-ais', 'malformed', 'bad-checksum'].includes(result.reason)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('detects any single-character change to a sentence (property)', () => {
    const printable = fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: TYPE1.length - 1 }), printable, (index, ch) => {
        fc.pre(TYPE1[index] !== ch && TYPE1[index].toUpperCase() !== ch.toUpperCase());
        const mutated = TYPE1.slice(0, index) + ch + TYPE1.slice(index + 1);
        expect(parseNmeaLine(mutated).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('tag blocks', () => {
  it('reads c (seconds), s, n and g', () => {
    const block = `\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\\`;
    const { sentence: s, badTagBlock } = parsedOk(block + TYPE1);
    expect(badTagBlock).toBe(false);
    expect(s.tagBlock).toMatchObject({ time: 1418169601000, source: 'rORBCOMM008', group: { sentence: 1, total: 2, id: 1604 } });
    expect(s.tagBlock?.fields.T).toBe('2014-12-10 00.00.01');
    expect(s.prefix).toBe('');
  });

  it('accepts c in milliseconds', () => {
    expect(tagTimeToMs('1577836800')).toBe(1577836800000);
    expect(tagTimeToMs('1577836800123')).toBe(1577836800123);
    expect(tagTimeToMs('abc')).toBeUndefined();
    const body = 'c:1577836800123,s:station';
    const { sentence: s } = parsedOk(`\\${body}*${checksumHex(nmeaChecksum(body))}\\${TYPE1}`);
    expect(s.tagBlock).toMatchObject({ time: 1577836800123, source: 'station' });
  });

  it('round-trips formatTagBlock', () => {
    const text = formatTagBlock({ time: 1577836800000, source: 'hydrophone-1' });
    expect(text).toBe(`\\s:hydrophone-1,c:1577836800*${checksumHex(nmeaChecksum('s:hydrophone-1,c:1577836800'))}\\`);
    expect(parsedOk(text + TYPE1).sentence.tagBlock).toMatchObject({ time: 1577836800000, source: 'hydrophone-1' });
  });

  it('merges chained tag blocks', () => {
    const a = formatTagBlock({ source: 'x' });
    const b = formatTagBlock({ time: 1000_000 });
    expect(parsedOk(a + b + TYPE1).sentence.tagBlock).toMatchObject({ source: 'x', time: 1000_000 });
  });

  it('drops a tag block with a bad checksum but keeps the sentence', () => {
    const result = parsedOk('\\g:2-2-73874,n:157037*A\\' + TYPE1);
    expect(result.badTagBlock).toBe(true);
    expect(result.sentence.tagBlock).toBeUndefined();
    expect(parseTagBlock('c:1577836800*00')).toBeNull();
  });
});

describe('LineSplitter', () => {
  const text = `${TYPE1}\r\n# comment\n\n${TYPE1}\r${TYPE1}`;

  it('splits on CR, LF and CRLF and drops blank lines', () => {
    const splitter = new LineSplitter();
    expect([...splitter.push(text), ...splitter.flush()]).toEqual([TYPE1, '# comment', TYPE1, TYPE1]);
  });

  it('gives the same lines whatever the chunk boundaries (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), (cuts) => {
        const splitter = new LineSplitter();
        const points = [0, ...cuts.sort((x, y) => x - y), text.length];
        const lines: string[] = [];
        for (let i = 1; i < points.length; i++) lines.push(...splitter.push(text.slice(points[i - 1], points[i])));
        expect([...lines, ...splitter.flush()]).toEqual([TYPE1, '# comment', TYPE1, TYPE1]);
      }),
    );
  });

  it('drops noise bytes, so a sentence with injected garbage still parses', () => {
    const bytes = new TextEncoder().encode(TYPE1);
    const noisy = new Uint8Array([0, 255, ...bytes.slice(0, 10), 0, 7, 200, ...bytes.slice(10), 13, 10]);
    const lines = new LineSplitter().push(noisy);
    expect(lines).toEqual([TYPE1]);
  });

  it('discards overlong lines instead of buffering them without bound', () => {
    const splitter = new LineSplitter({ maxLineLength: 100 });
    expect(splitter.push('x'.repeat(150))).toEqual([]);
    expect(splitter.push('y'.repeat(50) + '\n' + TYPE1 + '\n')).toEqual([TYPE1]);
    expect(splitter.overlongLines).toBe(1);
  });

  it('never throws on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 5 }), (chunks) => {
        const splitter = new LineSplitter({ maxLineLength: 256 });
        for (const chunk of chunks) for (const line of splitter.push(chunk)) expect(line).not.toMatch(/[\n\r]/);
        splitter.flush();
      }),
    );
  });
});
