/**
 * Streams an NMEA log file (plain or .gz) through the AIS decoder: the engine of
 * `aiw ais decode <file>`.
 *
 * Accepts logs with or without NMEA 4.0 tag blocks, with a leading timestamp column,
 * USCG trailing Unix times, Gatehouse `$PGHP` lines, comments and noise.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../shared/errors.ts';
import { AisDecoder, type AisDecoderStats, type DecodeFailure } from './decode.ts';
import { LineClock } from './line-time.ts';
import { LineSplitter } from './nmea.ts';
import type { DecodedMessage } from './types.ts';

/** Options of `decodeFile`. */
export interface DecodeFileOptions {
  /** Output record style; 'jsonl' yields plain JSON-serialisable objects, one per message. */
  format?: 'jsonl';
  /** Also yield `{ class: 'ERROR', reason, detail, line }` records for rejected lines. */
  includeErrors?: boolean;
  /** Multi-sentence assembly timeout (ms of log time when the log has times). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A rejected line, yielded when `includeErrors` is set. */
export interface DecodeErrorRecord {
  class: 'ERROR';
  reason: DecodeFailure['reason'];
  detail: string;
  line: string;
}

/**
 * Decodes every AIS message of the file at `path`, in file order.
 * The generator's return value is the decoder's final counters.
 */
export async function* decodeFile(
  path: string,
  options: DecodeFileOptions = {},
): AsyncGenerator<DecodedMessage | DecodeErrorRecord, AisDecoderStats> {
  const errors: DecodeErrorRecord[] = [];
  const decoder = new AisDecoder({
    timeoutMs: options.timeoutMs,
    onError: options.includeErrors === true ? (f, line) => errors.push({ class: 'ERROR', reason: f.reason, detail: f.detail, line }) : undefined,
  });
  const splitter = new LineSplitter();
  const clock = new LineClock();
  const decodeLines = function* (lines: string[]) {
    for (const line of lines) {
      const messages = decoder.push(line, clock.timeOf(line));
      yield* errors.splice(0);
      yield* messages;
    }
  };
  try {
    for await (const chunk of openStream(path, options.signal)) yield* decodeLines(splitter.push(chunk as Buffer));
  } catch (err) {
    if (err instanceof Error && err.name === 'AbortError') throw new AppError('CANCELLED', `decoding ${path} cancelled`, { cause: err });
    throw new AppError('IO_FAILED', `cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  yield* decodeLines(splitter.flush());
  decoder.end();
  return decoder.stats();
}

function openStream(path: string, signal: AbortSignal | undefined): AsyncIterable<unknown> {
  const file = createReadStream(path, { signal, highWaterMark: 1 << 16 });
  if (!path.endsWith('.gz')) return file;
  const gunzip = createGunzip();
  file.on('error', (err) => gunzip.destroy(err)); // pipe() does not forward read errors
  return file.pipe(gunzip);
}
