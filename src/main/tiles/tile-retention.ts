/**
 * Retention of spectrogram tiles. A station at 8 kHz writes about 1 GB of tiles a day, three
 * quarters of it in the finest levels, which matter only when zoomed in to seconds. So:
 *
 * 1. **age**: levels 0…FINE_LEVELS−1 of audio older than `fineMaxAgeDays` are deleted — the
 *    coarse levels (a 0.5 s column and up at 8 kHz / 1024) keep the long-term picture for good;
 * 2. **quota**: while all tiles together exceed `maxBytes`, the oldest audio goes first — its
 *    fine levels, then (if that is not enough) every level.
 *
 * A tile counts as old only when both its audio ended and its file was last written before the
 * limit: a backlog of old recordings just analysed keeps its detail for the full period. Tiles
 * written within the last `protectRecentMs` (the open tiles of live pyramids) and tiles
 * overlapping a pinned session are never deleted (see tiles-repo `prunable`).
 */
import { rm } from 'node:fs/promises';
import type { Logger } from '../app/logger.ts';
import type { PrunableTile, TilesRepo } from '../storage/tiles-repo.ts';
import { MAX_LEVEL } from '../../shared/tile-geometry.ts';
import { tilePath } from './tile-store.ts';

/** Levels 0, 1 and 2 are the "fine" ones the age rule drops. */
export const FINE_LEVELS = 3;
const DAY_MS = 86_400_000;
/** Later than any audio (the quota looks at every tile, oldest first). */
const ANY_TIME = Number.MAX_SAFE_INTEGER;
/** Tiles deleted per index transaction. */
const BATCH = 500;

export interface TileRetentionPolicy {
  /** Fine levels of audio older than this are deleted (0: never by age). */
  fineMaxAgeDays: number;
  /** Upper bound on the bytes of all tiles (0: no quota). */
  maxBytes: number;
  /** Tiles written more recently than this are never deleted (default 1 h). */
  protectRecentMs?: number;
}

export interface PruneReport {
  /** Tiles deleted by the age rule and by the quota. */
  byAge: number;
  byQuota: number;
  bytesFreed: number;
  /** Bytes of all tiles left. */
  totalBytes: number;
}

interface PruneDeps {
  repo: TilesRepo;
  root: string;
  logger: Logger;
}

/** Applies the policy once (see the module comment). */
export async function pruneTiles(d: PruneDeps, policy: TileRetentionPolicy, now = Date.now()): Promise<PruneReport> {
  const updatedBefore = now - (policy.protectRecentMs ?? 3_600_000);
  const report: PruneReport = { byAge: 0, byQuota: 0, bytesFreed: 0, totalBytes: 0 };
  if (policy.fineMaxAgeDays > 0) {
    const old = now - policy.fineMaxAgeDays * DAY_MS;
    const filter = { maxLevel: FINE_LEVELS - 1, endBefore: old, updatedBefore: Math.min(old, updatedBefore), limit: BATCH };
    const byAge = await deleteWhile(d, filter, () => true);
    report.byAge = byAge.tiles;
    report.bytesFreed += byAge.bytes;
  }
  let total = d.repo.totalBytes();
  if (policy.maxBytes > 0 && total > policy.maxBytes) {
    for (const maxLevel of [FINE_LEVELS - 1, MAX_LEVEL]) {
      const over = () => total > policy.maxBytes;
      const filter = { maxLevel, endBefore: ANY_TIME, updatedBefore, limit: BATCH };
      const freed = await deleteWhile(d, filter, over, (bytes) => (total -= bytes));
      report.byQuota += freed.tiles;
      report.bytesFreed += freed.bytes;
    }
  }
  report.totalBytes = d.repo.totalBytes();
  return report;
}

/** Deletes matching tiles, oldest first, in batches, while `more()` holds. */
async function deleteWhile(
  d: PruneDeps,
  filter: Parameters<TilesRepo['prunable']>[0],
  more: () => boolean,
  onDeleted: (bytes: number) => void = () => {},
): Promise<{ tiles: number; bytes: number }> {
  const done = { tiles: 0, bytes: 0 };
  while (more()) {
    const batch = takeWhile(d.repo.prunable(filter), more, onDeleted);
    if (batch.length === 0) break;
    // Index first, files after: a crash in between leaves an unindexed file (wasted space), never an index entry without its file.
    d.repo.deleteTiles(batch);
    await Promise.all(batch.map((t) => removeFile(d, t)));
    done.tiles += batch.length;
    done.bytes += batch.reduce((sum, t) => sum + t.bytes, 0);
  }
  return done;
}

/** The leading tiles of `candidates` needed to make `more()` false (all of them when it stays true). */
function takeWhile(candidates: PrunableTile[], more: () => boolean, onDeleted: (bytes: number) => void): PrunableTile[] {
  const taken: PrunableTile[] = [];
  for (const t of candidates) {
    if (!more()) break;
    taken.push(t);
    onDeleted(t.bytes);
  }
  return taken;
}

async function removeFile(d: PruneDeps, t: PrunableTile): Promise<void> {
  const path = tilePath(d.root, t.pyramidId, t.level, t.index);
  await rm(path, { force: true }).catch((err: unknown) => d.logger.warn('a pruned spectrogram tile file could not be deleted', { path, error: String(err) }));
}
