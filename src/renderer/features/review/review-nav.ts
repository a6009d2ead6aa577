/**
 * Review logic over a `review:timeline` (pure, unit-tested): the truth of a segment (the analyst's
 * verification first, else the AIS label), whether a model's call disagrees with it, stepping to the
 * next / previous segment, disagreement or high-uncertainty segment, and the review queue.
 */
import type { ReviewModel, ReviewTimeline } from '../../../shared/sessions.ts';

/** Normalised entropy at or above which a call counts as highly uncertain. */
export const HIGH_UNCERTAINTY = 0.7;

export type QueueOrder = 'uncertainty' | 'disagreement';

export interface QueueItem {
  index: number;
  segmentId: number;
  start: number;
  /** What the queue is ordered by (higher first). */
  score: number;
  /** Models whose call disagrees with the truth. */
  disagreeing: string[];
}

/** The classes the segment truly holds, or null when unknown (ambiguous, "can't tell", not labelled). */
export function truthClasses(t: ReviewTimeline, i: number): readonly string[] | null {
  const v = t.verifications[i];
  if (v) {
    if (v.verdict === 'no-ship') return ['E'];
    if (v.verdict === 'cant-tell') return null;
    return v.classes.length ? v.classes : null;
  }
  const status = t.truth.status[i];
  if (status === 'single' || status === 'multi') return t.truth.classes[i]!;
  if (status === 'background') return ['E'];
  return null;
}

/** The class a model predicted for segment i (undefined when it did not predict it). */
export function predictedClass(m: ReviewModel, i: number): string | undefined {
  const k = m.predicted[i];
  return k === null || k === undefined ? undefined : m.classes[k];
}

/** True / false when the call and the truth are both known; null otherwise. */
export function disagrees(t: ReviewTimeline, m: ReviewModel, i: number): boolean | null {
  const call = predictedClass(m, i);
  const truth = truthClasses(t, i);
  if (call === undefined || truth === null) return null;
  return !truth.includes(call);
}

/** Models (keys) disagreeing with the truth on segment i. */
export function disagreeingModels(t: ReviewTimeline, i: number, models: readonly ReviewModel[] = t.models): string[] {
  return models.filter((m) => disagrees(t, m, i) === true).map((m) => m.key);
}

/** Highest normalised entropy over the models on segment i (null when none predicted). */
export function maxUncertainty(t: ReviewTimeline, i: number, models: readonly ReviewModel[] = t.models): number | null {
  let best: number | null = null;
  for (const m of models) {
    const u = m.uncertainty[i];
    if (u !== null && u !== undefined && (best === null || u > best)) best = u;
  }
  return best;
}

/** The first index after (dir 1) or before (dir -1) `from` that satisfies `test`, or undefined. */
export function step(n: number, from: number | undefined, dir: 1 | -1, test: (i: number) => boolean = () => true): number | undefined {
  const start = from === undefined ? (dir === 1 ? -1 : n) : from;
  for (let i = start + dir; i >= 0 && i < n; i += dir) if (test(i)) return i;
  return undefined;
}

export type StepKind = 'segment' | 'disagreement' | 'uncertain';

/** The next (or previous) segment of a kind from the selected one; `models` limits which models count. */
export function nextOf(t: ReviewTimeline, kind: StepKind, from: number | undefined, dir: 1 | -1, models: readonly ReviewModel[] = t.models): number | undefined {
  const n = t.segments.ids.length;
  if (kind === 'segment') return step(n, from, dir);
  if (kind === 'disagreement') return step(n, from, dir, (i) => disagreeingModels(t, i, models).length > 0);
  return step(n, from, dir, (i) => (maxUncertainty(t, i, models) ?? 0) >= HIGH_UNCERTAINTY);
}

/**
 * Segments worth a look, best first: by uncertainty (highest normalised entropy over the models), or
 * by disagreement (segments where a model contradicts the truth; the more models and the more
 * confident the wrong call, the earlier).
 */
export function reviewQueue(t: ReviewTimeline, order: QueueOrder, limit = 200, models: readonly ReviewModel[] = t.models): QueueItem[] {
  const items: QueueItem[] = [];
  for (let i = 0; i < t.segments.ids.length; i++) {
    const disagreeing = disagreeingModels(t, i, models);
    let score: number | null;
    if (order === 'uncertainty') score = maxUncertainty(t, i, models);
    else score = disagreeing.length ? disagreeing.length + Math.max(...models.filter((m) => disagreeing.includes(m.key)).map((m) => m.prob[i] ?? 0)) : null;
    if (score !== null) items.push({ index: i, segmentId: t.segments.ids[i]!, start: t.segments.starts[i]!, score, disagreeing });
  }
  return items.sort((a, b) => b.score - a.score || a.start - b.start).slice(0, limit);
}

/** Index of the segment containing `time` (else the nearest one starting after it, else the last). */
export function segmentAt(t: ReviewTimeline, time: number): number | undefined {
  const { starts, ends } = t.segments;
  if (starts.length === 0) return undefined;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= time) lo = mid;
    else hi = mid - 1;
  }
  if (starts[lo]! <= time && time < ends[lo]!) return lo;
  return starts[lo]! > time ? lo : Math.min(lo + 1, starts.length - 1);
}
