/**
 * Loads the `review:timeline` of a station over a range (at once the first time, then debounced while
 * the range moves), and again every `refreshMs` when given (following live). Keeps the previous answer
 * while loading.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReviewTimeline } from '../../../shared/sessions.ts';
import { useApi } from '../../app/api-context.tsx';
import { notifyError } from '../../state/notices-store.ts';

const DEBOUNCE_MS = 120;

/** `reload`: bump to load again now (e.g. after a verification). */
export function useReviewTimeline(
  stationId: string | undefined, from: number | undefined, to: number | undefined, refreshMs?: number, reload = 0,
): ReviewTimeline | undefined {
  const api = useApi();
  const [timeline, setTimeline] = useState<ReviewTimeline | undefined>(undefined);
  const shown = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!stationId || from === undefined || to === undefined || to <= from) return;
    let cancelled = false;
    const load = async () => {
      const r = await api.invoke('review:timeline', { stationId, from, to });
      if (cancelled) return;
      if (!r.ok) return notifyError('Loading the review timeline', r.error);
      shown.current = stationId;
      setTimeline(r.value);
    };
    // The first answer for a station is the first screen: no debounce (that is for a moving range).
    const timer = setTimeout(() => void load(), shown.current === stationId ? DEBOUNCE_MS : 0);
    const refresh = refreshMs ? setInterval(() => void load(), refreshMs) : undefined;
    return () => {
      cancelled = true;
      clearTimeout(timer);
      clearInterval(refresh);
    };
  }, [api, stationId, from, to, refreshMs, reload]);
  return timeline?.stationId === stationId ? timeline : undefined;
}
