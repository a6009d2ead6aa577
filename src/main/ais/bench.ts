/**
 * Micro benchmark of the AIS decoder: a real NMEA log (pyais fixture, 897 lines of types
 * 1/3/4/5/18/24…) repeated in memory and decoded on one core. When gpsd's `gpsdecode` is
 * available (PATH, or AIW_GPSDECODE) the same text is timed through it for a ratio.
 *
 * Run: `node src/main/ais/bench.ts` (prints JSON).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, openSync, closeSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { AisDecoder } from './decode.ts';

/** Benchmark options. */
export interface AisBenchOptions {
  /** Times the fixture is repeated (897 lines each). Default 200. */
  repeat?: number;
  /** Path of gpsdecode, or false to skip the comparison. Default: AIW_GPSDECODE or PATH. */
  gpsdecode?: string | false;
}

/** Benchmark result. */
export interface AisBenchResult {
  sentencesPerSecond: number;
  sentences: number;
  messages: number;
  seconds: number;
  /** gpsdecode on the same text, when available. */
  gpsdecode?: { path: string; sentencesPerSecond: number; seconds: number };
  /** Our throughput divided by gpsdecode's (>1 means we are faster). */
  ratioVsGpsdecode?: number;
}

export const FIXTURE = new URL('../../../test/fixtures/ais/pyais/nmea_data_sample.txt', import.meta.url);

/** Decodes a large repeated fixture and reports sentences per second (one core). */
export async function benchAis(options: AisBenchOptions = {}): Promise<AisBenchResult> {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l.trim().length > 0);
  const repeat = options.repeat ?? 200;
  decodeAll(lines, 1); // warm-up so the JIT has compiled the hot paths
  const started = process.hrtime.bigint();
  const stats = decodeAll(lines, repeat);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result: AisBenchResult = {
    sentencesPerSecond: Math.round(stats.sentences / seconds),
    sentences: stats.sentences,
    messages: stats.messages,
    seconds,
  };
  const gpsdecode = options.gpsdecode === false ? undefined : (options.gpsdecode ?? findGpsdecode());
  if (gpsdecode !== undefined) {
    const gpsSeconds = await timeGpsdecode(gpsdecode, lines, repeat);
    const gpsRate = Math.round(stats.sentences / gpsSeconds);
    result.gpsdecode = { path: gpsdecode, sentencesPerSecond: gpsRate, seconds: gpsSeconds };
    result.ratioVsGpsdecode = Math.round((result.sentencesPerSecond / gpsRate) * 100) / 100;
  }
  return result;
}

function decodeAll(lines: string[], repeat: number) {
  const decoder = new AisDecoder();
  const now = Date.now();
  for (let r = 0; r < repeat; r++) {
    for (const line of lines) decoder.push(line, now);
  }
  return decoder.stats();
}

/** gpsdecode from AIW_GPSDECODE or the PATH, if executable. */
export function findGpsdecode(): string | undefined {
  const candidates = [process.env.AIW_GPSDECODE, ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'gpsdecode'))];
  for (const candidate of candidates) {
    if (candidate === undefined || candidate === '') continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there; try the next one
    }
  }
  return undefined;
}

/** Wall time of `gpsdecode < file > /dev/null` on the repeated text, seconds. */
export async function timeGpsdecode(binary: string, lines: string[], repeat: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'aiw-ais-bench-'));
  const file = join(dir, 'log.nmea');
  writeFileSync(file, (lines.join('\n') + '\n').repeat(repeat));
  const input = openSync(file, 'r');
  try {
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(binary, [], { stdio: [input, 'ignore', 'ignore'] });
      child.on('error', reject);
      child.on('exit', () => resolve());
    });
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    closeSync(input);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const result = await benchAis();
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
