/**
 * Tile pyramid benchmark (`npm run bench`): how long building the display pyramid of 24 hours of
 * 8 kHz audio takes, split into the display spectrogram itself (1024-point FFT every 512
 * samples, measured over one hour and scaled to 24) and the pyramid (pooling, deflating and
 * writing tiles, indexing them in SQLite) over the full 24 hours of columns; and how large it is.
 */
import { mkdtemp, rm, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../app/logger.ts';
import { DisplaySpectrogram, quantizeDb } from '../dsp/display-spectrogram.ts';
import { referenceSignal } from '../dsp/test-signals.ts';
import { openDatabase } from '../storage/database.ts';
import { createRepositories } from '../storage/repositories.ts';
import { TileService } from './tiles-service.ts';

export interface PyramidBenchResult {
  hours: number;
  columns: number;
  /** Display spectrogram (FFT) CPU seconds for `hours`, extrapolated from one hour. */
  spectrogramS: number;
  /** Pyramid build seconds (wall clock, includes the deflate threads and SQLite). */
  pyramidS: number;
  /** CPU seconds of the build (all threads of the process). */
  pyramidCpuS: number;
  tiles: number;
  bytesOnDisk: number;
  /** A day-wide and an hour-wide query answered from disk, ms. */
  dayQueryMs: number;
  hourQueryMs: number;
}

/** One hour of quantised display columns (8 kHz, 1024/512), computed from the reference signal. */
function hourOfColumns(): { bytes: Uint8Array; columns: number; seconds: number } {
  const fs = 8000;
  const spec = new DisplaySpectrogram({ sampleRate: fs, nFft: 1024, hop: 512 });
  const minute = referenceSignal(60 * fs, fs);
  const parts: Uint8Array[] = [];
  const c0 = process.cpuUsage();
  for (let m = 0; m < 60; m++) {
    const out = spec.push(minute);
    parts.push(quantizeDb(out.db, -110, -35));
  }
  const d = process.cpuUsage(c0);
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, columns: bytes.length / 513, seconds: (d.user + d.system) / 1e6 };
}

async function du(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

/** Builds the pyramid of `hours` hours of 8 kHz display columns (default 24) in a temporary data folder. */
export async function benchPyramid(hours = 24): Promise<PyramidBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'aiw-tiles-bench-'));
  const db = openDatabase(join(dir, 'aiw.db'));
  try {
    const repos = createRepositories(db);
    repos.stations.upsert({ id: 'bench', name: 'bench', kind: 'files', lat: 0, lon: 0, sampleRate: 8000, channels: 1 });
    const hour = hourOfColumns();
    const service = new TileService({ repo: repos.tiles, root: join(dir, 'tiles'), logger: silentLogger, saveIntervalMs: 3_600_000 });
    const perBatch = 1000; // ~64 s of columns, as a station worker delivers them in bursts while catching up
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let h = 0; h < hours; h++) {
      for (let c = 0; c < hour.columns; c += perBatch) {
        const n = Math.min(perBatch, hour.columns - c);
        const data = Buffer.from(hour.bytes.buffer, c * 513, n * 513).toString('base64');
        const startTime = Date.UTC(2024, 0, 1) + (h * hour.columns + c) * 64;
        service.addColumns({ stationId: 'bench', startTime, columnMs: 64, bins: 513, columns: n, fMaxHz: 4000, dbFloor: -110, dbCeil: -35, data });
      }
      await service.idle(); // bounded memory: a live station delivers an hour in an hour, not in a second
    }
    await service.close();
    const pyramidS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const reader = new TileService({ repo: repos.tiles, root: join(dir, 'tiles'), logger: silentLogger });
    const from = Date.UTC(2024, 0, 1);
    const q0 = performance.now();
    await reader.query({ stationId: 'bench', from, to: from + hours * 3_600_000, pixels: 1500 });
    const q1 = performance.now();
    await reader.query({ stationId: 'bench', from: from + 3_600_000, to: from + 7_200_000, pixels: 1500 });
    const q2 = performance.now();
    await reader.close();
    const disk = await du(join(dir, 'tiles'));
    return {
      hours, columns: hours * hour.columns, spectrogramS: hour.seconds * hours, pyramidS, pyramidCpuS: (cpu.user + cpu.system) / 1e6,
      tiles: disk.files, bytesOnDisk: disk.bytes, dayQueryMs: q1 - q0, hourQueryMs: q2 - q1,
    };
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
