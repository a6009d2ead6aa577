import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CachedRecording } from '../storage/ingest-repo.ts';
import { applyRetention, planRetention } from './retention.ts';

const DAY = 86_400_000;
const NOW = 100 * DAY;
const rec = (id: number, ageDays: number, bytes: number, status: CachedRecording['status'] = 'ok'): CachedRecording => ({
  id, path: `/cache/${id}.wav`, bytes, status, finishedAt: NOW - ageDays * DAY,
});

describe('planRetention', () => {
  const list = [rec(1, 30, 100), rec(2, 20, 100, 'pending'), rec(3, 10, 100), rec(4, 5, 100, 'failed'), rec(5, 1, 100)];

  it('keeps everything without quotas', () => {
    expect(planRetention(list, { maxAgeDays: 0, maxCacheBytes: 0 }, NOW, () => false)).toEqual([]);
  });

  it('evicts analysed recordings older than the age quota, never pending ones', () => {
    expect(planRetention(list, { maxAgeDays: 7, maxCacheBytes: 0 }, NOW, () => false).map((r) => r.id)).toEqual([1, 3]);
  });

  it('evicts the oldest until the size quota fits, skipping pending and pinned', () => {
    const plan = planRetention(list, { maxAgeDays: 0, maxCacheBytes: 250 }, NOW, (id) => id === 1);
    expect(plan.map((r) => r.id)).toEqual([3, 4, 5]);
  });

  it('combines both quotas', () => {
    expect(planRetention(list, { maxAgeDays: 25, maxCacheBytes: 300 }, NOW, () => false).map((r) => r.id)).toEqual([1, 3]);
  });
});

describe('applyRetention', () => {
  it('deletes the files and marks them evicted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiw-ret-'));
    const a = { ...rec(1, 9, 10), path: join(dir, 'a.wav') };
    writeFileSync(a.path, 'x'.repeat(10));
    writeFileSync(join(dir, 'a.hdr'), 'header');
    const evicted: number[] = [];
    expect(await applyRetention([a, { ...rec(2, 9, 5), path: join(dir, 'gone.wav') }], (id) => evicted.push(id))).toEqual({ files: 2, bytes: 15 });
    expect(existsSync(a.path)).toBe(false);
    expect(existsSync(join(dir, 'a.hdr'))).toBe(false);
    expect(evicted).toEqual([1, 2]);
  });
});
