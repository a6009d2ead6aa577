/** Stations: where audio comes from (the demo station, SFTP stations, local folders). */
import type { Db } from './database.ts';
import type { Station } from '../../shared/domain.ts';

interface StationRow {
  id: string;
  name: string;
  kind: Station['kind'];
  lat: number;
  lon: number;
  depth_m: number | null;
  sample_rate: number;
  channels: number;
  config: string;
}

export function createStationsRepo(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO stations (id, name, kind, config, lat, lon, depth_m, sample_rate, channels, created_at)
    VALUES (@id, @name, @kind, @config, @lat, @lon, @depthM, @sampleRate, @channels, @now)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, config = excluded.config, lat = excluded.lat,
      lon = excluded.lon, depth_m = excluded.depth_m, sample_rate = excluded.sample_rate, channels = excluded.channels`);
  const all = db.prepare<[], StationRow>('SELECT * FROM stations ORDER BY created_at, id');

  return {
    upsert(station: Station, config: unknown = {}): void {
      upsert.run({ ...station, depthM: station.depthM ?? null, config: JSON.stringify(config), now: Date.now() });
    },
    list(): Station[] {
      return all.all().map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        lat: r.lat,
        lon: r.lon,
        depthM: r.depth_m ?? undefined,
        sampleRate: r.sample_rate,
        channels: r.channels,
      }));
    },
  };
}
export type StationsRepo = ReturnType<typeof createStationsRepo>;
