/**
 * The selected segment and the time cursor of the review timeline, keyboard review
 * (use-review-keys.ts) over the loaded timeline, and picking a time on the lanes.
 */
import { useMemo, useState } from 'react';
import type { ReviewTimeline } from '../../../shared/sessions.ts';
import { nextOf, segmentAt, type StepKind } from './review-nav.ts';
import type { Range } from './review-view.ts';
import { useReviewKeys } from './use-review-keys.ts';
import type { ReviewViewControl } from './use-review-view.ts';

export interface ReviewSelection {
  /** Index of the selected segment in the timeline. */
  readonly selected: number | undefined;
  readonly span: Range | undefined;
  readonly cursor: number | undefined;
  readonly playToggle: number;
  selectIndex(i: number): void;
  pick(time: number): void;
}

const spanOf = (t: ReviewTimeline, i: number): Range => ({ from: t.segments.starts[i]!, to: t.segments.ends[i]! });

export function useReviewSelection(timeline: ReviewTimeline | undefined, view: ReviewViewControl): ReviewSelection {
  const [selectedId, setSelectedId] = useState<number | undefined>(undefined);
  const [cursor, setCursor] = useState<number | undefined>(undefined);
  const [playToggle, setPlayToggle] = useState(0);
  const selected = useMemo(() => {
    const i = selectedId === undefined ? -1 : (timeline?.segments.ids.indexOf(selectedId) ?? -1);
    return i < 0 ? undefined : i;
  }, [timeline, selectedId]);

  const selectIndex = (i: number) => {
    if (!timeline) return;
    const span = spanOf(timeline, i);
    setSelectedId(timeline.segments.ids[i]);
    setCursor((span.from + span.to) / 2);
    view.reveal(span);
  };
  useReviewKeys({
    step: (kind: StepKind, dir) => {
      if (!timeline) return;
      const from = selected ?? (dir === 1 ? segmentAt(timeline, view.shown.from)! - 1 : segmentAt(timeline, view.shown.to));
      const next = nextOf(timeline, kind, from, dir);
      if (next !== undefined) selectIndex(next);
    },
    play: () => setPlayToggle((n) => n + 1),
    followLive: () => (view.follow ? view.toggleFollow() : view.followLive()),
    clear: () => setSelectedId(undefined),
  });
  const pick = (time: number) => {
    setCursor(time);
    const i = timeline ? segmentAt(timeline, time) : undefined;
    if (i !== undefined && timeline!.segments.starts[i]! <= time && time < timeline!.segments.ends[i]!) setSelectedId(timeline!.segments.ids[i]);
  };
  return { selected, span: timeline && selected !== undefined ? spanOf(timeline, selected) : undefined, cursor, playToggle, selectIndex, pick };
}
