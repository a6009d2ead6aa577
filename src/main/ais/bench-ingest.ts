/**
 * Decode-and-store benchmark: the real pyais log repeated in memory, decoded, passed through the
 * ingest's plausibility gate and written to a fresh SQLite file (WAL) in batches, on one core.
 * The goal is ≥ 50,000 sentences/s; gpsdecode (decode only, to /dev/null) on the same text gives a
 * reference ratio when it is installed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../app/logger.ts';
import { openDatabase, type Db } from '../storage/database.ts';
import { FIXTURE, findGpsdecode, timeGpsdecode } from './bench.ts';
import { AisDecoder } from './decode.ts';
import { AisIngest } from './ingest.ts';
import { createAisStore, type AisStore } from './ingest-store.ts';

/** Result of `benchAisIngest`. */
export interface AisIngestBenchResult {
  sentencesPerSecond: number;
  sentences: number;
  positionsStored: number;
  seconds: number;
  gpsdecodeSentencesPerSecond?: number;
  /** Our decode-and-store rate divided by gpsdecode's decode-only rate (>1: faster). */
  ratioVsGpsdecode?: number;
}

/** Decodes and stores `repeat` copies of the fixture (times spread so the jump check sees real motion). */
export async function benchAisIngest(options: { repeat?: number; gpsdecode?: string | false } = {}): Promise<AisIngestBenchResult> {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l.trim().length > 0);
  const repeat = options.repeat ?? 100;
  decodeAndStore(lines, 3); // warm-up so the JIT has compiled the hot paths
  const dir = mkdtempSync(join(tmpdir(), 'aiw-ais-ingest-bench-'));
  const db = openDatabase(join(dir, 'aiw.db'));
  try {
    const started = process.hrtime.bigint();
    const { sentences, positions } = decodeAndStore(lines, repeat, db);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const result: AisIngestBenchResult = { sentencesPerSecond: Math.round(sentences / seconds), sentences, positionsStored: positions, seconds };
    const gpsdecode = options.gpsdecode === false ? undefined : (options.gpsdecode ?? findGpsdecode());
    if (gpsdecode !== undefined) {
      const gpsRate = Math.round(sentences / (await timeGpsdecode(gpsdecode, lines, repeat)));
      result.gpsdecodeSentencesPerSecond = gpsRate;
      result.ratioVsGpsdecode = Math.round((result.sentencesPerSecond / gpsRate) * 100) / 100;
    }
    return result;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Decodes `repeat` copies of `lines` (one minute apart) into the ingest over `db` (or a store that discards). */
function decodeAndStore(lines: readonly string[], repeat: number, db?: Db): { sentences: number; positions: number } {
  const store: AisStore = db === undefined ? { write: () => undefined, loadStatic: () => undefined } : createAisStore(db);
  const ingest = new AisIngest({ store, logger: silentLogger });
  const decoder = new AisDecoder();
  const t0 = Date.UTC(2024, 0, 1);
  for (let r = 0; r < repeat; r++) {
    const time = t0 + r * 60_000;
    for (const line of lines) for (const m of decoder.push(line, time)) ingest.acceptMessage(m, time, 'bench');
  }
  ingest.flush();
  return { sentences: decoder.stats().sentences, positions: ingest.stats().positions };
}

if (import.meta.main) {
  process.stdout.write(JSON.stringify(await benchAisIngest(), null, 2) + '\n');
}
