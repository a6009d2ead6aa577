/**
 * Loads what every view needs (stations, models, app info) on start and after each reconnect.
 */
import { useEffect, useState } from 'react';
import type { InvokeResponse } from '../../shared/contract.ts';
import { invokeOrNotify } from '../state/api-calls.ts';
import { useConnectionEpoch } from '../state/connection-store.ts';
import { useModelsStore } from '../state/models-store.ts';
import { useStationsStore } from '../state/stations-store.ts';
import { useApi } from './api-context.tsx';

export type AppInfo = InvokeResponse<'app:get-info'>;

/** Fetches the shared state whenever the connection (re)opens; returns the app info. */
export function useBootstrap(): AppInfo | undefined {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [info, setInfo] = useState<AppInfo>();
  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    void invokeOrNotify(api, 'stations:status', {}, 'Loading stations').then((s) => live && s && useStationsStore.getState().setStatuses(s));
    void invokeOrNotify(api, 'models:list', {}, 'Loading models').then((m) => live && m && useModelsStore.getState().setModels(m));
    void invokeOrNotify(api, 'app:get-info', {}, 'Loading app info').then((i) => live && i && setInfo(i));
    return () => {
      live = false;
    };
  }, [api, epoch]);
  return info;
}
