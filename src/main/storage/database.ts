/**
 * Opens the workstation database: one SQLite file in WAL mode with foreign keys on,
 * migrated to the latest schema.
 *
 * A file that is not a database, fails its quick check, or was written by a newer
 * version is refused with DB_CORRUPT / DB_FAILED and left untouched: we never
 * "repair" an analyst's data by overwriting it.
 */
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw new AppError('DB_FAILED', `cannot open database ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    checkIntegrity(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function checkIntegrity(db: Db, file: string): void {
  try {
    const row = db.pragma('quick_check', { simple: true });
    if (row !== 'ok') throw new Error(String(row));
  } catch (err) {
    throw new AppError(
      'DB_CORRUPT',
      `database ${file} is damaged (${(err as Error).message}). It was left untouched: ` +
        'move it aside to start with an empty database, or restore it from a backup.',
      { cause: err },
    );
  }
}

/** Applies every migration newer than the file's user_version, each in its own transaction. */
export function migrate(db: Db, file: string, migrations: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new AppError(
      'DB_FAILED',
      `database ${file} has schema version ${current}, newer than this workstation knows (${latest}); ` +
        'update the workstation instead of opening it with an older one.',
    );
  }
  for (const m of migrations.filter((x) => x.version > current)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
