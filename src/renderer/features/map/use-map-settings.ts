/** The map's settings from main: configured AIS sources (with key state, never keys) and the online tile layer. */
import { useCallback, useEffect, useState } from 'react';
import type { AisSourceEntry } from '../../../shared/ais-sources.ts';
import type { MapTiles } from '../../../shared/map-tiles.ts';
import { useApi } from '../../app/api-context.tsx';

/** Every configured AIS source; `reload` fetches them again (after an edit). */
export function useSourceConfigs(): { entries: AisSourceEntry[] | undefined; reload: () => void } {
  const api = useApi();
  const [entries, setEntries] = useState<AisSourceEntry[] | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    void api.invoke('ais:source-configs', {}).then((r) => live && r.ok && setEntries(r.value));
    return () => {
      live = false;
    };
  }, [api, generation]);
  return { entries, reload: useCallback(() => setGeneration((g) => g + 1), []) };
}

/**
 * The tile setting as it was when this page first asked (once per page load): the page's
 * Content-Security-Policy, fixed at load, allows only that host, so a change applies after a reload.
 */
let tilesAtLoad: Promise<MapTiles | undefined> | undefined;

/** The tiles the map may draw now (`active`), the current setting (`current`, for the form) and `changed` after a save. */
export function useMapTiles(): { active: MapTiles | undefined; current: MapTiles | undefined; changed: (tiles: MapTiles) => void } {
  const api = useApi();
  const [active, setActive] = useState<MapTiles | undefined>(undefined);
  const [current, setCurrent] = useState<MapTiles | undefined>(undefined);
  useEffect(() => {
    let live = true;
    tilesAtLoad ??= api.invoke('map:tiles', {}).then((r) => (r.ok ? r.value : undefined));
    void tilesAtLoad.then((t) => live && setActive(t));
    void api.invoke('map:tiles', {}).then((r) => live && r.ok && setCurrent(r.value));
    return () => {
      live = false;
    };
  }, [api]);
  return { active, current, changed: setCurrent };
}
