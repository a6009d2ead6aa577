/**
 * Test fixture: a data folder with one station's worth of everything a session holds — cached audio,
 * segments, predictions of one model, labels, a verification, AIS around the station and tiles on
 * disk — built directly through the repositories (no pipeline), fast and deterministic.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Station } from '../../shared/domain.ts';
import { dataPaths, type DataPaths } from '../app/paths.ts';
import { silentLogger } from '../app/logger.ts';
import { writeWav } from '../audio/wav-writer.ts';
import { openDatabase, type Db } from '../storage/database.ts';
import { createRepositories } from '../storage/repositories.ts';
import { SessionService } from './session-service.ts';

export const FIXTURE_T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
export const FIXTURE_RATE = 1000;
const FILE_MS = 60_000;
const SEGMENT_MS = 30_000;

export interface Fixture {
  db: Db;
  paths: DataPaths;
  station: Station;
  sessions: SessionService;
  close(): void;
}

export function fixtureStation(id = 'st'): Station {
  return { id, name: `Station ${id}`, kind: 'demo', lat: 36.7, lon: -122.2, sampleRate: FIXTURE_RATE, channels: 1 };
}

/** A sine at `hz` (so a cut can be checked sample by sample). */
export function tone(frames: number, hz: number, offsetFrames = 0): Float32Array {
  return Float32Array.from({ length: frames }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * (i + offsetFrames)) / FIXTURE_RATE));
}

/** Opens (creating) a data folder with the sessions service over it. */
export function openFixture(root: string, station = fixtureStation()): Fixture {
  const paths = dataPaths(root);
  for (const dir of [paths.audioCache, paths.tileCache]) mkdirSync(dir, { recursive: true });
  const db = openDatabase(paths.database);
  const repos = createRepositories(db);
  repos.stations.upsert(station);
  const sessions = new SessionService({ db, paths, stations: () => repos.stations.list(), appVersion: 'test', logger: silentLogger });
  return { db, paths, station, sessions, close: () => db.close() };
}

/** Fills `minutes` of data from FIXTURE_T0 on: 1-minute cache files, 30 s segments, one model, labels, AIS, tiles. */
export async function fillFixture(f: Fixture, minutes: number): Promise<void> {
  const repos = createRepositories(f.db);
  const sid = f.station.id;
  const dir = join(f.paths.audioCache, sid);
  mkdirSync(dir, { recursive: true });
  f.db.prepare(`INSERT OR IGNORE INTO models (id, version, name, author, task, manifest, onnx_sha256, dir, status, deployed_at, deployed_by)
    VALUES ('m', '1', 'M', 'test', 'multi-class', '{}', 'x', '/nowhere', 'active', 0, 'test')`).run();
  for (let k = 0; k < minutes; k++) {
    const start = FIXTURE_T0 + k * FILE_MS;
    const path = join(dir, `${sid}-${k}.wav`);
    await writeWav(path, [tone(FILE_MS / 1000 * FIXTURE_RATE, 50, k * FIXTURE_RATE * 60)], { sampleRate: FIXTURE_RATE, encoding: 'pcm16' });
    repos.backfill.registerCached({ stationId: sid, name: `${sid}-${k}.wav`, path, bytes: 44 + 2 * 60 * FIXTURE_RATE, startTime: start, durationMs: FILE_MS, sampleRate: FIXTURE_RATE, channels: 1 });
  }
  for (let t = FIXTURE_T0; t + SEGMENT_MS <= FIXTURE_T0 + minutes * FILE_MS; t += SEGMENT_MS) {
    const segmentId = repos.segments.ensure({ stationId: sid, startTime: t, endTime: t + SEGMENT_MS, sampleRate: FIXTURE_RATE, padded: false });
    const k = (t - FIXTURE_T0) / SEGMENT_MS;
    const probs = k % 3 === 0 ? [0.1, 0.9] : [0.8, 0.2];
    repos.predictions.insertMany([{
      segmentId, modelId: 'm', modelVersion: '1', mappingVersion: 1, classes: ['A', 'E'], probs, predictedClass: probs[0]! > 0.5 ? 'A' : 'E',
      uncertainty: { entropy: 0.5, entropyNorm: k % 4 === 0 ? 0.95 : 0.2, margin: 0.6 }, latencyMs: 1,
    }]);
    f.db.prepare(`INSERT INTO labels (segment_id, range_km, mapping_version, status, classes, vessels, final, computed_at, coverage)
      VALUES (?, 10, 1, ?, ?, '[]', 1, 0, 'fresh')`).run(segmentId, k % 2 ? 'single' : 'background', k % 2 ? '["A"]' : '["E"]');
  }
  addAis(f.db, f.station, FIXTURE_T0 - 3_600_000, FIXTURE_T0 + minutes * FILE_MS + 3_600_000);
  addTiles(f, FIXTURE_T0, minutes);
}

function addAis(db: Db, s: Station, from: number, to: number): void {
  const pos = db.prepare("INSERT INTO ais_positions (mmsi, time, lat, lon, source) VALUES (?, ?, ?, ?, 'test')");
  const minute = db.prepare('INSERT OR IGNORE INTO ais_track_minutes (mmsi, minute, time, lat, lon) VALUES (?, ?, ?, ?, ?)');
  for (let t = from; t <= to; t += 60_000) {
    const lat = s.lat + 0.01;
    pos.run(366000001, t, lat, s.lon);
    minute.run(366000001, Math.floor(t / 60_000), t, lat, s.lon);
    pos.run(366000002, t, s.lat + 5, s.lon); // far outside any session's box
  }
  db.prepare("INSERT OR IGNORE INTO vessels (mmsi, name, ship_type, updated_at) VALUES (366000001, 'NEAR', 70, 0), (366000002, 'FAR', 70, 0)").run();
}

function addTiles(f: Fixture, from: number, minutes: number): void {
  const pyramid = f.db.prepare(`INSERT INTO spectrogram_pyramids (station_id, sample_rate, n_fft, hop, column_ms, bins, f_max_hz, db_floor, db_ceil, created_at, last_used_at)
    VALUES (?, 1000, 64, 64, 64, 33, 500, -110, -35, 0, 0)`).run(f.station.id).lastInsertRowid as number;
  const span = 256 * 64;
  for (let i = Math.floor(from / span); i * span < from + minutes * 60_000; i++) {
    const path = join(f.paths.tileCache, String(pyramid), 'L0', `${i}.tile`);
    mkdirSync(join(f.paths.tileCache, String(pyramid), 'L0'), { recursive: true });
    writeFileSync(path, Buffer.from(`tile ${i}`));
    f.db.prepare('INSERT INTO spectrogram_tiles (pyramid_id, level, tile_index, start_time, end_time, columns, bytes, updated_at) VALUES (?, 0, ?, ?, ?, 256, 6, 0)')
      .run(pyramid, i, i * span, (i + 1) * span);
  }
}
