import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { decodeFile, type DecodeErrorRecord } from './decode-file.ts';
import type { AisDecoderStats } from './decode.ts';
import { LineClock, pghpTime, prefixTime, suffixTime } from './line-time.ts';
import { formatTagBlock } from './nmea.ts';
import type { DecodedMessage } from './types.ts';

const TYPE1 = '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A';
const TYPE5 = [
  '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C',
  '!AIVDM,2,2,1,A,88888888880,2*25',
];
const T0 = Date.UTC(2020, 0, 1);

const dir = mkdtempSync(join(tmpdir(), 'aiw-ais-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeLog(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

type FileRecord = DecodedMessage | DecodeErrorRecord;

/** Narrows a record to a decoded message (type-level only; the tests check `class` where it matters). */
const message = (record: FileRecord): DecodedMessage => record as DecodedMessage;

async function collect(path: string, includeErrors = false) {
  const records: FileRecord[] = [];
  const iterator = decodeFile(path, { format: 'jsonl', includeErrors });
  let step = await iterator.next();
  while (step.done !== true) {
    records.push(step.value);
    step = await iterator.next();
  }
  return { records, stats: step.value as AisDecoderStats };
}

describe('line times', () => {
  it.each([
    [`2020-01-01T00:00:00Z ${TYPE1}`, T0],
    [`2020-01-01T00:00:00.250Z\t${TYPE1}`, T0 + 250],
    [`2020-01-01 01:00:00+01:00,${TYPE1}`, T0],
    [`2020-01-01 00:00:05 ${TYPE1}`, T0 + 5000],
    [`1577836800.5 ${TYPE1}`, T0 + 500],
    [`1577836800123;${TYPE1}`, T0 + 123],
    [`2020-01-01T00:00:00Z ${formatTagBlock({ source: 'x' })}${TYPE1}`, T0],
    [TYPE1, undefined],
    [`garbage ${TYPE1}`, undefined],
  ])('prefix of %s', (line, expected) => expect(prefixTime(line)).toBe(expected));

  it('reads the first Unix time after a USCG-style sentence', () => {
    expect(suffixTime(`${TYPE1},d-109,S2105,t050056.00,T56.13718694,r003669946,1325394060,1325394001`)).toBe(1325394060000);
    expect(suffixTime(`${TYPE1},b003660465`)).toBeUndefined();
    expect(suffixTime('1325394060')).toBeUndefined();
  });

  it('reads Gatehouse $PGHP times and carries them to the next lines', () => {
    const pghp = '$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17';
    expect(pghpTime(pghp)).toBe(Date.UTC(2008, 4, 9, 0, 0, 0, 10));
    expect(pghpTime(pghp.replace('*17', '*18'))).toBeUndefined();
    const clock = new LineClock();
    expect(clock.timeOf(TYPE1)).toBeUndefined();
    expect(clock.timeOf(pghp)).toBeUndefined();
    expect(clock.timeOf(TYPE1)).toBe(Date.UTC(2008, 4, 9, 0, 0, 0, 10));
    expect(clock.timeOf(`2020-01-01T00:00:00Z ${TYPE1}`)).toBe(T0); // an explicit column wins
  });
});

describe('decodeFile', () => {
  it('decodes a log with timestamp columns, tag blocks, comments and noise', async () => {
    const tag = formatTagBlock({ time: T0 + 60_000, source: 'st1' });
    const path = writeLog('mixed.nmea', [
      '# header comment',
      `2020-01-01T00:00:00Z ${TYPE1}`,
      `2020-01-01T00:00:01Z ${TYPE5[0]}`,
      '$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D',
      `2020-01-01T00:00:02Z ${TYPE5[1]}`,
      `${tag}${TYPE1}`,
      TYPE1.replace('*4A', '*00'),
      '\u0000\u00ff binary noise',
      TYPE1, // no time at all, last line without a newline
    ].join('\r\n'));
    const { records, stats } = await collect(path);
    expect(records.map((r) => [message(r).type, message(r).receivedAt])).toEqual([
      [1, T0],
      [5, T0 + 1000],
      [1, T0 + 60_000],
      [1, undefined],
    ]);
    expect(records[2]).toMatchObject({ source: 'st1' });
    expect(stats).toMatchObject({ sentences: 5, messages: 4, badChecksum: 1, ignored: 3 });
  });

  it('yields error records when asked', async () => {
    const path = writeLog('errors.nmea', `${TYPE1}\n!AIVDM,1,1,,B,,0*25\nhello\n`);
    const { records } = await collect(path, true);
    expect(records.map((r) => r.class)).toEqual(['AIS', 'ERROR', 'ERROR']);
    expect(records[1]).toMatchObject({ reason: 'malformed', detail: 'empty payload', line: '!AIVDM,1,1,,B,,0*25' });
    expect(records[2]).toMatchObject({ reason: 'not-ais' });
  });

  it('reads gzip-compressed logs', async () => {
    const path = writeLog('log.nmea.gz', gzipSync(`${TYPE1}\n${TYPE5.join('\n')}\n`));
    const { records } = await collect(path);
    expect(records.map((r) => message(r).type)).toEqual([1, 5]);
  });

  it('decodes the copied libais log with its USCG times', async () => {
    const path = new URL('../../../test/fixtures/ais/libais/typeexamples.nmea', import.meta.url).pathname;
    const { records, stats } = await collect(path);
    expect(records).toHaveLength(26);
    expect(message(records[0]).receivedAt).toBe(1325394060_000);
    expect(stats.malformed + stats.badChecksum).toBe(0);
  });

  it('fails with IO_FAILED for a missing file', async () => {
    await expect(collect(join(dir, 'missing.nmea'))).rejects.toMatchObject({ code: 'IO_FAILED' });
    await expect(collect(join(dir, 'missing.nmea'))).rejects.toBeInstanceOf(AppError);
  });
});
