/**
 * The map's optional online tile layer, kept in the settings table (`map.tiles`), and the image origins
 * the Content-Security-Policy allows because of it: none unless the analyst set a tile URL.
 */
import { mapTilesSchema, tileOrigin, type MapTiles } from '../../shared/map-tiles.ts';
import type { SettingsRepo } from '../storage/settings-repo.ts';

const KEY = 'map.tiles';
const OFF: MapTiles = { url: null, attribution: '' };

/** The stored setting; anything that no longer validates reads as "off". */
export function readMapTiles(settings: SettingsRepo): MapTiles {
  try {
    const parsed = mapTilesSchema.safeParse(settings.get<unknown>(KEY, OFF));
    return parsed.success ? parsed.data : OFF;
  } catch {
    return OFF; // an unreadable setting must not take the page (or its CSP) down
  }
}

/** Changes the setting: `url` null turns the online layer off; an omitted field keeps its value. */
export function writeMapTiles(settings: SettingsRepo, change: { url?: string | null; attribution?: string }): MapTiles {
  const current = readMapTiles(settings);
  const next: MapTiles = { url: change.url === undefined ? current.url : change.url, attribution: change.attribution ?? current.attribution };
  settings.set(KEY, next.url === null ? { ...next, attribution: '' } : next);
  return readMapTiles(settings);
}

/** Origins images may come from besides the app itself: the tile host when a tile URL is set, else none. */
export function mapImageOrigins(settings: SettingsRepo): string[] {
  const { url } = readMapTiles(settings);
  return url === null ? [] : [tileOrigin(url)];
}
