/**
 * What every AIS source is given and what it must provide. A source turns its input (NMEA bytes,
 * CSV/JSON records, HTTP polls, the demo simulator) into observations for the one ingest and keeps
 * its own health up to date.
 */
import type { Logger } from '../../app/logger.ts';
import type { SecretStore } from '../../app/secrets.ts';
import { AisDecoder } from '../decode.ts';
import type { AisIngest } from '../ingest.ts';
import type { Observation } from '../observation.ts';
import type { SourceHealth } from './health.ts';

/** Services a source may use. */
export interface SourceContext {
  ingest: AisIngest;
  health: SourceHealth;
  logger: Logger;
  secrets?: SecretStore;
  /** Where the sensor is (area queries of SeaVision/aisstream default to a box around it). */
  sensor: () => { lat: number; lon: number } | undefined;
}

/** A running source. */
export interface AisSource {
  readonly id: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Token bucket over wall-clock seconds; `maxPerSecond` 0 = unlimited. */
export class RateGuard {
  readonly #max: number;
  #second = 0;
  #used = 0;

  constructor(maxPerSecond: number) {
    this.#max = maxPerSecond;
  }

  /** True when one more message may pass now. */
  allow(now = Date.now()): boolean {
    if (this.#max <= 0) return true;
    const second = Math.floor(now / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#used = 0;
    }
    return ++this.#used <= this.#max;
  }
}

/** Hands observations to the ingest through the rate guard, counting what passes and what is dropped. */
export function observationSink(ctx: SourceContext, guard: RateGuard) {
  return (observations: readonly Observation[], dataTime?: number): void => {
    if (observations.length === 0) return;
    if (!guard.allow()) {
      ctx.health.decodeError('rate-limited');
      return;
    }
    ctx.health.messages(1, dataTime);
    for (const o of observations) ctx.ingest.accept(o, ctx.health.id);
  };
}

const SAMPLE_LOG_MS = 60_000;

/**
 * One NMEA byte stream (a TCP connection, UDP datagrams, a file): its own decoder, so fragments of
 * different peers never mix, with rejects counted in the source's health and sampled to the log.
 */
export class NmeaFeed {
  readonly #decoder: AisDecoder;
  readonly #ctx: SourceContext;
  readonly #guard: RateGuard;
  #lastLog = 0;

  constructor(ctx: SourceContext, guard: RateGuard) {
    this.#ctx = ctx;
    this.#guard = guard;
    this.#decoder = new AisDecoder({
      onError: (failure, line) => {
        if (failure.reason === 'not-ais') return; // other NMEA talk on a shared feed is normal
        ctx.health.decodeError(failure.reason);
        this.#logSample(`${failure.reason}: ${failure.detail}`, line);
      },
    });
  }

  /** Decodes a chunk received at `now` (wall clock unless a tag block says otherwise) and ingests it. */
  push(chunk: string | Uint8Array, now = Date.now()): void {
    for (const m of this.#decoder.pushChunk(chunk, now)) this.#accept(m, now);
    this.#countOrphans();
  }

  /** Decodes one complete line received at `time` (replays); `shiftMs` moves tag-block times too. */
  pushLine(line: string, time: number, shiftMs = 0): void {
    for (const m of this.#decoder.push(line, time)) {
      if (shiftMs !== 0 && m.receivedAt !== undefined) m.receivedAt += shiftMs;
      this.#accept(m, time);
    }
    this.#countOrphans();
  }

  /** End of stream: flushes the last line and counts incomplete messages as orphans. */
  end(): void {
    for (const m of this.#decoder.end()) this.#accept(m, Date.now());
    this.#countOrphans();
  }

  #orphans = 0;

  /** Fragments the assembler dropped (timeout, repeat, end) since the last call, into the health counters. */
  #countOrphans(): void {
    const total = this.#decoder.stats().orphanFragments;
    for (; this.#orphans < total; this.#orphans++) this.#ctx.health.decodeError('orphan-fragment');
  }

  #accept(message: ReturnType<AisDecoder['push']>[number], time: number): void {
    if (!this.#guard.allow()) {
      this.#ctx.health.decodeError('rate-limited');
      return;
    }
    this.#ctx.health.messages(1, message.receivedAt ?? time);
    this.#ctx.ingest.acceptMessage(message, time, this.#ctx.health.id);
  }

  #logSample(what: string, line: string): void {
    const now = Date.now();
    if (now - this.#lastLog < SAMPLE_LOG_MS) return;
    this.#lastLog = now;
    this.#ctx.logger.warn(`rejected line (${what}); sample: ${JSON.stringify(line.slice(0, 200))}`);
  }
}
