/**
 * Sessions bench (issue 8): opening a 24-hour session — the server-side work behind the review view's
 * first screen (the session list, the day's timeline, the spectrogram tiles at 1500 px) — against a
 * bare read of the same rows, and `.aiwsession` export/import throughput against a plain file copy of
 * the same bytes. Synthetic data written straight into a scratch data folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { silentLogger } from '../app/logger.ts';
import { bundledModelsDir } from '../app/paths.ts';
import { encodeWav } from '../audio/wav-writer.ts';
import { TILE_COLUMNS, VALID_BYTES } from '../../shared/tile-geometry.ts';
import { createRepositories } from '../storage/repositories.ts';
import { TileService } from '../tiles/tiles-service.ts';
import { fixtureStation, openFixture, type Fixture } from './session-fixture.ts';

const HOUR = 3_600_000;
const SEGMENT_MS = 30_000;
const HOP_MS = 22_500;
const MODELS = 6;
const RANGES = [10, 20, 40, 60, 80, 100];
const BINS = 513;
const COLUMN_MS = 64;

export interface SessionsBench {
  hours: number;
  segments: number;
  predictions: number;
  listMs: number;
  timelineMs: number;
  timelineKB: number;
  tilesMs: number;
  firstScreenMs: number;
  bareReadMs: number;
  exportMB: number;
  exportS: number;
  importS: number;
  copyS: number;
}

const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
};

function fillDay(f: Fixture, t0: number, hours: number): number {
  const db = f.db;
  const insertSeg = db.prepare('INSERT INTO segments (station_id, start_time, end_time, sample_rate) VALUES (?, ?, ?, 8000)');
  const insertPred = db.prepare(`INSERT INTO predictions (segment_id, model_id, model_version, classes, probs, predicted_class, entropy, entropy_norm, margin, latency_ms, created_at)
    VALUES (?, ?, '1.0.0', '["A","B","C","D","E"]', ?, ?, 1, ?, 0.3, 5, 0)`);
  const insertLabel = db.prepare(`INSERT INTO labels (segment_id, range_km, mapping_version, status, classes, vessels, final, computed_at, coverage)
    VALUES (?, ?, 1, 'single', '["D"]', '[]', 1, 0, 'fresh')`);
  for (let m = 0; m < MODELS; m++) {
    db.prepare(`INSERT INTO models (id, version, name, author, task, manifest, onnx_sha256, dir, status, deployed_at, deployed_by)
      VALUES (?, '1.0.0', 'bench', 'bench', 'multi-class', '{}', 'x', '', 'active', 0, 'bench')`).run(`model-${m}`);
  }
  let n = 0;
  db.transaction(() => {
    for (let t = t0; t + SEGMENT_MS <= t0 + hours * HOUR; t += HOP_MS, n++) {
      const id = Number(insertSeg.run(f.station.id, t, t + SEGMENT_MS).lastInsertRowid);
      for (let m = 0; m < MODELS; m++) insertPred.run(id, `model-${m}`, '[0.1,0.1,0.1,0.6,0.1]', 'ABCDE'[(n + m) % 5], ((n * 7 + m) % 10) / 10);
      for (const r of RANGES) insertLabel.run(id, r);
    }
    const pos = db.prepare("INSERT INTO ais_positions (mmsi, time, lat, lon, source) VALUES (?, ?, ?, ?, 'bench')");
    for (let v = 0; v < 50; v++) for (let t = t0; t < t0 + hours * HOUR; t += 60_000) pos.run(366_000_000 + v, t, f.station.lat + v * 0.005, f.station.lon);
  })();
  return n;
}

/** Valid tiles (zero levels) at every level of a day: what `spectrogram:tiles` reads. */
function writeTiles(f: Fixture, t0: number, hours: number): void {
  const id = Number(f.db.prepare(`INSERT INTO spectrogram_pyramids (station_id, sample_rate, n_fft, hop, column_ms, bins, f_max_hz, db_floor, db_ceil, created_at, last_used_at)
    VALUES (?, 8000, 1024, 512, ?, ?, 4000, -110, -35, 0, 0)`).run(f.station.id, COLUMN_MS, BINS).lastInsertRowid);
  const body = deflateRawSync(Buffer.concat([Buffer.alloc(VALID_BYTES, 0xff), Buffer.alloc(TILE_COLUMNS * BINS, 90)]), { level: 1 });
  const insert = f.db.prepare('INSERT INTO spectrogram_tiles (pyramid_id, level, tile_index, start_time, end_time, columns, bytes, updated_at) VALUES (?, ?, ?, ?, ?, 256, ?, 0)');
  f.db.transaction(() => {
    for (let level = 0; level <= 16; level++) {
      const span = TILE_COLUMNS * COLUMN_MS * 2 ** level;
      mkdirSync(join(f.paths.tileCache, String(id), `L${level}`), { recursive: true });
      for (let i = Math.floor(t0 / span); i * span < t0 + hours * HOUR; i++) {
        writeFileSync(join(f.paths.tileCache, String(id), `L${level}`, `${i}.tile`), body);
        insert.run(id, level, i, i * span, (i + 1) * span, body.length);
      }
    }
  })();
}

/** One hour of 4-channel 8 kHz audio as six 10-minute cache files (the demo's layout). */
function writeAudio(f: Fixture, t0: number): string[] {
  const dir = join(f.paths.audioCache, f.station.id);
  mkdirSync(dir, { recursive: true });
  const frames = 600 * 8000;
  const channel = Float32Array.from({ length: frames }, (_, i) => 0.1 * Math.sin(i * 0.05));
  const wav = encodeWav([channel, channel, channel, channel], { sampleRate: 8000, encoding: 'pcm16' });
  const repos = createRepositories(f.db);
  return Array.from({ length: 6 }, (_, k) => {
    const path = join(dir, `bench-${k}.wav`);
    writeFileSync(path, wav);
    repos.backfill.registerCached({ stationId: f.station.id, name: `bench-${k}.wav`, path, bytes: wav.length, startTime: t0 + k * 600_000, durationMs: 600_000, sampleRate: 8000, channels: 4 });
    return path;
  });
}

/** A data folder with one station's `hours` of segments, 6 models' predictions, labels, AIS and tiles, kept as a session. */
export interface SeededSession {
  dataDir: string;
  stationId: string;
  sessionId: string;
  from: number;
  to: number;
  segments: number;
}

/** Seeds `dataDir` (created) with a `hours`-long session of station "bench" starting at `t0` (the review bench opens it in Chromium). */
export function seedSessionData(dataDir: string, hours: number, t0 = Date.UTC(2025, 0, 1)): SeededSession {
  const f = openFixture(dataDir, { ...fixtureStation('bench'), sampleRate: 8000, channels: 4 });
  try {
    const segments = fillDay(f, t0, hours);
    writeTiles(f, t0, hours);
    const session = f.sessions.create({ stationId: 'bench', from: t0, to: t0 + hours * HOUR, name: `${hours} h` });
    // The bench's models have no ONNX file: a workstation serving this folder must not try to run them,
    // but lists them, so they get a real manifest (the bundled baseline's, renamed).
    const manifest = JSON.parse(readFileSync(join(bundledModelsDir(), 'baseline-logreg', 'model.json'), 'utf8')) as Record<string, unknown>;
    const update = f.db.prepare("UPDATE models SET status = 'retired', manifest = ? WHERE id = ?");
    for (let m = 0; m < MODELS; m++) update.run(JSON.stringify({ ...manifest, id: `model-${m}`, version: '1.0.0' }), `model-${m}`);
    return { dataDir, stationId: 'bench', sessionId: session.id, from: t0, to: t0 + hours * HOUR, segments };
  } finally {
    f.close();
  }
}

export async function benchSessions(hours = 24): Promise<SessionsBench> {
  const root = mkdtempSync(join(tmpdir(), 'aiw-bench-sessions-'));
  try {
    const f = openFixture(join(root, 'data'), { ...fixtureStation('bench'), sampleRate: 8000, channels: 4 });
    const t0 = Date.UTC(2025, 0, 1);
    const segments = fillDay(f, t0, hours);
    writeTiles(f, t0, hours);
    const audio = writeAudio(f, t0);
    const session = f.sessions.create({ stationId: 'bench', from: t0, to: t0 + hours * HOUR, name: 'a day' });
    const [, listMs] = time(() => f.sessions.list());
    const [timeline, timelineMs] = time(() => f.sessions.timeline.timeline('bench', t0, t0 + hours * HOUR, 20));
    const tiles = new TileService({ repo: createRepositories(f.db).tiles, root: f.paths.tileCache, logger: silentLogger });
    const t1 = performance.now();
    await tiles.query({ stationId: 'bench', from: t0, to: t0 + hours * HOUR, pixels: 1500 });
    const tilesMs = performance.now() - t1;
    await tiles.close();
    const [, bareReadMs] = time(() => f.db.prepare('SELECT p.* FROM predictions p JOIN segments s ON s.id = p.segment_id WHERE s.station_id = ?').all('bench'));
    // Export / import one hour with its audio, against copying the same audio files.
    const hour = f.sessions.create({ stationId: 'bench', from: t0, to: t0 + HOUR });
    const file = join(root, 'hour.aiwsession');
    const e0 = performance.now();
    await f.sessions.export(hour.id, file);
    const exportS = (performance.now() - e0) / 1000;
    const c0 = performance.now();
    for (const [k, p] of audio.entries()) copyFileSync(p, join(root, `copy-${k}.wav`));
    const copyS = (performance.now() - c0) / 1000;
    f.close();
    const target = openFixture(join(root, 'target'), fixtureStation('other'));
    const i0 = performance.now();
    await target.sessions.import(file);
    const importS = (performance.now() - i0) / 1000;
    target.close();
    void session;
    return {
      hours, segments, predictions: segments * MODELS, listMs, timelineMs, timelineKB: JSON.stringify(timeline).length / 1024, tilesMs,
      firstScreenMs: listMs + timelineMs + tilesMs, bareReadMs, exportMB: statSync(file).size / 1e6, exportS, importS, copyS,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
