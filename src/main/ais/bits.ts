/**
 * AIS payload bit access: 6-bit ASCII armouring (ITU-R M.1371 / IEC 61162-1),
 * unsigned and two's-complement field extraction, and 6-bit text.
 *
 * Fields past the end of a payload are truncated to the bits that exist, like the
 * reference decoders do for slightly short real-world messages; callers check
 * `bitLength` first when a field must really be present.
 */

/** Armoured character code → 6-bit value, or 255 for a character outside the armour alphabet. */
const ARMOUR_TO_VALUE: Uint8Array = buildArmourTable();

/** 6-bit value → armoured character (the inverse of ARMOUR_TO_VALUE). */
const VALUE_TO_ARMOUR: string[] = Array.from({ length: 64 }, (_, v) =>
  String.fromCharCode(v < 40 ? v + 48 : v + 56),
);

/** 6-bit value → text character: 0–31 map to '@'–'_', 32–63 to ' '–'?'. */
const VALUE_TO_TEXT: string[] = Array.from({ length: 64 }, (_, v) =>
  String.fromCharCode(v < 32 ? v + 64 : v),
);

function buildArmourTable(): Uint8Array {
  const table = new Uint8Array(128).fill(255);
  for (let c = 48; c <= 87; c++) table[c] = c - 48; // '0'..'W' → 0..39
  for (let c = 96; c <= 119; c++) table[c] = c - 56; // '`'..'w' → 40..63
  return table;
}

/** True when every character of `payload` belongs to the 6-bit armour alphabet. */
export function isArmoured(payload: string): boolean {
  for (let i = 0; i < payload.length; i++) {
    const c = payload.charCodeAt(i);
    if (c >= 128 || ARMOUR_TO_VALUE[c] === 255) return false;
  }
  return true;
}

/** Armoured character for a 6-bit value (0–63). */
export function armourChar(value: number): string {
  return VALUE_TO_ARMOUR[value & 63];
}

/** Text character for a 6-bit value (0–63). */
export function sixBitTextChar(value: number): string {
  return VALUE_TO_TEXT[value & 63];
}

/** 6-bit value of a text character, or -1 when the character has no 6-bit form. */
export function textCharValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 64 && c <= 95) return c - 64;
  if (c >= 32 && c <= 63) return c;
  return -1;
}

/**
 * Cleans 6-bit text the way gpsd does: '@' ends the string (it is the padding
 * character, anything after it is filler), then trailing spaces are removed.
 */
export function trimAisText(text: string): string {
  const at = text.indexOf('@');
  let end = at < 0 ? text.length : at;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** A de-armoured AIS payload with random access to its bits. */
export class AisBits {
  /** Number of valid payload bits (6 × characters − fill bits). */
  readonly bitLength: number;
  private readonly symbols: Uint8Array;

  private constructor(symbols: Uint8Array, bitLength: number) {
    this.symbols = symbols;
    this.bitLength = bitLength;
  }

  /** De-armours `payload`; returns null if it holds a character outside the armour alphabet. */
  static fromPayload(payload: string, fillBits = 0): AisBits | null {
    const symbols = new Uint8Array(payload.length);
    for (let i = 0; i < payload.length; i++) {
      const c = payload.charCodeAt(i);
      const v = c < 128 ? ARMOUR_TO_VALUE[c] : 255;
      if (v === 255) return null;
      symbols[i] = v;
    }
    const bitLength = Math.max(0, payload.length * 6 - fillBits);
    return new AisBits(symbols, bitLength);
  }

  /**
   * Unsigned field of `length` bits (≤ 48) starting at bit `start`, MSB first.
   * A field running past the payload end is read from the bits that exist (right-aligned),
   * as gpsd and pyais do for truncated messages.
   */
  uint(start: number, length: number): number {
    let remaining = Math.min(length, this.bitLength - start);
    let value = 0;
    let bit = start;
    while (remaining > 0) {
      const index = (bit / 6) | 0;
      const offset = bit - index * 6; // bits already consumed in this symbol
      const take = Math.min(6 - offset, remaining);
      const chunk = (this.symbols[index] >> (6 - offset - take)) & ((1 << take) - 1);
      // Multiplication instead of << keeps fields wider than 31 bits exact.
      value = value * (1 << take) + chunk;
      bit += take;
      remaining -= take;
    }
    return value;
  }

  /** Two's-complement signed field of `length` bits starting at bit `start`. */
  int(start: number, length: number): number {
    const raw = this.uint(start, length);
    const half = 2 ** (length - 1);
    return raw >= half ? raw - 2 * half : raw;
  }

  /** Single bit as a boolean. */
  flag(start: number): boolean {
    return this.uint(start, 1) === 1;
  }

  /**
   * 6-bit text of up to `chars` characters from bit `start`, cut at '@' and right-trimmed.
   * Only whole characters inside the payload are read, so a short payload gives a short string.
   */
  text(start: number, chars: number): string {
    return trimAisText(this.rawText(start, chars));
  }

  /** Like `text` but untrimmed (keeps '@' padding and spaces). */
  rawText(start: number, chars: number): string {
    const available = Math.floor((this.bitLength - start) / 6);
    const count = Math.max(0, Math.min(chars, available));
    let out = '';
    for (let i = 0; i < count; i++) out += VALUE_TO_TEXT[this.uint(start + i * 6, 6)];
    return out;
  }
}

/** Accumulates fields MSB-first and armours them: the inverse of AisBits. */
export class BitWriter {
  private readonly bits: number[] = [];

  /** Number of bits written so far. */
  get length(): number {
    return this.bits.length;
  }

  /** Appends `value` as an unsigned field of `length` bits (value masked to fit). */
  uint(value: number, length: number): this {
    const v = Math.max(0, Math.trunc(value)) % 2 ** length;
    for (let i = length - 1; i >= 0; i--) this.bits.push(Math.floor(v / 2 ** i) % 2);
    return this;
  }

  /** Appends `value` as a two's-complement field of `length` bits. */
  int(value: number, length: number): this {
    const v = Math.trunc(value);
    return this.uint(v < 0 ? v + 2 ** length : v, length);
  }

  /** Appends a single bit. */
  flag(value: boolean): this {
    return this.uint(value ? 1 : 0, 1);
  }

  /** Appends `text` as `chars` 6-bit characters, '@'-padded; unknown characters become '?'. */
  text(text: string, chars: number): this {
    for (let i = 0; i < chars; i++) {
      const v = i < text.length ? textCharValue(text[i].toUpperCase()) : 0;
      this.uint(v < 0 ? 63 : v, 6);
    }
    return this;
  }

  /** The armoured payload and the number of fill bits added to reach a whole character. */
  armour(): { payload: string; fillBits: number } {
    const fillBits = (6 - (this.bits.length % 6)) % 6;
    const padded = this.bits.concat(new Array<number>(fillBits).fill(0));
    let payload = '';
    for (let i = 0; i < padded.length; i += 6) {
      let v = 0;
      for (let j = 0; j < 6; j++) v = (v << 1) | padded[i + j];
      payload += VALUE_TO_ARMOUR[v];
    }
    return { payload, fillBits };
  }
}
