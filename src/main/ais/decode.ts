/**
 * AIS decoding entry points: a payload decoder, a one-shot sentence decoder and the
 * streaming `AisDecoder` (NMEA lines in, decoded messages out, failures counted).
 */
import { FragmentAssembler, type AssembledPayload, type AssemblerOptions } from './assembler.ts';
import { AisBits } from './bits.ts';
import { DECODERS, MAX_BITS, MIN_BITS, MIN_BITS_24, decodeStaticDataB } from './messages.ts';
import { LineSplitter, parseNmeaLine, type AisSentence, type NmeaFailureReason } from './nmea.ts';
import type { AisMessage, DecodedMessage, UnsupportedMessage } from './types.ts';

/** Why a line or payload produced no message. */
export type DecodeFailureReason = NmeaFailureReason | 'incomplete';

/** A failure with its reason and a human-readable detail. */
export interface DecodeFailure {
  ok: false;
  reason: DecodeFailureReason;
  detail: string;
}

/** Result of decoding one payload. */
export type PayloadResult = { ok: true; message: AisMessage } | DecodeFailure;

/** Result of decoding one sentence or the fragments of one message. */
export type SentenceResult = { ok: true; message: DecodedMessage } | DecodeFailure;

/** Counters kept by `AisDecoder`. */
export interface AisDecoderStats {
  /** Non-empty lines seen. */
  lines: number;
  /** Checksum-valid AIS sentences (fragments) accepted. */
  sentences: number;
  /** Messages emitted (including unsupported types). */
  messages: number;
  badChecksum: number;
  /** AIS-looking lines or payloads that could not be parsed or decoded. */
  malformed: number;
  /** Fragments dropped because their message never completed. */
  orphanFragments: number;
  /** Messages of a type this decoder does not interpret (emitted with `unsupported: true`). */
  unsupported: number;
  /** Lines that are not AIS sentences (comments, other NMEA sentences, noise). */
  ignored: number;
  /** Tag blocks ignored because of a bad checksum or syntax (the sentence itself was kept). */
  badTagBlock: number;
}

/** Options of `AisDecoder`. */
export interface AisDecoderOptions extends AssemblerOptions {
  /** Called for each line or payload that yields no message (for diagnostics). */
  onError?: (failure: DecodeFailure, line: string) => void;
}

function malformed(detail: string): DecodeFailure {
  return { ok: false, reason: 'malformed', detail };
}

/** Decodes an armoured AIS payload (already reassembled) into a message. */
export function decodePayload(payload: string, fillBits = 0): PayloadResult {
  const bits = AisBits.fromPayload(payload, fillBits);
  if (bits === null) return malformed('payload outside the 6-bit alphabet');
  if (bits.bitLength < 38) return malformed(`payload too short (${bits.bitLength} bits)`);
  const type = bits.uint(0, 6);
  if (type === 24) return decodeType24(bits);
  const decoder = DECODERS[type];
  if (decoder === undefined) return { ok: true, message: unsupported(bits) };
  if (bits.bitLength < MIN_BITS[type]) return malformed(`type ${type} needs ${MIN_BITS[type]} bits, got ${bits.bitLength}`);
  if (bits.bitLength > (MAX_BITS[type] ?? Infinity)) return malformed(`type ${type} has ${bits.bitLength} bits, at most ${MAX_BITS[type]} expected`);
  return { ok: true, message: decoder(bits) };
}

function decodeType24(bits: AisBits): PayloadResult {
  const partno = bits.uint(38, 2);
  if (partno > 1) return { ok: true, message: unsupported(bits) };
  const needed = partno === 0 ? MIN_BITS_24.a : MIN_BITS_24.b;
  if (bits.bitLength < needed) return malformed(`type 24 part ${partno} needs ${needed} bits, got ${bits.bitLength}`);
  return { ok: true, message: decodeStaticDataB(bits, partno as 0 | 1) };
}

function unsupported(bits: AisBits): UnsupportedMessage {
  return { class: 'AIS', type: bits.uint(0, 6), repeat: bits.uint(6, 2), mmsi: bits.uint(8, 30), unsupported: true };
}

/** Decodes one sentence, or all fragments of one multi-sentence message, without keeping state. */
export function decodeSentence(lines: string | readonly string[], receivedAt?: number): SentenceResult {
  let failure: DecodeFailure | undefined;
  const decoder = new AisDecoder({ onError: (f) => (failure = f) });
  const messages: DecodedMessage[] = [];
  for (const line of typeof lines === 'string' ? [lines] : lines) messages.push(...decoder.push(line, receivedAt));
  if (messages.length > 0) return { ok: true, message: messages[0] };
  return failure ?? { ok: false, reason: 'incomplete', detail: 'multi-sentence message is missing fragments' };
}

/**
 * Streaming decoder: feed NMEA lines (or raw chunks), get decoded messages.
 * Never throws on bad input; every rejected line is counted in `stats()`.
 */
export class AisDecoder {
  private readonly assembler: FragmentAssembler;
  private readonly splitter = new LineSplitter();
  private readonly onError: AisDecoderOptions['onError'];
  /** Arrival times of fragments waiting for assembly (weak: dropped fragments are forgotten). */
  private readonly arrivals = new WeakMap<AisSentence, number>();
  private readonly counts = {
    lines: 0, sentences: 0, messages: 0, badChecksum: 0, malformed: 0, unsupported: 0, ignored: 0, badTagBlock: 0,
  };

  constructor(options: AisDecoderOptions = {}) {
    this.assembler = new FragmentAssembler(options);
    this.onError = options.onError;
  }

  /** Decodes one line (several lines separated by line breaks are accepted too). */
  push(line: string, receivedAt?: number): DecodedMessage[] {
    if (line.includes('\n') || line.includes('\r')) return this.pushChunk(line + '\n', receivedAt);
    const message = this.decodeLine(line, receivedAt);
    return message === null ? [] : [message];
  }

  /** Decodes an arbitrary chunk of a byte or text stream; a partial line waits for the next chunk (so do not interleave with `push` mid-line). */
  pushChunk(chunk: string | Uint8Array, receivedAt?: number): DecodedMessage[] {
    const out: DecodedMessage[] = [];
    for (const line of this.splitter.push(chunk)) {
      const message = this.decodeLine(line, receivedAt);
      if (message !== null) out.push(message);
    }
    return out;
  }

  /** Ends the stream: decodes a final unterminated line and drops incomplete messages as orphans. */
  end(receivedAt?: number): DecodedMessage[] {
    const out: DecodedMessage[] = [];
    for (const line of this.splitter.flush()) {
      const message = this.decodeLine(line, receivedAt);
      if (message !== null) out.push(message);
    }
    this.assembler.flush();
    return out;
  }

  /** Counters since construction. */
  stats(): AisDecoderStats {
    return { ...this.counts, orphanFragments: this.assembler.orphanFragments };
  }

  private decodeLine(line: string, receivedAt: number | undefined): DecodedMessage | null {
    if (line.trim().length === 0) return null;
    this.counts.lines++;
    const parsed = parseNmeaLine(line);
    if (!parsed.ok) return this.reject(parsed, line);
    if (parsed.badTagBlock) this.counts.badTagBlock++;
    this.counts.sentences++;
    const sentence = parsed.sentence;
    if (receivedAt !== undefined && sentence.total > 1) this.arrivals.set(sentence, receivedAt);
    // Tag-block times are source times, unordered across stations; expiry runs on arrival time.
    const assembled = this.assembler.push(sentence, receivedAt ?? Date.now());
    if (assembled === null) return null;
    const result = decodePayload(assembled.payload, assembled.fillBits);
    if (!result.ok) return this.reject(result, line);
    this.counts.messages++;
    if ('unsupported' in result.message) this.counts.unsupported++;
    return withMeta(result.message, assembled, this.firstArrival(assembled) ?? receivedAt);
  }

  /** Arrival time of the earliest-received fragment that had one (multi-sentence messages). */
  private firstArrival(assembled: AssembledPayload): number | undefined {
    if (assembled.sentences.length === 1) return undefined;
    let first: number | undefined;
    for (const s of assembled.sentences) {
      const t = this.arrivals.get(s);
      if (t !== undefined && (first === undefined || t < first)) first = t;
    }
    return first;
  }

  private reject(failure: DecodeFailure, line: string): null {
    if (failure.reason === 'bad-checksum') this.counts.badChecksum++;
    else if (failure.reason === 'not-ais') this.counts.ignored++;
    else this.counts.malformed++;
    this.onError?.(failure, line);
    return null;
  }
}

/** Attaches reception metadata taken from the message's first fragment. */
function withMeta(message: AisMessage, assembled: AssembledPayload, receivedAt: number | undefined): DecodedMessage {
  const first = assembled.sentences[0];
  const tagged = assembled.sentences.find((s) => s.tagBlock?.time !== undefined)?.tagBlock?.time;
  const decoded: DecodedMessage = { ...message, channel: first.channel, talker: first.talker };
  const time = tagged ?? receivedAt;
  if (time !== undefined) decoded.receivedAt = time;
  const source = assembled.sentences.find((s) => s.tagBlock?.source !== undefined)?.tagBlock?.source;
  if (source !== undefined) decoded.source = source;
  return decoded;
}
