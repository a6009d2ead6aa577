import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpectrogramColumns } from '../../shared/domain.ts';
import { TILE_COLUMNS, tileSpanMs } from '../../shared/tile-geometry.ts';
import { silentLogger } from '../app/logger.ts';
import { openDatabase, type Db } from '../storage/database.ts';
import { createRepositories, type Repositories } from '../storage/repositories.ts';
import { FINE_LEVELS, type TileRetentionPolicy } from './tile-retention.ts';
import { TileService } from './tiles-service.ts';
import { tilePath } from './tile-store.ts';

const BINS = 9;
const COLUMN_MS = 64;
const DAY = 86_400_000;
const SPAN = tileSpanMs(COLUMN_MS, 0);
let dir: string;
let db: Db;
let repos: Repositories;
let service: TileService;
/** When the tiles were written (≈ now): prunes run "days later" relative to it. */
let written: number;
let oldAudio: number;
let newAudio: number;

/** `tiles` level-0 tiles of noise-like columns starting at `start` (aligned to a tile). */
function columns(start: number, tiles: number): SpectrogramColumns {
  const n = tiles * TILE_COLUMNS;
  const data = new Uint8Array(n * BINS).map((_, i) => (i * 7919) % 251);
  return {
    stationId: 's1', startTime: start, columnMs: COLUMN_MS, bins: BINS, columns: n, fMaxHz: 4000, dbFloor: -110, dbCeil: -35,
    data: Buffer.from(data).toString('base64'),
  };
}

const alignToTile = (t: number) => Math.floor(t / (SPAN * 2 ** 8)) * SPAN * 2 ** 8;
const tiles = () => db.prepare('SELECT pyramid_id AS pyramidId, level, tile_index AS "index", start_time AS startTime, end_time AS endTime, bytes FROM spectrogram_tiles ORDER BY level, tile_index').all() as {
  pyramidId: number; level: number; index: number; startTime: number; endTime: number; bytes: number;
}[];
/** One retention run as the service's timer would do it. */
async function prune(retention: TileRetentionPolicy, now: number) {
  const s = new TileService({ repo: repos.tiles, root: join(dir, 'tiles'), logger: silentLogger, retention });
  try {
    return await s.prune(now);
  } finally {
    await s.close();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tile-retention-'));
  db = openDatabase(join(dir, 'aiw.db'));
  repos = createRepositories(db);
  repos.stations.upsert({ id: 's1', name: 'S1', kind: 'files', lat: 0, lon: 0, sampleRate: 8000, channels: 1 });
  written = Date.now();
  // Audio times are just numbers: "old" audio ended 9 days before the prunes' `now`, "new" audio 1 day before.
  oldAudio = alignToTile(written + DAY);
  newAudio = alignToTile(written + 9 * DAY);
  service = new TileService({ repo: repos.tiles, root: join(dir, 'tiles'), logger: silentLogger, saveIntervalMs: 60_000 });
  service.addColumns(columns(oldAudio, 4));
  service.addColumns(columns(newAudio, 4));
  await service.close(); // every level written and indexed
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tile retention', () => {
  it('drops the fine levels of old audio only, files and index alike, and keeps the coarse picture', async () => {
    const before = tiles();
    const report = await prune({ fineMaxAgeDays: 2, maxBytes: 0 }, written + 10 * DAY);
    const after = tiles();
    const fineOld = before.filter((t) => t.level < FINE_LEVELS && t.endTime <= newAudio);
    expect(fineOld.length).toBe(4 + 2 + 1);
    expect(report.byAge).toBe(fineOld.length);
    expect(report.bytesFreed).toBe(fineOld.reduce((s, t) => s + t.bytes, 0));
    expect(after.length).toBe(before.length - fineOld.length);
    for (const t of fineOld) expect(existsSync(tilePath(join(dir, 'tiles'), t.pyramidId, t.level, t.index))).toBe(false);
    expect(after.filter((t) => t.level < FINE_LEVELS).every((t) => t.startTime >= newAudio)).toBe(true);
    // Zoomed out, the old audio is still there; zoomed in, it is gone.
    const fine = (await service.query({ stationId: 's1', from: oldAudio, to: oldAudio + 4 * SPAN, pixels: 4 * TILE_COLUMNS }))!;
    expect(fine.tiles).toEqual([]);
    const coarse = (await service.query({ stationId: 's1', from: oldAudio, to: oldAudio + 4 * SPAN, pixels: (4 * TILE_COLUMNS) / 8 }))!;
    expect(coarse.level).toBe(FINE_LEVELS);
    expect(coarse.tiles[0]!.columns).toBe((4 * TILE_COLUMNS) / 8);
  });

  it('keeps tiles under a pinned session', async () => {
    db.prepare(`INSERT INTO sessions (id, station_id, name, kind, start_time, end_time, pinned, created_at)
      VALUES ('p', 's1', 'pinned', 'span', ?, ?, 1, 0), ('u', 's1', 'not pinned', 'span', ?, ?, 0, 0)`)
      .run(oldAudio + SPAN + 10, oldAudio + SPAN + 20, oldAudio, oldAudio + 4 * SPAN);
    await prune({ fineMaxAgeDays: 2, maxBytes: 0 }, written + 10 * DAY);
    const fine = tiles().filter((t) => t.level < FINE_LEVELS && t.startTime < newAudio);
    // The pinned range lies in level-0 tile 1 of the old audio, level-1 tile 0, level-2 tile 0.
    expect(fine.map((t) => [t.level, (t.startTime - oldAudio) / SPAN])).toEqual([[0, 1], [1, 0], [2, 0]]);
  });

  it('keeps all tiles under the quota, deleting the fine levels of the oldest audio first', async () => {
    const before = tiles();
    const total = before.reduce((s, t) => s + t.bytes, 0);
    expect(repos.tiles.totalBytes()).toBe(total);
    const quota = Math.round(total * 0.7);
    const report = await prune({ fineMaxAgeDays: 2, maxBytes: quota }, written + 2 * 3_600_000); // no tile is old: only the quota acts
    expect(report.byAge).toBe(0);
    expect(report.totalBytes).toBeLessThanOrEqual(quota);
    const after = tiles();
    const gone = before.filter((b) => !after.some((a) => a.level === b.level && a.index === b.index));
    expect(gone.length).toBe(report.byQuota);
    expect(gone.every((t) => t.level < FINE_LEVELS && t.startTime < newAudio)).toBe(true);
    // Oldest first: every fine tile left ends no earlier than every deleted one.
    const latestGone = Math.max(...gone.map((t) => t.endTime));
    expect(after.filter((t) => t.level < FINE_LEVELS).every((t) => t.endTime >= latestGone)).toBe(true);
  });

  it('goes on to coarse levels when the fine ones are not enough, but never touches tiles written in the last hour', async () => {
    expect(await prune({ fineMaxAgeDays: 2, maxBytes: 1 }, written)).toMatchObject({ byAge: 0, byQuota: 0 });
    const all = await prune({ fineMaxAgeDays: 0, maxBytes: 1 }, written + 2 * 3_600_000);
    expect(all.byQuota).toBeGreaterThan(FINE_LEVELS * 2);
    expect(all.totalBytes).toBe(0);
    expect(tiles()).toEqual([]);
  });
});
