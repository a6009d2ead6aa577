/** Display formatting for the map panels (distances, angles, CPA times). */

/** `4.7 km` / `850 m`. */
export function formatDistance(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '—';
  return m >= 1000 ? `${(m / 1000).toFixed(m >= 100_000 ? 0 : 1)} km` : `${Math.round(m)} m`;
}

/** `303°` (true). */
export function formatDegrees(deg: number | null | undefined): string {
  return deg === null || deg === undefined ? '—' : `${Math.round(deg) % 360}°`;
}

/** `12.3 kn`. */
export function formatKnots(kn: number | null | undefined): string {
  return kn === null || kn === undefined ? '—' : `${kn.toFixed(1)} kn`;
}

/** Time to CPA: `in 4 min 56 s`, `passed 2 min ago`, `—`. */
export function formatTcpa(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  const abs = Math.abs(s);
  const text = abs >= 3600 ? `${Math.floor(abs / 3600)} h ${Math.round((abs % 3600) / 60)} min` : abs >= 60 ? `${Math.floor(abs / 60)} min ${Math.round(abs % 60)} s` : `${Math.round(abs)} s`;
  return s >= 0 ? `in ${text}` : `passed ${text} ago`;
}
