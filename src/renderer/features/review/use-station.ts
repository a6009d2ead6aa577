/** A station's description (`stations:list`): position for the map, channel count for playback. */
import { useEffect, useState } from 'react';
import type { Station } from '../../../shared/domain.ts';
import { useApi } from '../../app/api-context.tsx';

export function useStation(stationId: string | undefined): Station | undefined {
  const api = useApi();
  const [station, setStation] = useState<Station | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void api.invoke('stations:list', {}).then((r) => live && r.ok && setStation(r.value.find((s) => s.id === stationId)));
    return () => {
      live = false;
    };
  }, [api, stationId]);
  return station;
}
