/** Formatting of remote-station health for the Stations page (pure, unit-tested). */
import type { StationIngestHealth } from '../../../shared/station-config.ts';
import { formatDuration, formatUtcDateTime } from '../../lib/time-format.ts';

/** "850 B/s", "1.2 MB/s" (decimal units, as link speeds are quoted). */
export function formatRate(bytesPerSecond: number): string {
  if (bytesPerSecond < 1000) return `${Math.round(bytesPerSecond)} B/s`;
  if (bytesPerSecond < 1e6) return `${(bytesPerSecond / 1e3).toFixed(1)} kB/s`;
  return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
}

/** "12 s ago", "3 min 05 s ago" — or the date when longer than a day. */
export function formatAgo(at: number | undefined, now: number): string {
  if (at === undefined) return 'never';
  const ms = Math.max(0, now - at);
  return ms > 86_400_000 ? `${formatUtcDateTime(at)} UTC` : `${formatDuration(ms)} ago`;
}

const CONNECTION_LABEL: Record<StationIngestHealth['connection'], string> = {
  connecting: 'connecting',
  connected: 'connected',
  retrying: 'reconnecting',
  refused: 'refused',
  stopped: 'stopped',
};

export function connectionLabel(h: StationIngestHealth): string {
  return CONNECTION_LABEL[h.connection];
}

/** A fingerprint grouped for reading aloud over the phone with the station operator. */
export function groupFingerprint(fp: string): string {
  return `SHA256:${fp.match(/.{1,4}/g)?.join(' ') ?? fp}`;
}
