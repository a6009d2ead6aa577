/** Key/value settings stored as JSON. */
import type { Db } from './database.ts';

export function createSettingsRepo(db: Db) {
  const get = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get<T>(key: string, fallback: T): T {
      const raw = get.pluck().get(key) as string | undefined;
      return raw === undefined ? fallback : (JSON.parse(raw) as T);
    },
    set(key: string, value: unknown): void {
      set.run(key, JSON.stringify(value));
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
