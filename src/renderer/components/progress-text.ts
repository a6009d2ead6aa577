/** The text of a progress bar: counts, rate and time left. Pure, for the ProgressBar and its tests. */

/** "2 min 5 s", "45 s", "1 h 3 min" — a coarse time-left. */
export function formatTimeLeft(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export interface ProgressFigures {
  done: number;
  total: number;
  /** Items per second. */
  rate?: number;
  etaMs?: number;
  /** Plural noun of the items, e.g. "segments". */
  unit?: string;
}

/** "37 / 160 segments · 12.1/s · 2 min 10 s left" (parts without data are left out). */
export function progressText(p: ProgressFigures): string {
  const parts = [`${p.done} / ${p.total}${p.unit ? ` ${p.unit}` : ''}`];
  if (p.rate !== undefined && p.rate > 0) parts.push(`${p.rate >= 10 ? p.rate.toFixed(0) : p.rate.toFixed(1)}/s`);
  if (p.etaMs !== undefined && p.done < p.total) parts.push(`${formatTimeLeft(p.etaMs)} left`);
  return parts.join(' · ');
}

/** Completed fraction in [0, 1] (0 for an empty total). */
export function progressFraction(done: number, total: number): number {
  return total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
}
