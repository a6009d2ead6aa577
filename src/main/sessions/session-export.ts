/**
 * Writes a session as one `.aiwsession` file: a session database holding the session's rows
 * (session-scope.ts) copied from the workstation's database, the cached audio files, the tile files,
 * and the manifest with the sha256 of every member (session-file.ts). The file appears under its
 * name only when complete (written as `.partial`, then renamed).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Station } from '../../shared/domain.ts';
import type { SessionExportResult } from '../../shared/sessions.ts';
import { openDatabase, type Db } from '../storage/database.ts';
import {
  audioMember, DB_MEMBER, MANIFEST_HASH_NAME, MANIFEST_NAME, MARKER_NAME, markerText, SESSION_FORMAT_VERSION, tileMember,
  type SessionManifest,
} from './session-file.ts';
import { scopeParams, SESSION_TABLES } from './session-scope.ts';
import type { SessionRow } from './sessions-repo.ts';
import { TarWriter, type WrittenMember } from './tar-archive.ts';

export interface ExportDeps {
  /** The workstation database file (read through a second connection). */
  dbPath: string;
  /** cache/tiles */
  tileRoot: string;
  /** Where temporary files go (the data folder: same volume as the output, usually). */
  workRoot: string;
  appVersion: string;
}

interface SubsetFiles {
  audio: { member: string; path: string }[];
  tiles: { member: string; path: string }[];
  counts: Record<string, number>;
  models: string[];
  schemaVersion: number;
}

/** Names of the columns of a table (in the session database: the same schema as the source). */
export function columnsOf(db: Db, table: string, schema = 'main'): string[] {
  return (db.pragma(`${schema}.table_info("${table}")`) as { name: string }[]).map((c) => c.name);
}

function copyScope(db: Db, params: Record<string, unknown>): void {
  db.exec('DELETE FROM class_mapping_entries; DELETE FROM class_mappings; DELETE FROM designations;');
  for (const { table, where } of SESSION_TABLES) {
    const cols = columnsOf(db, table).map((c) => `"${c}"`).join(', ');
    db.prepare(`INSERT INTO main."${table}" (${cols}) SELECT ${cols} FROM src."${table}" WHERE ${where}`).run(params);
  }
}

/** Keeps only rows whose files exist, points recordings at their members, and lists the files. */
function collectFiles(db: Db, tileRoot: string): Pick<SubsetFiles, 'audio' | 'tiles'> {
  const audio: SubsetFiles['audio'] = [];
  for (const r of db.prepare<[], { id: number; path: string }>('SELECT id, path FROM recordings ORDER BY start_time').all()) {
    if (!existsSync(r.path)) {
      db.prepare('DELETE FROM recordings WHERE id = ?').run(r.id);
      continue;
    }
    const member = audioMember(r.id, r.path);
    db.prepare('UPDATE recordings SET path = ? WHERE id = ?').run(member, r.id);
    audio.push({ member, path: r.path });
  }
  db.exec('UPDATE segments SET recording_id = NULL WHERE recording_id IS NOT NULL AND recording_id NOT IN (SELECT id FROM recordings)');
  const tiles: SubsetFiles['tiles'] = [];
  const rows = db.prepare<[], { p: number; l: number; i: number }>(
    'SELECT pyramid_id AS p, level AS l, tile_index AS i FROM spectrogram_tiles ORDER BY pyramid_id, level, tile_index').all();
  const drop = db.prepare('DELETE FROM spectrogram_tiles WHERE pyramid_id = ? AND level = ? AND tile_index = ?');
  for (const t of rows) {
    const path = join(tileRoot, String(t.p), `L${t.l}`, `${t.i}.tile`);
    if (existsSync(path)) tiles.push({ member: tileMember(t.p, t.l, t.i), path });
    else drop.run(t.p, t.l, t.i);
  }
  return { audio, tiles };
}

/** Builds the session database at `subsetPath` from the workstation database. */
export function buildSessionDb(deps: ExportDeps, subsetPath: string, session: SessionRow, station: Station): SubsetFiles {
  openDatabase(subsetPath).close(); // the full schema, at this workstation's version
  const db = new Database(subsetPath);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('foreign_keys = OFF');
    db.prepare('ATTACH DATABASE ? AS src').run(deps.dbPath);
    const params = { ...scopeParams({ stationId: session.stationId, from: session.from, to: session.to }, station), session: session.id };
    const files = db.transaction(() => {
      copyScope(db, params);
      return collectFiles(db, deps.tileRoot);
    })();
    db.exec('DETACH DATABASE src');
    const counts = Object.fromEntries(SESSION_TABLES.map(({ table }) => [table, db.prepare<[], number>(`SELECT count(*) FROM "${table}"`).pluck().get()!]));
    const models = db.prepare<[], string>("SELECT DISTINCT model_id || '@' || model_version FROM predictions ORDER BY 1").pluck().all();
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    db.exec('VACUUM');
    return { ...files, counts, models, schemaVersion };
  } finally {
    db.close();
  }
}

function manifestOf(deps: ExportDeps, session: SessionRow, station: Station, files: SubsetFiles, members: WrittenMember[]): SessionManifest {
  return {
    format: 'aiwsession', formatVersion: SESSION_FORMAT_VERSION, createdAt: Date.now(),
    createdBy: { app: 'Acoustic Inference Workstation', version: deps.appVersion }, schemaVersion: files.schemaVersion,
    session: {
      id: session.id, name: session.name, kind: session.kind, stationId: station.id, stationName: station.name, from: session.from, to: session.to,
      ...(session.note ? { note: session.note } : {}),
    },
    counts: files.counts, models: files.models, members,
  };
}

/** Writes `session` of `station` to `outPath`; returns what was written. */
export async function exportSession(deps: ExportDeps, session: SessionRow, station: Station, outPath: string): Promise<SessionExportResult> {
  const started = Date.now();
  const work = await mkdtemp(join(deps.workRoot, '.export-'));
  let writer: TarWriter | undefined;
  try {
    const subsetPath = join(work, 'session.sqlite');
    const files = buildSessionDb(deps, subsetPath, session, station);
    writer = await TarWriter.create(outPath);
    const members = [await writer.addBuffer(MARKER_NAME, Buffer.from(markerText())), await writer.addFile(DB_MEMBER, subsetPath)];
    for (const f of [...files.audio, ...files.tiles]) members.push(await writer.addFile(f.member, f.path));
    const manifest = Buffer.from(`${JSON.stringify(manifestOf(deps, session, station, files, members), null, 1)}\n`);
    const written = await writer.addBuffer(MANIFEST_NAME, manifest);
    await writer.addBuffer(MANIFEST_HASH_NAME, Buffer.from(`${written.sha256}  ${MANIFEST_NAME}\n`));
    const done = await writer.finish();
    writer = undefined;
    return { path: done.path, bytes: done.bytes, members: members.length + 2, sha256: done.sha256, elapsedMs: Date.now() - started };
  } finally {
    await writer?.abort();
    await rm(work, { recursive: true, force: true });
  }
}
