/**
 * The range the review timeline shows (review-view.ts) as React state: following live by default on
 * a station, paused by panning, zooming or the toggle; a session or chosen range shows that range.
 * The live width is remembered per view (`live.windowMs`, `review.windowMs`).
 */
import { useEffect, useState } from 'react';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { useStationsStore } from '../../state/stations-store.ts';
import type { TimeView } from '../live/spectrogram-navigation.ts';
import { isFollowing, navigated, revealed, shownRange, toggledFollow, withWindow, type Range, type ViewState } from './review-view.ts';
import type { ReviewTarget } from './use-review-target.ts';

const MINUTE = 60_000;
const isWindow = (v: unknown): v is number => typeof v === 'number' && v >= 10_000 && v <= 14 * 86_400_000;

/** Which page hosts the timeline: the Live page (follows by default, 10 min) or the Review page. */
export type ReviewMode = 'live' | 'review';

export interface ReviewViewControl {
  readonly follow: boolean;
  readonly shown: Range;
  /** The newest audio of the station (Date.now() before any). */
  readonly liveEnd: number;
  toggleFollow(): void;
  followLive(): void;
  navigate(change: (v: TimeView) => TimeView): void;
  setWindow(ms: number): void;
  /** Makes sure `span` is on screen (pausing when the view has to move). */
  reveal(span: Range): void;
}

export function useReviewView(target: ReviewTarget, mode: ReviewMode): ReviewViewControl {
  const status = useStationsStore((s) => s.statuses.find((st) => st.stationId === target.stationId));
  const liveEnd = status?.lastAudioAt ?? Date.now();
  const [windowMs, setWindowMs] = usePersistentState<number>(`${mode}.windowMs`, (mode === 'live' ? 10 : 30) * MINUTE, isWindow);
  const [state, setState] = useState<ViewState>({});
  const range = target.range;
  useEffect(() => setState({}), [target.stationId, range?.from, range?.to]);
  const follow = isFollowing(state, range);
  const shown = shownRange(state, range, windowMs, liveEnd);
  // A session may end after the station's last live audio (imported): it can be panned to its end.
  const limit = Math.max(liveEnd, range?.to ?? -Infinity);
  return {
    follow, shown, liveEnd,
    toggleFollow: () => setState(toggledFollow(follow, shown)),
    followLive: () => setState({}),
    // Functional updates: several pointer moves can arrive between two renders.
    navigate: (change) => setState((s) => ({ paused: navigated(shownRange(s, range, windowMs, liveEnd), change, limit) })),
    setWindow: (ms) => {
      const next = withWindow(state, shown, follow, ms);
      if (next.liveWindowMs !== undefined) setWindowMs(next.liveWindowMs);
      setState(next.state);
    },
    reveal: (span) => setState((s) => revealed(s, shownRange(s, range, windowMs, liveEnd), span)),
  };
}
