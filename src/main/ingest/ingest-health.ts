/**
 * A remote station's health: what the ingest loop knows (connection, errors) plus what the
 * database knows (files per state, newest remote recording), and how it colours the
 * station's status (error when refused or disconnected, behind when the lag is too large).
 */
import type { StationStatus } from '../../shared/domain.ts';
import type { RemoteStationConfig, StationIngestHealth } from '../../shared/station-config.ts';
import type { IngestRepo } from '../storage/ingest-repo.ts';

/** What the ingest loop keeps in memory about its station. */
export interface IngestRuntime {
  connection: StationIngestHealth['connection'];
  lastContactAt?: number;
  nextAttemptAt?: number;
  lastError?: { code: string; message: string; at: number };
  failures: number;
  diskLow: boolean;
  hostKey?: StationIngestHealth['hostKey'];
  lastPoll?: { at: number; ms: number; files: number; readdirCalls: number };
  /** Crashes or hangs of the station's workers (SFTP worker here; the analysis worker's come from its runner). */
  workerCrashes?: number;
  lastCrash?: NonNullable<StationIngestHealth['lastCrash']>;
}

export function healthOf(
  config: RemoteStationConfig, repo: IngestRepo, rt: IngestRuntime,
  live: { bytesPerSecond: number; downloading: number; analysedUntil: number | undefined },
): StationIngestHealth {
  const counts = repo.stateCounts(config.id);
  const newest = repo.newestRemoteStart(config.id);
  return {
    connection: rt.connection,
    endpoint: `${config.user}@${config.host}:${config.port}`,
    lastContactAt: rt.lastContactAt,
    nextAttemptAt: rt.connection === 'retrying' || rt.connection === 'refused' ? rt.nextAttemptAt : undefined,
    settling: counts.seen ?? 0,
    backlog: (counts.ready ?? 0) + (counts.downloading ?? 0),
    downloading: live.downloading,
    awaitingAnalysis: repo.countPendingAnalysis(config.id),
    downloaded: counts.done ?? 0,
    bytesPerSecond: Math.round(live.bytesPerSecond),
    lagMs: newest !== undefined && live.analysedUntil !== undefined ? Math.max(0, newest - live.analysedUntil) : undefined,
    failures: (counts.failed ?? 0) + rt.failures,
    lastError: rt.lastError,
    recentFailures: repo.recentFailures(config.id, 5).map((f) => ({ path: f.path, reason: f.error ?? 'failed' })),
    diskLow: rt.diskLow,
    hostKey: rt.hostKey,
    workerCrashes: rt.workerCrashes ?? 0,
    lastCrash: rt.lastCrash,
  };
}

/** The station status with the ingest's view merged in; the worker's own error state wins. */
export function mergeIngestStatus(base: StationStatus, h: StationIngestHealth, behindWarningMs: number): StationStatus {
  const out: StationStatus = { ...base, ingest: h };
  if (base.state === 'error' || base.state === 'stopped') return out;
  const pending = h.backlog + h.awaitingAnalysis;
  if (h.connection === 'refused' || h.connection === 'retrying') {
    const when = h.nextAttemptAt ? `; next attempt ${new Date(h.nextAttemptAt).toISOString().slice(11, 19)} UTC` : '';
    return { ...out, state: 'error', message: `${h.lastError?.message ?? 'not connected'}${when}` };
  }
  if (h.diskLow) return { ...out, state: 'error', message: 'disk space low on the cache volume: downloads paused' };
  if (h.lagMs !== undefined && h.lagMs > behindWarningMs) {
    return { ...out, state: 'behind', message: `behind the station by ${formatDuration(h.lagMs)} (${pending} files to go)` };
  }
  if (h.connection === 'connecting') return { ...out, state: 'starting', message: `connecting to ${h.endpoint}` };
  if (pending > 0) return { ...out, state: 'live', message: `${pending} file${pending === 1 ? '' : 's'} to download or analyse` };
  return { ...out, state: h.downloaded > 0 ? 'live' : 'idle', message: h.downloaded > 0 ? 'up to date' : 'waiting for recordings' };
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
