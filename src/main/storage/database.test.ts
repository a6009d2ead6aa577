import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database.ts';
import { MIGRATIONS } from './migrations/index.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'aiw-db-'));

describe('openDatabase', () => {
  it('creates the schema in WAL mode with foreign keys on', () => {
    const db = openDatabase(join(tmp(), 'a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const tables = db.prepare("select name from sqlite_master where type='table'").pluck().all();
    for (const t of ['stations', 'recordings', 'segments', 'models', 'predictions', 'ais_positions', 'vessels',
      'class_mappings', 'class_mapping_entries', 'labels', 'settings']) {
      expect(tables).toContain(t);
    }
    db.close();
  });

  it('is idempotent: reopening keeps data and does not re-run migrations', () => {
    const file = join(tmp(), 'b.db');
    const a = openDatabase(file);
    a.prepare("insert into settings(key, value) values ('k', '1')").run();
    a.close();
    const b = openDatabase(file);
    expect(b.prepare("select value from settings where key='k'").pluck().get()).toBe('1');
    b.close();
  });

  it('refuses a file that is not a database and leaves it untouched', () => {
    const file = join(tmp(), 'c.db');
    const garbage = Buffer.from('this is not sqlite at all, just analyst notes '.repeat(200));
    writeFileSync(file, garbage);
    expect(() => openDatabase(file)).toThrowError(expect.objectContaining({ code: 'DB_CORRUPT' }));
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a database written by a newer schema', () => {
    const file = join(tmp(), 'd.db');
    openDatabase(file).close();
    const newer = [...MIGRATIONS, { version: 99, name: 'future', sql: 'select 1;' }];
    openDatabase(file, newer).close();
    expect(() => openDatabase(file)).toThrowError(expect.objectContaining({ code: 'DB_FAILED' }));
  });

  it('rolls back a failing migration completely', () => {
    const file = join(tmp(), 'e.db');
    openDatabase(file).close();
    const latest = MIGRATIONS.at(-1)!.version;
    const broken = [...MIGRATIONS, { version: latest + 1, name: 'broken', sql: 'create table t(x); insert into nope values (1);' }];
    expect(() => openDatabase(file, broken)).toThrow();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare("select count(*) from sqlite_master where name='t'").pluck().get()).toBe(0);
    db.close();
  });
});
