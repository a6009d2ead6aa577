import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database.ts';
import { createRepositories } from './repositories.ts';

function setup() {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'aiw-ingest-repo-')), 'a.db'));
  const repos = createRepositories(db);
  repos.stations.upsert({ id: 'st', name: 'S', kind: 'sftp', lat: 0, lon: 0, sampleRate: 0, channels: 1 });
  const seen = (path: string, startTime: number, state: 'seen' | 'ready' = 'ready') => ({ path, size: 10, mtime: 5, startTime, unchangedPolls: 0, state });
  return { db, repo: repos.ingest, seen };
}

describe('ingest repository', () => {
  it('walks a file from seen to done, recording it once even when committed twice', () => {
    const { db, repo, seen } = setup();
    repo.applyPoll('st', { added: [seen('b.wav', 2000), seen('a.wav', 1000), seen('c.wav', 3000, 'seen')], updated: [], removed: [] });
    expect(repo.nextToDownload('st', false, 10).map((r) => r.path)).toEqual(['a.wav', 'b.wav']);
    expect(repo.nextToDownload('st', true, 10).map((r) => r.path)).toEqual(['b.wav', 'a.wav']);
    const a = repo.files('st').get('a.wav')!;
    repo.beginDownload(a.id, '/cache/1-a.wav');
    // An interrupted download comes first, whatever the order.
    expect(repo.nextToDownload('st', true, 10)[0]!.path).toBe('a.wav');
    expect(repo.oldestNotDownloaded('st')).toBe(1000);
    const rec = { fileId: a.id, stationId: 'st', name: 'a.wav', localPath: '/cache/1-a.wav', bytes: 10, sha256: 'ab', startTime: 1000 };
    const id = repo.commitDownload(rec);
    expect(repo.commitDownload(rec)).toBe(id);
    expect(db.prepare('SELECT count(*) FROM recordings').pluck().get()).toBe(1);
    expect(repo.file(a.id)).toMatchObject({ state: 'done', recordingId: id, attempts: 1 });
    expect(repo.stateCounts('st')).toEqual({ done: 1, ready: 1, seen: 1 });
    expect(repo.oldestNotDownloaded('st')).toBe(2000);
  });

  it('marks analysis once: pending → ok (or failed), never back', () => {
    const { db, repo, seen } = setup();
    repo.applyPoll('st', { added: [seen('a.wav', 1000), seen('b.wav', 2000)], updated: [], removed: [] });
    const [a, b] = ['a.wav', 'b.wav'].map((p) => repo.files('st').get(p)!);
    const ra = repo.commitDownload({ fileId: a!.id, stationId: 'st', name: 'a.wav', localPath: '/a', bytes: 1, sha256: 'x', startTime: 1000 });
    const rb = repo.commitDownload({ fileId: b!.id, stationId: 'st', name: 'b.wav', localPath: '/b', bytes: 1, sha256: 'y', startTime: null });
    expect(repo.pendingAnalysis('st').map((r) => [r.id, r.mtime])).toEqual([[ra, 5], [rb, 5]]);
    expect(repo.markAnalyzed(ra, { startTime: 1000, durationMs: 500, sampleRate: 8000, channels: 1 })).toBe(true);
    expect(repo.markAnalyzed(ra, { startTime: 1000, durationMs: 500, sampleRate: 8000, channels: 1 })).toBe(false);
    // A truncated file: failed, with the part that was analysed (it counts for the analysed end).
    expect(repo.markAnalysisFailed(rb, 'AUDIO_TRUNCATED: cut', { startTime: 2000, durationMs: 700, sampleRate: 8000, channels: 1 })).toBe(true);
    expect(repo.markAnalysisFailed(ra, 'late')).toBe(false);
    expect(db.prepare('SELECT status, start_time, duration_ms FROM recordings WHERE id = ?').get(rb)).toEqual({ status: 'failed', start_time: 2000, duration_ms: 700 });
    expect(repo.pendingAnalysis('st')).toEqual([]);
    expect(repo.analysedUntil('st')).toBe(2700);
    expect(repo.countPendingAnalysis('st')).toBe(0);
  });

  it('forgets vanished settling files, revives gone ones, sends changed ones back to settle', () => {
    const { repo, seen } = setup();
    repo.applyPoll('st', { added: [seen('a.wav', 1), seen('b.wav', 2)], updated: [], removed: [] });
    const b = repo.files('st').get('b.wav')!;
    repo.markGone(b.id, 'deleted');
    repo.applyPoll('st', { added: [seen('b.wav', 2)], updated: [], removed: ['a.wav'] });
    expect([...repo.files('st').values()].map((r) => [r.path, r.state])).toEqual([['b.wav', 'ready']]);
    repo.requeueChanged(b.id, 'grew');
    expect(repo.files('st').get('b.wav')).toMatchObject({ state: 'seen', size: -1 });
  });

  it('pins one host key per station endpoint and remembers offered ones', () => {
    const { repo } = setup();
    repo.offerHostKey('st', 'h', 22, 'AAA', 'ssh-ed25519');
    expect(repo.offeredHostKey('st', 'h', 22)).toMatchObject({ fingerprint: 'AAA', keyType: 'ssh-ed25519' });
    expect(repo.trustedFingerprint('st', 'h', 22)).toBeUndefined();
    repo.trustHostKey({ stationId: 'st', host: 'h', port: 22, fingerprint: 'AAA', keyType: 'ssh-ed25519', actor: 'ana' });
    repo.trustHostKey({ stationId: 'st', host: 'h', port: 22, fingerprint: 'BBB', keyType: 'ssh-ed25519', actor: 'ana' });
    expect(repo.trustedFingerprint('st', 'h', 22)).toBe('BBB');
    expect(repo.offeredHostKey('st', 'h', 22)).toBeUndefined();
    expect(repo.trustedFingerprint('st', 'h', 2222)).toBeUndefined();
  });
});
