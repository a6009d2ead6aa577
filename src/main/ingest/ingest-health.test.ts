import { describe, expect, it } from 'vitest';
import type { StationStatus } from '../../shared/domain.ts';
import type { StationIngestHealth } from '../../shared/station-config.ts';
import { formatDuration, mergeIngestStatus } from './ingest-health.ts';

const base: StationStatus = { stationId: 's', name: 'S', kind: 'sftp', state: 'live', message: 'streaming', segments: 0, predictions: 0, speed: 1, errors: 0 };
const health = (h: Partial<StationIngestHealth> = {}): StationIngestHealth => ({
  connection: 'connected', endpoint: 'u@h:22', settling: 0, backlog: 0, downloading: 0, awaitingAnalysis: 0, downloaded: 3,
  bytesPerSecond: 0, failures: 0, recentFailures: [], diskLow: false, ...h,
});

describe('mergeIngestStatus', () => {
  it('is live and up to date when nothing is pending', () => {
    expect(mergeIngestStatus(base, health(), 60_000)).toMatchObject({ state: 'live', message: 'up to date', ingest: { downloaded: 3 } });
    expect(mergeIngestStatus(base, health({ downloaded: 0 }), 60_000)).toMatchObject({ state: 'idle' });
  });

  it('says how much is pending, and warns when the station falls behind', () => {
    expect(mergeIngestStatus(base, health({ backlog: 2, awaitingAnalysis: 1 }), 60_000).message).toBe('3 files to download or analyse');
    expect(mergeIngestStatus(base, health({ backlog: 9, lagMs: 2 * 3_600_000 }), 60_000)).toMatchObject({
      state: 'behind', message: 'behind the station by 2.0 h (9 files to go)',
    });
  });

  it('is an error while refused, disconnected or out of disk space, with the reason', () => {
    const refused = health({ connection: 'refused', lastError: { code: 'HOST_KEY_CHANGED', message: 'HOST KEY CHANGED: …', at: 1 } });
    expect(mergeIngestStatus(base, refused, 60_000)).toMatchObject({ state: 'error', message: expect.stringMatching(/^HOST KEY CHANGED/) });
    expect(mergeIngestStatus(base, health({ connection: 'retrying', nextAttemptAt: Date.UTC(2024, 0, 1, 10, 0, 5) }), 60_000).message)
      .toBe('not connected; next attempt 10:00:05 UTC');
    expect(mergeIngestStatus(base, health({ diskLow: true }), 60_000).message).toMatch(/disk space low/);
  });

  it('keeps the worker’s own error', () => {
    expect(mergeIngestStatus({ ...base, state: 'error', message: 'worker crashed' }, health(), 60_000)).toMatchObject({ message: 'worker crashed' });
  });

  it('formats durations for people', () => {
    expect([59_000, 600_000, 3 * 3_600_000].map(formatDuration)).toEqual(['59 s', '10 min', '3.0 h']);
  });
});
