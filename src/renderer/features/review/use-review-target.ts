/**
 * What the review view shows, from its address (review-route.ts): a session (its station and range),
 * a station's range, or the selected station following live.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SessionRef } from '../../../shared/sessions.ts';
import { useApi } from '../../app/api-context.tsx';
import { notifyError } from '../../state/notices-store.ts';
import { useStationsStore } from '../../state/stations-store.ts';
import { reviewParams } from './review-route.ts';

export interface ReviewTarget {
  readonly stationId: string | undefined;
  readonly session?: SessionRef;
  /** The data range (a session or a chosen range); undefined = follow live. */
  readonly range?: { readonly from: number; readonly to: number };
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useReviewTarget(): ReviewTarget {
  const api = useApi();
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const params = reviewParams(hash);
  const selectedId = useStationsStore((s) => s.selectedId);
  const [session, setSession] = useState<SessionRef | undefined>(undefined);
  useEffect(() => {
    if (!params.session) return setSession(undefined);
    let live = true;
    // One session's range, not the whole list: listing counts every session's data (~100 ms each).
    void api.invoke('sessions:get', { id: params.session }).then((r) => {
      if (!live) return;
      setSession(r.ok ? r.value : undefined);
      if (!r.ok) notifyError('Opening the session', r.error);
    });
    return () => {
      live = false;
    };
  }, [api, params.session]);
  if (params.session) return session ? { stationId: session.stationId, session, range: { from: session.from, to: session.to } } : { stationId: undefined };
  const stationId = params.station ?? selectedId;
  return params.from !== undefined && params.to !== undefined ? { stationId, range: { from: params.from, to: params.to } } : { stationId };
}
