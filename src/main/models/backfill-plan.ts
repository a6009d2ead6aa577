/**
 * Which analysis windows a backfill covers. Pure, so the main thread (progress totals) and the
 * backfill worker (cutting audio) agree exactly.
 *
 * Cached files that follow each other without a gap form one continuous run. Windows are laid on
 * the grid `anchor + k·hop` — the anchor being a segment the live station already stored with the
 * same length — so a backfilled model predicts the very segments the live models predicted and
 * their predictions can be compared segment by segment. Only windows that lie entirely inside the
 * requested range and inside one run are covered.
 */
import type { WindowGroup } from '../pipeline/feature-plan.ts';

/** A cache file as far as planning is concerned. */
export interface PlanFile {
  readonly path: string;
  readonly startTime: number;
  readonly durationMs: number;
}

/** Consecutive files without a gap. */
export interface AudioRun {
  readonly files: readonly PlanFile[];
  readonly startTime: number;
  readonly endTime: number;
}

/** The windows of one group over one run: `count` windows starting at `first`, `hopMs` apart. */
export interface RunWindows {
  readonly run: AudioRun;
  readonly first: number;
  readonly count: number;
  readonly segmentMs: number;
  readonly hopMs: number;
}

/** Files closer than this count as continuous (block timestamps are rounded). */
export const RUN_GAP_TOLERANCE_MS = 50;

/** Groups time-ordered files into continuous runs. */
export function audioRuns(files: readonly PlanFile[]): AudioRun[] {
  const sorted = [...files].sort((a, b) => a.startTime - b.startTime);
  const runs: { files: PlanFile[]; startTime: number; endTime: number }[] = [];
  for (const f of sorted) {
    const last = runs.at(-1);
    if (last && Math.abs(f.startTime - last.endTime) <= RUN_GAP_TOLERANCE_MS) {
      last.files.push(f);
      last.endTime = f.startTime + f.durationMs;
    } else {
      runs.push({ files: [f], startTime: f.startTime, endTime: f.startTime + f.durationMs });
    }
  }
  return runs;
}

/** Window length and hop of a group, ms. */
export function groupTiming(group: Pick<WindowGroup, 'segmentSeconds' | 'overlap'>): { segmentMs: number; hopMs: number } {
  return { segmentMs: group.segmentSeconds * 1000, hopMs: group.segmentSeconds * (1 - group.overlap) * 1000 };
}

/**
 * The windows of `group` in [from, to) over `runs`, on the grid through `anchor` (default: each
 * run's start).
 */
export function planWindows(
  runs: readonly AudioRun[],
  group: Pick<WindowGroup, 'segmentSeconds' | 'overlap'>,
  from: number,
  to: number,
  anchor?: number,
): RunWindows[] {
  const { segmentMs, hopMs } = groupTiming(group);
  const out: RunWindows[] = [];
  for (const run of runs) {
    const start = Math.max(run.startTime, from);
    const end = Math.min(run.endTime, to);
    const grid = anchor ?? run.startTime;
    // Tolerate a millisecond of rounding: stored segment times are whole milliseconds.
    const first = grid + Math.ceil((start - grid - 1) / hopMs) * hopMs;
    const firstInRun = first < run.startTime - 1 ? first + hopMs : first;
    const count = Math.floor((end + 1 - firstInRun - segmentMs) / hopMs) + 1;
    if (count > 0) out.push({ run, first: firstInRun, count, segmentMs, hopMs });
  }
  return out;
}

/** Total windows of a plan. */
export function windowCount(plan: readonly RunWindows[]): number {
  return plan.reduce((n, w) => n + w.count, 0);
}
