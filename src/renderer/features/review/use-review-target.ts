/**
 * What the review view shows, from its address (review-route.ts): a session (its station and range),
 * a station's range, or the selected station following live.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Session } from '../../../shared/sessions.ts';
import { useApi } from '../../app/api-context.tsx';
import { notifyError } from '../../state/notices-store.ts';
import { useStationsStore } from '../../state/stations-store.ts';
import { reviewParams } from './review-route.ts';

export interface ReviewTarget {
  readonly stationId: string | undefined;
  readonly session?: Session;
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
  const [session, setSession] = useState<Session | undefined>(undefined);
  useEffect(() => {
    if (!params.session) return setSession(undefined);
    let live = true;
    void api.invoke('sessions:list', {}).then((r) => {
      if (!live) return;
      if (!r.ok) return notifyError('Loading the session', r.error);
      const found = r.value.find((s) => s.id === params.session);
      if (!found) notifyError('Opening the session', { code: 'NOT_FOUND', message: `no session ${params.session}` });
      setSession(found);
    });
    return () => {
      live = false;
    };
  }, [api, params.session]);
  if (params.session) return session ? { stationId: session.stationId, session, range: { from: session.from, to: session.to } } : { stationId: undefined };
  const stationId = params.station ?? selectedId;
  return params.from !== undefined && params.to !== undefined ? { stationId, range: { from: params.from, to: params.to } } : { stationId };
}
