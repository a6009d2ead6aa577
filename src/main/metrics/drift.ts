/**
 * Drift warning: is a model's recent daily accuracy significantly below its own earlier level?
 * Days (UTC) with at least MIN_DAY_SUPPORT scored segments are the unit (segments within a day are
 * strongly correlated — one ship pass spans many — so days, not segments, are taken as independent).
 * The last RECENT_DAYS such days are compared with all earlier ones by a one-sided Welch t-test; the
 * warning needs p < ALPHA and a drop of at least MIN_DROP in mean daily accuracy.
 */
import type { Drift } from '../../shared/metrics.ts';
import { welchOneSidedLess } from './stats.ts';

export const DRIFT_RULES = { minDaySupport: 20, recentDays: 3, minBaselineDays: 3, alpha: 0.05, minDrop: 0.05 } as const;
const TEST = 'one-sided Welch t-test on daily accuracy: last 3 days vs earlier days (days with ≥ 20 scored segments)';

/** Drift of a daily accuracy series (oldest first): { accuracy, support } per day. */
export function driftOf(days: readonly { accuracy: number | null; support: number }[]): Drift {
  const usable = days.filter((d) => d.support >= DRIFT_RULES.minDaySupport && d.accuracy !== null).map((d) => d.accuracy!);
  const recent = usable.slice(-DRIFT_RULES.recentDays);
  const baseline = usable.slice(0, -DRIFT_RULES.recentDays);
  const base = { test: TEST, baselineDays: Math.max(0, baseline.length), recentDays: recent.length };
  if (recent.length < DRIFT_RULES.recentDays || baseline.length < DRIFT_RULES.minBaselineDays) {
    const need = DRIFT_RULES.recentDays + DRIFT_RULES.minBaselineDays;
    return { ...base, baselineMean: null, recentMean: null, statistic: null, df: null, p: null, warning: false,
      message: `not enough history: ${usable.length} of ${need} days with ≥ ${DRIFT_RULES.minDaySupport} scored segments` };
  }
  const baselineMean = baseline.reduce((s, x) => s + x, 0) / baseline.length;
  const recentMean = recent.reduce((s, x) => s + x, 0) / recent.length;
  const { t, df, p } = welchOneSidedLess(recent, baseline);
  const warning = p < DRIFT_RULES.alpha && baselineMean - recentMean >= DRIFT_RULES.minDrop;
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const message = warning
    ? `accuracy dropped from ${pct(baselineMean)} to ${pct(recentMean)} over the last ${recent.length} days (p = ${p.toPrecision(2)})`
    : `no significant drop (earlier ${pct(baselineMean)}, last ${recent.length} days ${pct(recentMean)}, p = ${p.toPrecision(2)})`;
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return { ...base, baselineMean, recentMean, statistic: finite(t), df: finite(df), p, warning, message };
}
