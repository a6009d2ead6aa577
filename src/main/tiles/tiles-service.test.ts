import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpectrogramColumns } from '../../shared/domain.ts';
import { silentLogger } from '../app/logger.ts';
import { openDatabase, type Db } from '../storage/database.ts';
import { createRepositories, type Repositories } from '../storage/repositories.ts';
import { TILE_COLUMNS } from '../../shared/tile-geometry.ts';
import { TileService, geometryOf } from './tiles-service.ts';

const BINS = 5;
const COLUMN_MS = 64; // 512-sample hop at 8 kHz, nFft 8 for a small test
let dir: string;
let db: Db;
let repos: Repositories;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tiles-'));
  db = openDatabase(join(dir, 'aiw.db'));
  repos = createRepositories(db);
  repos.stations.upsert({ id: 's1', name: 'S1', kind: 'files', lat: 0, lon: 0, sampleRate: 8000, channels: 1 });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `n` columns from base index `first`, column k (absolute) filled with (k mod 251). */
function batch(first: number, n: number, over: Partial<SpectrogramColumns> = {}): SpectrogramColumns {
  const data = new Uint8Array(n * BINS);
  for (let c = 0; c < n; c++) data.fill((first + c) % 251, c * BINS, (c + 1) * BINS);
  return {
    stationId: 's1', startTime: first * COLUMN_MS, columnMs: COLUMN_MS, bins: BINS, columns: n, fMaxHz: 4000, dbFloor: -110, dbCeil: -35,
    data: Buffer.from(data).toString('base64'), ...over,
  };
}

const service = () => new TileService({ repo: repos.tiles, root: join(dir, 'tiles'), logger: silentLogger, saveIntervalMs: 60_000 });
const bytes = (b64: string) => Buffer.from(b64, 'base64');

describe('TileService', () => {
  it('derives the display geometry from a column batch', () => {
    expect(geometryOf({ columnMs: 64, bins: 513, fMaxHz: 4000, dbFloor: -110, dbCeil: -35 })).toMatchObject({ sampleRate: 8000, nFft: 1024, hop: 512 });
  });

  it('answers fine and coarse queries from open and saved tiles, and survives a restart', async () => {
    const s = service();
    // Three tiles' worth of columns, a gap of one tile, then half a tile.
    s.addColumns(batch(0, 3 * TILE_COLUMNS));
    s.addColumns(batch(4 * TILE_COLUMNS, TILE_COLUMNS / 2));
    const span = TILE_COLUMNS * COLUMN_MS;
    const fine = (await s.query({ stationId: 's1', from: 0, to: 5 * span, pixels: 5 * TILE_COLUMNS }))!;
    expect(fine.level).toBe(0);
    expect(fine.tiles.map((t) => [t.index, t.complete, t.columns])).toEqual([[0, true, 256], [1, true, 256], [2, true, 256], [4, false, 128]]);
    expect(bytes(fine.tiles[1]!.data)[10 * BINS]).toBe((TILE_COLUMNS + 10) % 251);
    const coarse = (await s.query({ stationId: 's1', from: 0, to: 5 * span, pixels: 80 }))!;
    expect(coarse.level).toBe(4); // 1280 base columns on 80 px
    expect(coarse.columnMs).toBe(16 * COLUMN_MS);
    const c = bytes(coarse.tiles[0]!.data);
    expect(c[0]).toBe(8); // mean of base columns 0…15 (7.5)
    // 3 full tiles + half a tile, 16 base columns each; the newest few trail until their level moves on.
    expect(coarse.tiles[0]!.columns).toBeGreaterThanOrEqual(54);
    expect(coarse.tiles[0]!.columns).toBeLessThanOrEqual(56);
    // Known complete tiles are not sent again.
    const again = (await s.query({ stationId: 's1', from: 0, to: 5 * span, pixels: 5 * TILE_COLUMNS, known: { level: 0, indices: [0, 1] } }))!;
    expect(again.tiles.map((t) => t.index)).toEqual([2, 4]);
    const otherLevel = (await s.query({ stationId: 's1', from: 0, to: 5 * span, pixels: 5 * TILE_COLUMNS, known: { level: 3, indices: [0, 1] } }))!;
    expect(otherLevel.tiles).toHaveLength(4);
    await s.close();
    expect(existsSync(join(dir, 'tiles', String(fine.pyramidId), 'L0', '4.tile'))).toBe(true);

    // A new process: the pyramid is found in the database and the half tile is continued.
    const t = service();
    const before = (await t.query({ stationId: 's1', from: 4 * span, to: 5 * span, pixels: TILE_COLUMNS }))!;
    expect(before.tiles.map((x) => [x.index, x.complete, x.columns])).toEqual([[4, true, 128]]);
    expect(before.extent).toEqual({ start: 0, end: 5 * span });
    t.addColumns(batch(4 * TILE_COLUMNS + TILE_COLUMNS / 2, 10));
    const after = (await t.query({ stationId: 's1', from: 4 * span, to: 5 * span, pixels: TILE_COLUMNS }))!;
    expect(after.tiles.map((x) => [x.index, x.complete, x.columns])).toEqual([[4, false, 138]]);
    await t.close();
  });

  it('keeps one pyramid per FFT size: tiles served follow the live FFT size, and switching back continues the first pyramid', async () => {
    const s = service();
    s.addColumns(batch(0, 10)); // nFft 8 (5 bins), 64 ms columns
    const small = (await s.query({ stationId: 's1', from: 0, to: 10 * COLUMN_MS, pixels: 10 }))!;
    expect(small).toMatchObject({ bins: BINS, nFft: 8 });
    // nFft 32: 17 bins, hop 16 at 8 kHz = 2 ms columns.
    const wide = { bins: 17, columnMs: 2, startTime: 1_000_000, data: Buffer.alloc(40 * 17, 9).toString('base64'), columns: 40 };
    s.addColumns(batch(0, 40, wide));
    const big = (await s.query({ stationId: 's1', from: 1_000_000, to: 1_000_080, pixels: 40 }))!;
    expect(big).toMatchObject({ bins: 17, nFft: 32, level: 0, columnMs: 2 });
    expect(big.pyramidId).not.toBe(small.pyramidId);
    expect(bytes(big.tiles[0]!.data).length).toBe(TILE_COLUMNS * 17);
    // Audio from before the switch, where the new pyramid has nothing, is answered from its own pyramid (one FFT size per answer).
    await s.idle();
    const history = (await s.query({ stationId: 's1', from: 0, to: 10 * COLUMN_MS, pixels: 10, known: { level: 0, indices: [0], pyramidId: big.pyramidId } }))!;
    expect(history).toMatchObject({ pyramidId: small.pyramidId, bins: BINS, nFft: 8 });
    expect(history.tiles.map((t) => t.columns)).toEqual([10]); // `known` was of another pyramid: ignored
    s.addColumns(batch(10, 10));
    const back = (await s.query({ stationId: 's1', from: 0, to: 20 * COLUMN_MS, pixels: 20 }))!;
    expect(back.pyramidId).toBe(small.pyramidId);
    expect(back.tiles[0]!.columns).toBe(20);
    await s.close();
  });

  it('answers a range spanning an FFT size switch with each span from the pyramid that has it (others), skipping known tiles', async () => {
    const s = service();
    s.addColumns(batch(0, 10)); // nFft 8: 10 columns of 64 ms, 0 … 640 ms
    const small = (await s.query({ stationId: 's1', from: 0, to: 640, pixels: 10 }))!;
    // Switched to nFft 32 (17 bins, 2 ms columns): 40 columns from 640 ms on.
    s.addColumns(batch(0, 40, { bins: 17, columnMs: 2, startTime: 640, data: Buffer.alloc(40 * 17, 9).toString('base64'), columns: 40 }));
    await s.idle();
    const across = (await s.query({ stationId: 's1', from: 0, to: 720, pixels: 360 }))!;
    expect(across).toMatchObject({ nFft: 32, bins: 17 }); // the current size, where it has audio …
    expect(across.tiles.reduce((n, t) => n + t.columns, 0)).toBe(40);
    // … and the span before the switch from the pyramid of the old size, at its own level.
    expect(across.others).toHaveLength(1);
    const old = across.others![0]!;
    expect(old).toMatchObject({ pyramidId: small.pyramidId, nFft: 8, bins: BINS, level: 0, columnMs: COLUMN_MS });
    expect(old.tiles.map((t) => [t.index, t.columns])).toEqual([[0, 10]]);
    expect(bytes(old.tiles[0]!.data)[3 * BINS]).toBe(3);
    // The older pyramid's complete tiles the client holds are not sent again (the open tile always is).
    s.addColumns(batch(0, 1, { bins: 17, columnMs: 2, startTime: 720, data: Buffer.alloc(17, 9).toString('base64'), columns: 1 }));
    const known = { level: 0, indices: [0], pyramidId: small.pyramidId };
    const again = (await s.query({ stationId: 's1', from: 0, to: 720, pixels: 360, knownOthers: [known] }))!;
    expect(again.others![0]!.tiles.map((t) => t.index)).toEqual(old.tiles[0]!.complete ? [] : [0]);
    // A range beyond the old pyramid's tiles has no others.
    s.addColumns(batch(0, 10, { bins: 17, columnMs: 2, startTime: 20_000, data: Buffer.alloc(10 * 17, 9).toString('base64'), columns: 10 }));
    const later = (await s.query({ stationId: 's1', from: 20_000, to: 20_020, pixels: 10 }))!;
    expect(later).toMatchObject({ nFft: 32 });
    expect(later.others).toBeUndefined();
    await s.close();
  });

  it('starts a new pyramid when the display geometry changes, and has nothing for unknown stations', async () => {
    const s = service();
    s.addColumns(batch(0, 10));
    const first = (await s.query({ stationId: 's1', from: 0, to: 10 * COLUMN_MS, pixels: 10 }))!;
    s.addColumns(batch(20, 10, { bins: BINS, dbFloor: -120 }));
    const second = (await s.query({ stationId: 's1', from: 0, to: 40 * COLUMN_MS, pixels: 40 }))!;
    expect(second.pyramidId).not.toBe(first.pyramidId);
    expect(second.dbFloor).toBe(-120);
    expect(await s.query({ stationId: 'nope', from: 0, to: 1, pixels: 1 })).toBeNull();
    await s.close();
  });
});
