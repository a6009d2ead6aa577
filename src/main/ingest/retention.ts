/**
 * Cache retention for downloaded recordings: analysed files older than the age quota are
 * deleted, then the oldest until the cache fits its size quota. Never deleted: recordings
 * not analysed yet, and recordings of pinned sessions. The database row stays (with
 * `evicted_at`), so segments and predictions keep their provenance.
 */
import { rm } from 'node:fs/promises';
import { sidecarCandidates } from '../audio/sidecar-time.ts';
import type { CachedRecording } from '../storage/ingest-repo.ts';

export interface RetentionPolicy {
  /** 0 = no age limit. */
  readonly maxAgeDays: number;
  /** 0 = no size limit. */
  readonly maxCacheBytes: number;
}

/** Which recordings to evict, oldest first; pure so the policy is testable without files. */
export function planRetention(
  recordings: readonly CachedRecording[], policy: RetentionPolicy, now: number, isPinned: (id: number) => boolean,
): CachedRecording[] {
  const evictable = (r: CachedRecording) => r.status !== 'pending' && !isPinned(r.id);
  const out = new Set<CachedRecording>();
  if (policy.maxAgeDays > 0) {
    const cutoff = now - policy.maxAgeDays * 86_400_000;
    for (const r of recordings) if (evictable(r) && r.finishedAt < cutoff) out.add(r);
  }
  if (policy.maxCacheBytes > 0) {
    let total = recordings.reduce((sum, r) => sum + (out.has(r) ? 0 : r.bytes), 0);
    for (const r of recordings) {
      if (total <= policy.maxCacheBytes) break;
      if (out.has(r) || !evictable(r)) continue;
      out.add(r);
      total -= r.bytes;
    }
  }
  return recordings.filter((r) => out.has(r));
}

/** Deletes the planned files (with their `.hdr` headers); returns how many bytes were freed. */
export async function applyRetention(
  plan: readonly CachedRecording[], markEvicted: (id: number) => void,
): Promise<{ files: number; bytes: number }> {
  let bytes = 0;
  for (const r of plan) {
    await rm(r.path, { force: true });
    for (const header of sidecarCandidates(r.path)) await rm(header, { force: true });
    markEvicted(r.id);
    bytes += r.bytes;
  }
  return { files: plan.length, bytes };
}
