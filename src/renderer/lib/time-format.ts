/**
 * UTC time formatting for the analyst UI.
 *
 * Everything the workstation shows is UTC (epoch ms in, ISO-like text out) so two analysts
 * in different time zones read the same clock.
 */

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "HH:MM:SS" in UTC. */
export function formatUtcTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** "YYYY-MM-DD" in UTC. */
export function formatUtcDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** "YYYY-MM-DD HH:MM:SS" in UTC (append " UTC" where the context does not say so). */
export function formatUtcDateTime(ms: number): string {
  return `${formatUtcDate(ms)} ${formatUtcTime(ms)}`;
}

/** "HH:MM:SS–HH:MM:SS", prefixed with the start date only when the range crosses midnight. */
export function formatUtcRange(startMs: number, endMs: number): string {
  const sameDay = formatUtcDate(startMs) === formatUtcDate(endMs - 1);
  const start = sameDay ? formatUtcTime(startMs) : formatUtcDateTime(startMs);
  return `${start}–${formatUtcTime(endMs)}`;
}

/** A short duration: "850 ms", "12.4 s", "3 min 05 s", "2 h 07 min". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(abs / 1000);
  const sign = ms < 0 ? '-' : '';
  if (totalSeconds < 3600) return `${sign}${Math.floor(totalSeconds / 60)} min ${pad2(totalSeconds % 60)} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  return `${sign}${Math.floor(totalMinutes / 60)} h ${pad2(totalMinutes % 60)} min`;
}

/** Candidate tick spacings for a time axis, in ms. */
const TIME_STEPS_MS = [
  1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000,
  // Long spectrogram views (a day, a week) pan over tiles.
  10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000,
];

/**
 * Tick times for a UTC time axis over [startMs, endMs].
 *
 * Picks the smallest round step that keeps at most `maxTicks` labels, and aligns ticks to
 * multiples of it so labels read as round clock times.
 */
export function timeTicks(startMs: number, endMs: number, maxTicks: number): number[] {
  const span = endMs - startMs;
  if (!(span > 0) || maxTicks < 1) return [];
  const step = TIME_STEPS_MS.find((s) => span / s <= maxTicks) ?? TIME_STEPS_MS[TIME_STEPS_MS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / step) * step; t <= endMs; t += step) ticks.push(t);
  return ticks;
}
