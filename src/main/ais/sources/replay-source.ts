/**
 * Replays a recorded AIS file at a chosen speed by its own times: NMEA logs (with or without tag
 * blocks or timestamp columns, plain or .gz), MarineCadastre CSV, or aisstream.io JSON lines.
 * Speed 0 replays as fast as the ingest accepts (waiting while it is congested).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { aisstreamLineObservations } from '../formats/aisstream-json.ts';
import { csvRowObservations, parseCsvHeader, type CsvHeader } from '../formats/marinecadastre-csv.ts';
import { LineClock } from '../line-time.ts';
import { tagTimeToMs } from '../nmea.ts';
import type { Observation } from '../observation.ts';
import type { AisSourceConfig } from './config.ts';
import { NmeaFeed, RateGuard, observationSink, type AisSource, type SourceContext } from './source.ts';

type ReplayConfig = Extract<AisSourceConfig, { kind: 'replay' }>;
type Format = 'nmea' | 'csv' | 'aisstream-jsonl';

const TAG_TIME = /\\(?:[^\\]*[,\\])?c:(\d+(?:\.\d+)?)/;
const YIELD_EVERY = 2_000;

/** Decides the format from the first non-empty line when the config says 'auto'. */
export function sniffFormat(firstLine: string, path: string): Format {
  if (parseCsvHeader(firstLine) !== null || /\.csv(\.gz)?$/i.test(path)) return 'csv';
  if (firstLine.trimStart().startsWith('{')) return 'aisstream-jsonl';
  return 'nmea';
}

/** Paces records by their data time: wall time elapsed × speed must have reached data time elapsed. */
class Pacer {
  readonly #speed: number;
  #dataStart: number | undefined;
  #wallStart = 0;
  #sinceYield = 0;

  constructor(speed: number) {
    this.#speed = speed;
  }

  /** Offset that maps the first data time onto "now" (for shiftToNow). */
  get shiftMs(): number {
    return this.#dataStart === undefined ? 0 : this.#wallStart - this.#dataStart;
  }

  note(dataTime: number | undefined): void {
    if (this.#dataStart !== undefined || dataTime === undefined || !Number.isFinite(dataTime)) return;
    this.#dataStart = dataTime;
    this.#wallStart = Date.now();
  }

  async wait(dataTime: number | undefined, signal: AbortSignal): Promise<void> {
    this.note(dataTime);
    if (this.#speed > 0 && dataTime !== undefined && this.#dataStart !== undefined) {
      const due = this.#wallStart + (dataTime - this.#dataStart) / this.#speed;
      const ahead = due - Date.now();
      if (ahead > 5) return sleep(Math.min(ahead, 60_000), undefined, { signal });
    }
    if (++this.#sinceYield >= YIELD_EVERY) {
      this.#sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** One replay of one file (optionally looping). */
export class ReplaySource implements AisSource {
  readonly id: string;
  readonly #cfg: ReplayConfig;
  readonly #ctx: SourceContext;
  readonly #guard: RateGuard;
  readonly #abort = new AbortController();
  #running: Promise<void> | undefined;

  constructor(cfg: ReplayConfig, ctx: SourceContext) {
    this.id = cfg.id;
    this.#cfg = cfg;
    this.#ctx = ctx;
    this.#guard = new RateGuard(cfg.maxMessagesPerSecond);
  }

  /** Resolves when the replay ended (or was stopped): for tests and the CLI. */
  get done(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  async start(): Promise<void> {
    this.#running = this.#run().catch((err: unknown) => {
      if (this.#abort.signal.aborted) return;
      const message = err instanceof Error ? err.message : String(err);
      this.#ctx.health.error(message);
      this.#ctx.health.setState('error', message);
    });
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#running;
    this.#ctx.health.setState('stopped');
  }

  async #run(): Promise<void> {
    const { path, speed, loop } = this.#cfg;
    do {
      this.#ctx.health.setState('connected', `replaying ${path} at ${speed === 0 ? 'full speed' : `${speed}×`}`);
      await this.#replayOnce();
    } while (loop && !this.#abort.signal.aborted);
    this.#ctx.ingest.flush();
    this.#ctx.health.setState('finished', `replayed ${path}`);
  }

  async #replayOnce(): Promise<void> {
    const signal = this.#abort.signal;
    const lines = createInterface({ input: openFile(this.#cfg.path, signal), crlfDelay: Infinity });
    const pacer = new Pacer(this.#cfg.speed);
    let handle: ((line: string) => Promise<void>) | undefined;
    for await (const line of lines) {
      if (signal.aborted) break;
      if (line.trim() === '') continue;
      if (handle === undefined) {
        const format = this.#cfg.format === 'auto' ? sniffFormat(line, this.#cfg.path) : this.#cfg.format;
        handle = this.#handlerFor(format, pacer, line);
        if (format === 'csv') continue; // the first line was the header
      }
      await handle(line);
      await this.#whileCongested(signal);
    }
  }

  /** The per-line handler for a format (`first` is the file's first line: the CSV header). */
  #handlerFor(format: Format, pacer: Pacer, first: string): (line: string) => Promise<void> {
    const signal = this.#abort.signal;
    const shift = () => (this.#cfg.shiftToNow ? pacer.shiftMs : 0);
    if (format === 'nmea') {
      const feed = new NmeaFeed(this.#ctx, this.#guard);
      const clock = new LineClock();
      return async (line) => {
        const time = clock.timeOf(line) ?? tagTime(line);
        await pacer.wait(time, signal);
        feed.pushLine(line, time === undefined ? Date.now() : time + shift(), shift());
      };
    }
    const sink = observationSink(this.#ctx, this.#guard);
    const deliver = async (observations: Observation[] | null) => {
      if (observations === null || observations.length === 0) {
        this.#ctx.health.decodeError(observations === null ? 'not-json' : 'unusable-record');
        return;
      }
      const time = observations[0].kind === 'position' ? observations[0].fix.time : observations[0].data.at;
      await pacer.wait(time, signal);
      sink(shifted(observations, shift()), time);
    };
    if (format === 'aisstream-jsonl') return (line) => deliver(aisstreamLineObservations(line, this.id, Date.now()));
    const header: CsvHeader | null = parseCsvHeader(first);
    if (header === null) {
      this.#ctx.health.error('CSV without a MarineCadastre header (needs MMSI, BaseDateTime, LAT, LON)');
      return async () => this.#ctx.health.decodeError('no-csv-header');
    }
    return (line) => deliver(csvRowObservations(line, header, this.id));
  }

  async #whileCongested(signal: AbortSignal): Promise<void> {
    while (this.#ctx.ingest.congested && !signal.aborted) {
      this.#ctx.ingest.flush();
      await sleep(20);
    }
  }
}

function tagTime(line: string): number | undefined {
  const m = TAG_TIME.exec(line);
  return m === null ? undefined : tagTimeToMs(m[1]);
}

/** The observations with their times moved by `shiftMs`. */
function shifted(observations: Observation[], shiftMs: number): Observation[] {
  if (shiftMs === 0) return observations;
  return observations.map((o) =>
    o.kind === 'position' ? { kind: 'position', fix: { ...o.fix, time: o.fix.time + shiftMs } } : { kind: 'static', data: { ...o.data, at: o.data.at + shiftMs } },
  );
}

function openFile(path: string, signal: AbortSignal): NodeJS.ReadableStream {
  const file = createReadStream(path, { signal, highWaterMark: 1 << 16 });
  if (!path.endsWith('.gz')) return file;
  const gunzip = createGunzip();
  file.on('error', (err) => gunzip.destroy(err));
  return file.pipe(gunzip);
}
