/**
 * Loads a station's recent predictions when it is selected and after every reconnect.
 */
import { useEffect } from 'react';
import { useApi } from '../../app/api-context.tsx';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { useConnectionEpoch } from '../../state/connection-store.ts';
import { usePredictionsStore } from '../../state/predictions-store.ts';

/** How many predictions the live view asks for on load. */
export const INITIAL_PREDICTIONS = 200;

export function useRecentPredictions(stationId: string | undefined): void {
  const api = useApi();
  const epoch = useConnectionEpoch();
  useEffect(() => {
    if (!stationId || epoch === 0) return;
    let live = true;
    void invokeOrNotify(api, 'predictions:recent', { stationId, limit: INITIAL_PREDICTIONS }, 'Loading predictions').then(
      (predictions) => live && predictions && usePredictionsStore.getState().add(predictions),
    );
    return () => {
      live = false;
    };
  }, [api, stationId, epoch]);
}
