import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AisDecoder, decodePayload, decodeSentence } from './decode.ts';
import { encodeNmea } from './encode.ts';
import { checksumHex, formatTagBlock, nmeaChecksum } from './nmea.ts';
import { isSupported, type DecodedMessage } from './types.ts';

const line = (body: string): string => `!${body}*${checksumHex(nmeaChecksum(body))}`;

function decodeOk(lines: string | string[]): DecodedMessage {
  const result = decodeSentence(lines);
  if (!result.ok) throw new Error(`${result.reason}: ${result.detail}`);
  return result.message;
}

describe('decodeSentence: one message of each supported type (values checked by gpsd)', () => {
  it('type 1 (the brief sentence)', () => {
    const m = decodeOk(line('AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0'));
    expect(m).toMatchObject({ class: 'AIS', type: 1, repeat: 0, mmsi: 366053209, status: 3, speed: 0, course: 219.3, heading: 1 });
    expect(m).toMatchObject({ channel: 'B', talker: 'AI' });
    if (!isSupported(m) || m.type !== 1) throw new Error('type');
    expect(m.lat).toBeCloseTo(37.8021183, 6);
    expect(m.lon).toBeCloseTo(-122.3416183, 6);
  });

  it('type 1 fast left turn and type 2 fast right turn are ±720 °/min', () => {
    expect(decodeOk('!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A')).toMatchObject({ turn: -720, speed: 12.3, accuracy: true });
    expect(decodeOk('!AIVDM,1,1,,B,25Cjtd0Oj;Jp7ilG7=UkKBoB0<06,0*60')).toMatchObject({ type: 2, turn: 720, heading: 91 });
    expect(decodeOk('!AIVDM,1,1,,A,16SteH0P00Jt63hHaa6SagvJ087r,0*42')).toMatchObject({ turn: null, heading: null });
  });

  it('type 4 with a valid time, and type 4 with every sentinel as null', () => {
    expect(decodeOk('!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D')).toMatchObject({
      type: 4, mmsi: 3669702, year: 2007, month: 5, day: 14, hour: 19, minute: 57, second: 39,
      timestamp: '2007-05-14T19:57:39Z', epfd: 7, radio: 67039,
    });
    expect(decodeOk('!AIVDM,1,1,,A,402Fha0000Htt<tSF0l4Q@000d20,0*65')).toMatchObject({
      year: null, month: null, day: null, hour: null, minute: null, second: null, lat: null, lon: null,
      timestamp: '0000-00-00T24:60:60Z',
    });
  });

  it('type 5 from two sentences', () => {
    const m = decodeOk([
      '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C',
      '!AIVDM,2,2,1,A,88888888880,2*25',
    ]);
    expect(m).toMatchObject({
      type: 5, mmsi: 351759000, imo: 9134270, callsign: '3FOF8', shipname: 'EVER DIADEM', shiptype: 70,
      to_bow: 225, to_stern: 70, to_port: 1, to_starboard: 31, epfd: 1, month: 5, day: 15, hour: 14, minute: 0,
      eta: '05-15T14:00Z', draught: 12.2, destination: 'NEW YORK', dte: 0,
    });
  });

  it('type 9', () => {
    expect(decodeOk('!AIVDM,1,1,,A,91b77=h3h00nHt0Q3r@@07000<0b,0*69')).toMatchObject({
      type: 9, mmsi: 111265591, alt: 15, speed: 0, lon: 11.8816, lat: 57.778455, course: 0, second: 28, radio: 49194,
    });
  });

  it('types 18 and 19', () => {
    expect(decodeOk('!AIVDM,1,1,,A,B52K>;h00Fc>jpUlNV@ikwpUoP06,0*4C')).toMatchObject({
      type: 18, mmsi: 338087471, speed: 0.1, course: 79.6, heading: null, second: 49,
      cs: true, display: false, dsc: true, band: true, msg22: true, raim: true, radio: 917510,
    });
    expect(decodeOk('!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B')).toMatchObject({
      type: 19, mmsi: 367059850, speed: 8.7, course: 335.9, shipname: 'CAPT.J.RIMES', shiptype: 70,
      to_bow: 5, to_stern: 21, to_port: 4, to_starboard: 4, epfd: 1, reserved: 248, regional: 4,
    });
  });

  it('type 21 with its name extension', () => {
    const m = decodeOk([
      '!AIVDM,2,1,5,B,E1mg=5J1T4W0h97aRh6ba84<h2d;W:Te=eLvH50```q,0*46',
      '!AIVDM,2,2,5,B,:D44QDlp0C1DU00,2*36',
    ]);
    expect(m).toMatchObject({ type: 21, mmsi: 123456789, aid_type: 20, name: 'CHINA ROSE MURPHY EXPRESS ALERT', regional: 165 });
  });

  it('type 24 parts A and B', () => {
    expect(decodeOk('!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D')).toEqual(
      expect.objectContaining({ type: 24, partno: 0, mmsi: 271041815, shipname: 'PROGUY' }),
    );
    expect(decodeOk('!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40')).toMatchObject({
      type: 24, partno: 1, shiptype: 60, vendorid: '1D0', model: 12, serial: 199796, callsign: 'TC6163',
      to_bow: 0, to_stern: 15, to_port: 0, to_starboard: 5,
    });
  });

  it('type 27', () => {
    expect(decodeOk('!AIVDM,1,1,,A,KCQ9r=hrFUnH7P00,0*41')).toMatchObject({
      type: 27, repeat: 1, mmsi: 236091959, status: 3, lat: 87.065, speed: 0, course: 0, gnss: false,
    });
  });

  it('other types come back as unsupported with type and MMSI', () => {
    expect(decodeOk('!AIVDM,1,1,,A,702R5`hwCjq8,0*6B')).toEqual(
      expect.objectContaining({ type: 7, mmsi: 2655651, repeat: 0, unsupported: true }),
    );
  });
});

describe('sentinels become null', () => {
  it('type 1 and type 5 "not available" values', () => {
    const [pos] = encodeNmea({ type: 1, mmsi: 1 });
    expect(decodeOk(pos)).toMatchObject({ turn: null, speed: null, lat: null, lon: null, course: null, heading: null });
    const parts = encodeNmea({ type: 5, mmsi: 2 });
    expect(decodeOk(parts)).toMatchObject({ imo: null, shiptype: null, draught: null, month: null, day: null, hour: null, minute: null });
  });
});

describe('decodePayload failures', () => {
  it('rejects payloads too short for their type as malformed', () => {
    expect(decodePayload('15M67FC000G?ufbE`FepT@3')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(decodePayload('GHv=2H', 3)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('never throws on any armoured payload (property)', () => {
    const armourChar = fc.integer({ min: 0, max: 63 }).map((v) => String.fromCharCode(v < 40 ? v + 48 : v + 56));
    fc.assert(
      fc.property(fc.array(armourChar, { maxLength: 90 }), fc.integer({ min: 0, max: 5 }), (chars, fill) => {
        const result = decodePayload(chars.join(''), fill);
        if (result.ok) expect(result.message.type).toBeGreaterThanOrEqual(0);
        else expect(result.reason).toBe('malformed');
      }),
      { numRuns: 3000 },
    );
  });
});

describe('AisDecoder', () => {
  it('counts sentences, messages and every kind of failure', () => {
    const decoder = new AisDecoder();
    const out = [
      ...decoder.push('!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A'),
      ...decoder.push('!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B'), // bad checksum
      ...decoder.push('!AIVDM,1,1,,B,,0*25'), // empty payload
      ...decoder.push('$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D'),
      ...decoder.push('!AIVDM,1,1,,A,702R5`hwCjq8,0*6B'), // unsupported type 7
      ...decoder.push('!AIVDM,2,1,3,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1E'), // never completed
      ...decoder.push('\\g:2-2-73874,n:157037*A\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A'), // bad tag block
    ];
    out.push(...decoder.end());
    expect(out.map((m) => m.type)).toEqual([1, 7, 1]);
    expect(decoder.stats()).toEqual({
      lines: 7, sentences: 4, messages: 3, badChecksum: 1, malformed: 1, orphanFragments: 1, unsupported: 1, ignored: 1, badTagBlock: 1,
    });
  });

  it('uses the tag block time and source over the time given to push', () => {
    const tag = formatTagBlock({ time: 1577836800000, source: 'station-7' });
    const [m] = new AisDecoder().push(`${tag}!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A`, 42);
    expect(m).toMatchObject({ receivedAt: 1577836800000, source: 'station-7' });
    const [n] = new AisDecoder().push('!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A', 42);
    expect(n.receivedAt).toBe(42);
  });

  it('accepts raw chunks with several lines and partial lines', () => {
    const decoder = new AisDecoder();
    const text = '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C\r\n!AIVDM,2,2,1,A,88888888880,2*25';
    expect(decoder.pushChunk(text.slice(0, 50))).toEqual([]);
    expect(decoder.pushChunk(text.slice(50))).toEqual([]);
    expect(decoder.end().map((m) => m.mmsi)).toEqual([351759000]);
    expect(new AisDecoder().push(text).map((m) => m.mmsi)).toEqual([351759000]);
  });

  it('never throws on garbage lines and counts each one (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 120 }), { maxLength: 30 }), (lines) => {
        const decoder = new AisDecoder();
        for (const l of lines) decoder.push(l);
        decoder.end();
        const s = decoder.stats();
        expect(s.ignored + s.malformed + s.badChecksum + s.sentences).toBeGreaterThanOrEqual(s.lines);
        expect(s.messages).toBeLessThanOrEqual(s.sentences);
      }),
      { numRuns: 500 },
    );
  });
});
