/**
 * SFTP ingest state: remote files and their life cycle, listed folders, pinned host keys,
 * and the recordings the ingest puts into the cache (docs/stations.md describes the states).
 *
 * Every state change that must survive a crash is one statement or one transaction, so a
 * restart finds each file in exactly one state and resumes from there.
 */
import type { Db } from './database.ts';

export type RemoteFileState = 'seen' | 'ready' | 'downloading' | 'done' | 'failed' | 'gone';

export interface RemoteFileRow {
  id: number;
  path: string;
  size: number;
  mtime: number;
  startTime: number | null;
  firstSeen: number;
  unchangedPolls: number;
  state: RemoteFileState;
  attempts: number;
  error: string | null;
  localPath: string | null;
  recordingId: number | null;
}

export interface SeenFile {
  path: string;
  size: number;
  mtime: number;
  startTime: number | null;
  unchangedPolls: number;
  state: 'seen' | 'ready';
}

export interface DownloadedRecording {
  fileId: number;
  stationId: string;
  name: string;
  localPath: string;
  bytes: number;
  sha256: string;
  startTime: number | null;
}

export interface PendingRecording {
  id: number;
  path: string;
  startTime: number | null;
  name: string;
  mtime: number;
}

export interface CachedRecording {
  id: number;
  path: string;
  bytes: number;
  status: 'pending' | 'ok' | 'failed';
  finishedAt: number;
}

interface FileDbRow {
  id: number;
  path: string;
  size: number;
  mtime: number;
  start_time: number | null;
  first_seen: number;
  unchanged_polls: number;
  state: RemoteFileState;
  attempts: number;
  error: string | null;
  local_path: string | null;
  recording_id: number | null;
}

const fromFileRow = (r: FileDbRow): RemoteFileRow => ({
  id: r.id, path: r.path, size: r.size, mtime: r.mtime, startTime: r.start_time, firstSeen: r.first_seen,
  unchangedPolls: r.unchanged_polls, state: r.state, attempts: r.attempts, error: r.error,
  localPath: r.local_path, recordingId: r.recording_id,
});

export function createIngestRepo(db: Db) {
  return { ...remoteFiles(db), ...remoteDirs(db), ...hostKeys(db), ...recordings(db) };
}
export type IngestRepo = ReturnType<typeof createIngestRepo>;

function remoteFiles(db: Db) {
  const all = db.prepare<[string], FileDbRow>('SELECT * FROM remote_files WHERE station_id = ?');
  const byId = db.prepare<[number], FileDbRow>('SELECT * FROM remote_files WHERE id = ?');
  const insert = db.prepare(`INSERT INTO remote_files (station_id, path, size, mtime, start_time, first_seen, unchanged_polls, state, updated_at)
    VALUES (@stationId, @path, @size, @mtime, @startTime, @now, @unchangedPolls, @state, @now)
    ON CONFLICT (station_id, path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, start_time = excluded.start_time,
      first_seen = excluded.first_seen, unchanged_polls = 0, state = excluded.state, attempts = 0, error = NULL,
      updated_at = excluded.updated_at WHERE remote_files.state = 'gone'`);
  const update = db.prepare(`UPDATE remote_files SET size = @size, mtime = @mtime, unchanged_polls = @unchangedPolls,
    state = @state, updated_at = @now WHERE station_id = @stationId AND path = @path AND state IN ('seen', 'ready')`);
  const drop = db.prepare(`DELETE FROM remote_files WHERE station_id = ? AND path = ? AND state IN ('seen', 'ready')`);
  const order = (newest: boolean) => db.prepare<[string, number], FileDbRow>(`SELECT * FROM remote_files
    WHERE station_id = ? AND state IN ('ready', 'downloading')
    ORDER BY state = 'downloading' DESC, coalesce(start_time, mtime) ${newest ? 'DESC' : 'ASC'}, path LIMIT ?`);
  const [oldestFirst, newestFirst] = [order(false), order(true)];
  const setState = db.prepare(`UPDATE remote_files SET state = @state, error = @error, local_path = coalesce(@localPath, local_path),
    attempts = attempts + @attempt, updated_at = @now WHERE id = @id`);
  const requeue = db.prepare(`UPDATE remote_files SET state = 'seen', unchanged_polls = 0, size = -1, error = @error,
    updated_at = @now WHERE id = @id`);
  const counts = db.prepare<[string], { state: RemoteFileState; n: number }>(
    'SELECT state, count(*) AS n FROM remote_files WHERE station_id = ? GROUP BY state');
  const newest = db.prepare<[string], number | null>(
    "SELECT max(start_time) FROM remote_files WHERE station_id = ? AND state <> 'gone'");
  const oldestPending = db.prepare<[string], number | null>(`SELECT min(coalesce(start_time, mtime)) FROM remote_files
    WHERE station_id = ? AND state IN ('ready', 'downloading')`);
  const failures = db.prepare<[string, number], { path: string; error: string | null }>(
    "SELECT path, error FROM remote_files WHERE station_id = ? AND state = 'failed' ORDER BY updated_at DESC LIMIT ?");

  const set = (id: number, state: RemoteFileState, extra: { error?: string; localPath?: string; attempt?: boolean } = {}) =>
    setState.run({ id, state, error: extra.error ?? null, localPath: extra.localPath ?? null, attempt: extra.attempt ? 1 : 0, now: Date.now() });

  return {
    /** Every remembered file of a station, keyed by its path under the remote root. */
    files(stationId: string): Map<string, RemoteFileRow> {
      return new Map(all.all(stationId).map((r) => [r.path, fromFileRow(r)]));
    },
    file(id: number): RemoteFileRow | undefined {
      const r = byId.get(id);
      return r ? fromFileRow(r) : undefined;
    },
    /** Applies one poll's changes in one transaction (only files that changed are written). */
    applyPoll(stationId: string, changes: { added: SeenFile[]; updated: SeenFile[]; removed: string[] }): void {
      const now = Date.now();
      db.transaction(() => {
        for (const f of changes.added) insert.run({ ...f, stationId, now });
        for (const f of changes.updated) update.run({ ...f, stationId, now });
        for (const path of changes.removed) drop.run(stationId, path);
      })();
    },
    /** Files to download next: interrupted downloads first, then ready ones in the configured order. */
    nextToDownload(stationId: string, newestFirstOrder: boolean, limit: number): RemoteFileRow[] {
      return (newestFirstOrder ? newestFirst : oldestFirst).all(stationId, limit).map(fromFileRow);
    },
    beginDownload(id: number, localPath: string): void {
      set(id, 'downloading', { localPath, attempt: true });
    },
    /** Back to the queue after a dropped connection (resumes from the staging file). */
    retryLater(id: number, error: string): void {
      set(id, 'downloading', { error });
    },
    failFile(id: number, error: string): void {
      set(id, 'failed', { error });
    },
    markGone(id: number, error: string): void {
      set(id, 'gone', { error });
    },
    /** The file changed while we downloaded it: it settles again from its new size. */
    requeueChanged(id: number, error: string): void {
      requeue.run({ id, error, now: Date.now() });
    },
    stateCounts(stationId: string): Partial<Record<RemoteFileState, number>> {
      return Object.fromEntries(counts.all(stationId).map((r) => [r.state, r.n]));
    },
    /** Start (or mtime) of the oldest file that is stable but not downloaded yet. */
    oldestNotDownloaded(stationId: string): number | undefined {
      return oldestPending.pluck().get(stationId) ?? undefined;
    },
    newestRemoteStart(stationId: string): number | undefined {
      return newest.pluck().get(stationId) ?? undefined;
    },
    recentFailures(stationId: string, limit: number): { path: string; error: string | null }[] {
      return failures.all(stationId, limit);
    },
  };
}

function remoteDirs(db: Db) {
  const all = db.prepare<[string], { path: string; mtime: number; listed_at: number }>(
    'SELECT path, mtime, listed_at FROM remote_dirs WHERE station_id = ?');
  const upsert = db.prepare(`INSERT INTO remote_dirs (station_id, path, mtime, listed_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (station_id, path) DO UPDATE SET mtime = excluded.mtime, listed_at = excluded.listed_at`);
  const drop = db.prepare('DELETE FROM remote_dirs WHERE station_id = ? AND path = ?');
  return {
    dirs(stationId: string): Map<string, { mtime: number; listedAt: number }> {
      return new Map(all.all(stationId).map((r) => [r.path, { mtime: r.mtime, listedAt: r.listed_at }]));
    },
    saveDirs(stationId: string, listed: { path: string; mtime: number; listedAt: number }[], removed: string[]): void {
      db.transaction(() => {
        for (const d of listed) upsert.run(stationId, d.path, d.mtime, d.listedAt);
        for (const p of removed) drop.run(stationId, p);
      })();
    },
  };
}

function hostKeys(db: Db) {
  const trusted = db.prepare<[string, string, number], string>(
    "SELECT fingerprint FROM host_keys WHERE station_id = ? AND host = ? AND port = ? AND state = 'trusted'");
  const offered = db.prepare<[string, string, number], { fingerprint: string; key_type: string; seen_at: number }>(
    "SELECT fingerprint, key_type, seen_at FROM host_keys WHERE station_id = ? AND host = ? AND port = ? AND state = 'offered' ORDER BY seen_at DESC LIMIT 1");
  const offer = db.prepare(`INSERT INTO host_keys (station_id, host, port, fingerprint, key_type, state, seen_at)
    VALUES (?, ?, ?, ?, ?, 'offered', ?) ON CONFLICT DO UPDATE SET seen_at = excluded.seen_at`);
  const clear = db.prepare('DELETE FROM host_keys WHERE station_id = ? AND host = ? AND port = ?');
  const trust = db.prepare(`INSERT INTO host_keys (station_id, host, port, fingerprint, key_type, state, seen_at, trusted_at, trusted_by)
    VALUES (@stationId, @host, @port, @fingerprint, @keyType, 'trusted', @now, @now, @actor)`);
  return {
    trustedFingerprint(stationId: string, host: string, port: number): string | undefined {
      return trusted.pluck().get(stationId, host, port) ?? undefined;
    },
    offeredHostKey(stationId: string, host: string, port: number) {
      const r = offered.get(stationId, host, port);
      return r ? { fingerprint: r.fingerprint, keyType: r.key_type, seenAt: r.seen_at } : undefined;
    },
    /** Remembers a key the server presented that nobody trusted yet (shown to the analyst). */
    offerHostKey(stationId: string, host: string, port: number, fingerprint: string, keyType: string): void {
      offer.run(stationId, host, port, fingerprint, keyType, Date.now());
    },
    /** Pins one key for the station's host:port, replacing any other. */
    trustHostKey(k: { stationId: string; host: string; port: number; fingerprint: string; keyType: string; actor: string }): void {
      db.transaction(() => {
        clear.run(k.stationId, k.host, k.port);
        trust.run({ ...k, now: Date.now() });
      })();
    },
  };
}

function recordings(db: Db) {
  const insert = db.prepare(`INSERT INTO recordings (station_id, name, path, bytes, sha256, start_time, status, created_at)
    VALUES (@stationId, @name, @localPath, @bytes, @sha256, @startTime, 'pending', @now)`);
  const done = db.prepare(`UPDATE remote_files SET state = 'done', error = NULL, local_path = @localPath, recording_id = @recordingId,
    updated_at = @now WHERE id = @fileId`);
  const pending = db.prepare<[string], PendingRecording>(`SELECT r.id, r.path, r.start_time AS startTime, r.name,
    coalesce(f.mtime, r.created_at) AS mtime FROM recordings r LEFT JOIN remote_files f ON f.recording_id = r.id
    WHERE r.station_id = ? AND r.status = 'pending' AND r.evicted_at IS NULL ORDER BY coalesce(r.start_time, r.created_at), r.id`);
  const analyzed = db.prepare(`UPDATE recordings SET status = 'ok', analyzed_at = @now, duration_ms = @durationMs,
    start_time = coalesce(start_time, @startTime), sample_rate = @sampleRate, channels = @channels, error = NULL
    WHERE id = @id AND status = 'pending'`);
  const failed = db.prepare(`UPDATE recordings SET status = 'failed', analyzed_at = @now, error = @error,
    start_time = coalesce(start_time, @startTime), duration_ms = @durationMs, sample_rate = @sampleRate, channels = @channels
    WHERE id = @id AND status = 'pending'`);
  const byName = db.prepare<[string, string], { id: number }>('SELECT id FROM recordings WHERE station_id = ? AND name = ?');
  const cached = db.prepare<[], CachedRecording>(`SELECT r.id, r.path, coalesce(r.bytes, 0) AS bytes, r.status,
    coalesce(r.analyzed_at, r.created_at) AS finishedAt FROM recordings r JOIN stations s ON s.id = r.station_id
    WHERE s.kind = 'sftp' AND r.evicted_at IS NULL ORDER BY coalesce(r.start_time, r.created_at), r.id`);
  const evict = db.prepare('UPDATE recordings SET evicted_at = ? WHERE id = ?');
  const countPending = db.prepare<[string], number>("SELECT count(*) FROM recordings WHERE station_id = ? AND status = 'pending'");
  // A failed recording counts with what of it was analysed (duration_ms is set only then).
  const analysedEnd = db.prepare<[string], number | null>(
    "SELECT max(start_time + duration_ms) FROM recordings WHERE station_id = ? AND status IN ('ok', 'failed')");
  return {
    /** Records a verified download and marks its remote file done, in one transaction. Idempotent per name. */
    commitDownload(r: DownloadedRecording): number {
      return db.transaction(() => {
        const existing = byName.get(r.stationId, r.name);
        const recordingId = existing ? existing.id : Number(insert.run({ ...r, now: Date.now() }).lastInsertRowid);
        done.run({ fileId: r.fileId, localPath: r.localPath, recordingId, now: Date.now() });
        return recordingId;
      })();
    },
    /** Downloaded recordings not yet analysed, oldest first (re-queued after a restart). */
    pendingAnalysis(stationId: string): PendingRecording[] {
      return pending.all(stationId);
    },
    markAnalyzed(id: number, info: { startTime: number; durationMs: number; sampleRate: number; channels: number }): boolean {
      return analyzed.run({ id, now: Date.now(), ...info }).changes > 0;
    },
    /** Fails a recording; `analysed` is what was analysed before the failure (a truncated file's complete part). */
    markAnalysisFailed(id: number, error: string, analysed?: { startTime: number; durationMs: number; sampleRate: number; channels: number }): boolean {
      const info = analysed ?? { startTime: null, durationMs: null, sampleRate: null, channels: null };
      return failed.run({ id, now: Date.now(), error, ...info }).changes > 0;
    },
    countPendingAnalysis(stationId: string): number {
      return countPending.pluck().get(stationId) as number;
    },
    /** End of the newest analysed recording of a station (epoch ms), if any. */
    analysedUntil(stationId: string): number | undefined {
      return analysedEnd.pluck().get(stationId) ?? undefined;
    },
    /** Recordings of remote stations still in the cache, oldest recording first (retention). */
    cachedRecordings(): CachedRecording[] {
      return cached.all();
    },
    markEvicted(id: number): void {
      evict.run(Date.now(), id);
    },
  };
}
