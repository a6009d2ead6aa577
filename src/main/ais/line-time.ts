/**
 * Reception times written around NMEA sentences in AIS logs:
 * a leading timestamp column (`2020-01-01T00:00:00Z !AIVDM…`, `1577836800.5 !AIVDM…`),
 * USCG/NAIS trailing Unix time (`…*hh,s…,r003669946,1325394060`) and Gatehouse `$PGHP,1,…`
 * sentences that time the lines after them. Tag-block `c:` times are handled by the decoder.
 */
import { nmeaChecksum } from './nmea.ts';

const ISO_PREFIX = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/;
const EPOCH_PREFIX = /^(\d{9,13})(\.\d+)?$/;
const CHECKSUM_END = /![A-Z][A-Z0-9]VD[MO],[^*]*\*[0-9A-Fa-f]{2}/;
const UNIX_SECONDS = /^\d{10}(\.\d+)?$/;
/** Separators a log may put between its timestamp column and the sentence. */
const COLUMN_SEPARATORS = /[\s,;|]+$/;

/** Epoch ms of a timestamp column written before the sentence (or its tag block), if any. */
export function prefixTime(line: string): number | undefined {
  const start = sentenceStart(line);
  if (start <= 0) return undefined;
  const column = line.slice(0, start).replace(COLUMN_SEPARATORS, '').trim();
  const iso = ISO_PREFIX.exec(column);
  if (iso !== null) {
    const zone = iso[3] ?? 'Z';
    const ms = Date.parse(`${iso[1]}T${iso[2]}${zone}`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const epoch = EPOCH_PREFIX.exec(column);
  if (epoch === null) return undefined;
  const value = Number(column);
  // 12–13 digit integers are ms; 9–10 digit values are seconds.
  return epoch[1].length >= 12 ? Math.round(value) : Math.round(value * 1000);
}

/** Index of the sentence or tag block start ('!' or '\'), or -1. */
function sentenceStart(line: string): number {
  const bang = line.indexOf('!');
  const tag = line.indexOf('\\');
  if (tag >= 0 && (bang < 0 || tag < bang)) return tag;
  return bang;
}

/** Epoch ms of the first USCG-style Unix time field after the checksum (`…*hh,s…,r…,1272412827`), if any. */
export function suffixTime(line: string): number | undefined {
  const sentence = CHECKSUM_END.exec(line);
  if (sentence === null) return undefined;
  const fields = line.slice(sentence.index + sentence[0].length).split(',');
  const unix = fields.find((f) => UNIX_SECONDS.test(f.trim()));
  return unix === undefined ? undefined : Math.round(Number(unix) * 1000);
}

/**
 * Epoch ms of a Gatehouse `$PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,…*hh` sentence; undefined for other
 * lines or a bad checksum.
 */
export function pghpTime(line: string): number | undefined {
  const start = line.indexOf('$PGHP,1,');
  if (start < 0) return undefined;
  const star = line.indexOf('*', start);
  if (star < 0 || nmeaChecksum(line.slice(start + 1, star)) !== parseInt(line.slice(star + 1, star + 3), 16)) return undefined;
  const [year, month, day, hour, minute, second, ms] = line.slice(start + 8, star).split(',').map(Number);
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return Number.isFinite(time) ? time : undefined;
}

/** Tracks the reception time of each line of a log, carrying `$PGHP` times forward. */
export class LineClock {
  private gatehouse: number | undefined;

  /** Time for `line` (prefix column, then trailing Unix time, then the last `$PGHP`), if known. */
  timeOf(line: string): number | undefined {
    if (line.startsWith('$PGHP')) {
      this.gatehouse = pghpTime(line) ?? this.gatehouse;
      return undefined;
    }
    return prefixTime(line) ?? suffixTime(line) ?? this.gatehouse;
  }
}
