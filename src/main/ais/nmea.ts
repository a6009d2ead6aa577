/**
 * NMEA 0183 layer for AIS: `!xxVDM` / `!xxVDO` sentences (any talker), checksums,
 * NMEA 4.0 tag blocks and a streaming line splitter.
 *
 * Bad input never throws: every failure comes back as a value with a reason so the
 * caller can count it.
 */
import { isArmoured } from './bits.ts';

/** NMEA 4.0 tag block fields (`\c:…,s:…*hh\`). */
export interface TagBlock {
  /** `c:` source time, epoch ms (the field may carry seconds or ms; both accepted). */
  time?: number;
  /** `s:` source / station identifier. */
  source?: string;
  /** `g:` sentence grouping: this sentence's number, group size and group id. */
  group?: { sentence: number; total: number; id: number };
  /** `n:` line count. */
  line?: number;
  /** Every `key:value` pair as received. */
  fields: Record<string, string>;
}

/** One checksum-valid AIS encapsulation sentence (a fragment of an AIS message). */
export interface AisSentence {
  /** Two-letter talker id: 'AI', 'BS', 'SA', 'AB', … */
  talker: string;
  /** 'VDM' (received from others) or 'VDO' (own ship). */
  formatter: 'VDM' | 'VDO';
  /** Number of fragments of the message (1–9). */
  total: number;
  /** This fragment's number (1-based). */
  fragment: number;
  /** Sequential message id tying fragments together, null when empty. */
  sequenceId: number | null;
  /** Radio channel as written ('A', 'B', '1', '2' or ''). */
  channel: string;
  /** Armoured 6-bit payload. */
  payload: string;
  /** Fill bits at the end of the payload (0–5). */
  fillBits: number;
  /** Tag block, when one with a valid checksum preceded the sentence. */
  tagBlock?: TagBlock;
  /** Text before the sentence or tag block (e.g. a timestamp column), trimmed. */
  prefix: string;
  /** Text after the checksum (e.g. USCG receiver fields `,s…,d…,r…,1272412827`), trimmed. */
  suffix: string;
}

/** Why a line did not yield an AIS sentence. */
export type NmeaFailureReason = 'not-ais' | 'malformed' | 'bad-checksum';

/** A parsed line: a sentence, or a counted failure. */
export type NmeaParseResult =
  | { ok: true; sentence: AisSentence; badTagBlock: boolean }
  | { ok: false; reason: NmeaFailureReason; detail: string };

const SENTENCE_START = /!([A-Z][A-Z0-9])VD([MO]),/;
const LOOKS_LIKE_AIS = /VD[MO],/;
const HEX2 = /^[0-9A-Fa-f]{2}$/;

/** XOR checksum of the characters of `body` (the text between '!'/'$'/'\' and '*'). */
export function nmeaChecksum(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum ^= body.charCodeAt(i);
  return sum;
}

/** Two upper-case hex digits of a checksum, as written after '*'. */
export function checksumHex(sum: number): string {
  return sum.toString(16).toUpperCase().padStart(2, '0');
}

function fail(reason: NmeaFailureReason, detail: string): NmeaParseResult {
  return { ok: false, reason, detail };
}

/** Parses one line that may hold an AIS sentence with optional tag block, prefix and suffix. */
export function parseNmeaLine(rawLine: string): NmeaParseResult {
  const line = rawLine.trim();
  const match = SENTENCE_START.exec(line);
  if (match === null) {
    return LOOKS_LIKE_AIS.test(line) ? fail('malformed', 'no !xxVDM/VDO start') : fail('not-ais', 'not an AIS sentence');
  }
  const start = match.index;
  const star = line.indexOf('*', start);
  if (star < 0) return fail('malformed', 'no checksum');
  const hex = line.slice(star + 1, star + 3);
  if (!HEX2.test(hex)) return fail('malformed', 'checksum is not two hex digits');
  if (nmeaChecksum(line.slice(start + 1, star)) !== parseInt(hex, 16)) return fail('bad-checksum', `checksum ${hex} does not match`);

  const fields = line.slice(start + 1, star).split(',');
  const parsed = parseFields(fields, match[1], match[2] === 'M' ? 'VDM' : 'VDO');
  if (typeof parsed === 'string') return fail('malformed', parsed);

  const { tagBlock, prefix, badTagBlock } = splitPrefix(line.slice(0, start));
  if (tagBlock) parsed.tagBlock = tagBlock;
  parsed.prefix = prefix;
  parsed.suffix = line.slice(star + 3).trim();
  return { ok: true, sentence: parsed, badTagBlock };
}

/** Validates the seven comma fields of a VDM/VDO body; returns an error text on failure. */
function parseFields(fields: string[], talker: string, formatter: 'VDM' | 'VDO'): AisSentence | string {
  if (fields.length !== 7) return `expected 7 fields, got ${fields.length}`;
  const total = smallInt(fields[1]);
  const fragment = smallInt(fields[2]);
  if (total < 1 || total > 9) return 'bad fragment count';
  if (fragment < 1 || fragment > total) return 'bad fragment number';
  const sequenceId = fields[3] === '' ? null : smallInt(fields[3]);
  if (sequenceId !== null && sequenceId < 0) return 'bad sequence id';
  const channel = fields[4];
  if (channel.length > 1) return 'bad channel';
  const payload = fields[5];
  if (payload.length === 0) return 'empty payload';
  if (!isArmoured(payload)) return 'payload outside the 6-bit alphabet';
  const fillBits = smallInt(fields[6]);
  if (fillBits < 0 || fillBits > 5) return 'bad fill bits';
  return { talker, formatter, total, fragment, sequenceId, channel, payload, fillBits, prefix: '', suffix: '' };
}

/** A one-digit non-negative integer, or -1. */
function smallInt(text: string): number {
  if (text.length !== 1) return -1;
  const c = text.charCodeAt(0) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Separates the text before '!' into an optional tag block and a free prefix. */
function splitPrefix(before: string): { tagBlock?: TagBlock; prefix: string; badTagBlock: boolean } {
  const trimmed = before.trimEnd();
  if (!trimmed.endsWith('\\')) return { prefix: trimmed.trim(), badTagBlock: false };
  const open = trimmed.indexOf('\\');
  if (open === trimmed.length - 1) return { prefix: trimmed.trim(), badTagBlock: true };
  const prefix = trimmed.slice(0, open).trim();
  // Several tag blocks may be chained (\a*hh\\b*hh\); all must be valid to be used.
  const parts = trimmed.slice(open + 1, -1).split('\\').filter((p) => p.length > 0);
  let fields: Record<string, string> = {};
  for (const part of parts) {
    const block = parseTagBlock(part);
    if (block === null) return { prefix, badTagBlock: true };
    fields = { ...fields, ...block.fields };
  }
  return { tagBlock: tagBlockFromFields(fields), prefix, badTagBlock: false };
}

/** Parses the inside of one tag block (`c:1577836800,s:station*hh`); null if its checksum is bad. */
export function parseTagBlock(text: string): TagBlock | null {
  const star = text.lastIndexOf('*');
  if (star < 0) return null;
  const hex = text.slice(star + 1);
  const body = text.slice(0, star);
  if (!HEX2.test(hex) || nmeaChecksum(body) !== parseInt(hex, 16)) return null;
  const fields: Record<string, string> = {};
  for (const pair of body.split(',')) {
    const colon = pair.indexOf(':');
    if (colon <= 0) return null;
    fields[pair.slice(0, colon)] = pair.slice(colon + 1);
  }
  return tagBlockFromFields(fields);
}

/** Interprets the tag block fields this decoder understands (c, s, n, g). */
function tagBlockFromFields(fields: Record<string, string>): TagBlock {
  const block: TagBlock = { fields };
  const time = fields.c === undefined ? undefined : tagTimeToMs(fields.c);
  if (time !== undefined) block.time = time;
  if (fields.s !== undefined) block.source = fields.s;
  const line = Number(fields.n);
  if (fields.n !== undefined && Number.isInteger(line)) block.line = line;
  const group = (fields.g ?? '').split('-').map(Number);
  if (group.length === 3 && group.every(Number.isInteger)) {
    block.group = { sentence: group[0], total: group[1], id: group[2] };
  }
  return block;
}

/**
 * `c:` value to epoch ms. The standard says seconds, but many feeds write ms; values
 * above 1e11 (year 5138 in seconds, 1973 in ms) are taken as ms.
 */
export function tagTimeToMs(value: string): number | undefined {
  if (!/^\d+(\.\d+)?$/.test(value)) return undefined;
  const n = Number(value);
  return n > 1e11 ? Math.round(n) : Math.round(n * 1000);
}

/** Builds a tag block string (with backslashes) for a time in epoch ms and a source. */
export function formatTagBlock(fields: { time?: number; source?: string }): string {
  const parts: string[] = [];
  if (fields.source !== undefined) parts.push(`s:${fields.source}`);
  if (fields.time !== undefined) parts.push(`c:${Math.floor(fields.time / 1000)}`);
  const body = parts.join(',');
  return `\\${body}*${checksumHex(nmeaChecksum(body))}\\`;
}

/** Printable ASCII plus tab and line breaks; anything else is line noise. */
const NOISE = /[^\t\n\r\x20-\x7e]+/g;
const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Splits a byte or text stream into lines. Non-printable bytes are dropped (the
 * checksum still guards the result) and a line longer than `maxLineLength` is
 * discarded and counted, so binary garbage cannot grow the buffer without bound.
 */
export class LineSplitter {
  /** Lines discarded for being longer than `maxLineLength`. */
  overlongLines = 0;
  private rest = '';
  private skipping = false;
  private readonly maxLineLength: number;
  private readonly textDecoder = new TextDecoder('latin1');

  constructor(options: { maxLineLength?: number } = {}) {
    this.maxLineLength = options.maxLineLength ?? 4096;
  }

  /** Feeds a chunk; returns the complete, non-empty lines it finished. */
  push(chunk: string | Uint8Array): string[] {
    let text = (typeof chunk === 'string' ? chunk : this.textDecoder.decode(chunk, { stream: true })).replace(NOISE, '');
    if (this.skipping) {
      // The rest of an overlong line is dropped up to its line break.
      const lineBreak = text.search(/[\r\n]/);
      if (lineBreak < 0) return [];
      text = text.slice(lineBreak);
      this.skipping = false;
    }
    const pieces = (this.rest + text).split(LINE_BREAK);
    this.rest = pieces.pop() ?? '';
    if (this.rest.length > this.maxLineLength) {
      this.rest = '';
      this.skipping = true;
      this.overlongLines++;
    }
    return this.keep(pieces);
  }

  /** Returns the last unterminated line, if any, and resets. */
  flush(): string[] {
    const last = this.rest;
    this.rest = '';
    this.skipping = false;
    return this.keep([last]);
  }

  private keep(pieces: string[]): string[] {
    const lines: string[] = [];
    for (const piece of pieces) {
      if (piece.length > this.maxLineLength) this.overlongLines++;
      else if (piece.trim().length > 0) lines.push(piece);
    }
    return lines;
  }
}
