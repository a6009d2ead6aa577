/**
 * Merges a verified, staged session database into the workstation's database in one transaction:
 * rows get ids above the existing ones (references follow), the station keeps its id unless the id
 * is taken here (then `<id>~<suffix>`), mapping versions are matched by content, AIS already present
 * is not duplicated, and the staged audio and tile files are moved into the cache inside the same
 * transaction (moved back if it fails).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../storage/database.ts';
import { columnsOf } from './session-export.ts';
import { parseTileMember } from './session-file.ts';

export interface MergePlan {
  sessionId: string;
  importedFrom: string;
  /** Where the staged members are (staging/<member name>). */
  stagingDir: string;
  /** Member names of the staged audio and tile files. */
  members: readonly string[];
  audioCache: string;
  tileRoot: string;
  now: number;
}

export interface MergeResult {
  stationId: string;
  renamedFrom?: string;
  /** True when some imported labels were mapped to this workstation's current mapping (they need re-deriving). */
  mappingChanged: boolean;
}

type Params = Record<string, string | number>;

/** INSERT … SELECT from imp.<table> with column expressions replaced (`i` is the imported row). */
function copyRows(db: Db, table: string, params: Params, o: { set?: Record<string, string>; omit?: string[]; or?: 'IGNORE'; where?: string } = {}): void {
  const cols = columnsOf(db, table).filter((c) => !o.omit?.includes(c));
  const exprs = cols.map((c) => o.set?.[c] ?? `i."${c}"`);
  const sql = `INSERT ${o.or ? `OR ${o.or} ` : ''}INTO main."${table}" (${cols.map((c) => `"${c}"`).join(', ')})
    SELECT ${exprs.join(', ')} FROM imp."${table}" AS i ${o.where ? `WHERE ${o.where}` : ''}`;
  db.prepare(sql).run(params);
}

const maxId = (db: Db, table: string, col = 'id') => db.prepare<[], number>(`SELECT coalesce(max("${col}"), 0) FROM main."${table}"`).pluck().get()!;

function entriesKey(db: Db, schema: string, version: number): string {
  return JSON.stringify(db.prepare(`SELECT designation, class_id FROM ${schema}.class_mapping_entries WHERE version = ? ORDER BY designation`).all(version));
}

/** Imported mapping version → a version here with the same entries, else the current one (flagged). */
function mapVersions(db: Db): { pairs: [number, number][]; changed: boolean } {
  const versions = (schema: string) => db.prepare<[], number>(`SELECT version FROM ${schema}.class_mappings ORDER BY version`).pluck().all();
  const here = new Map(versions('main').map((v) => [entriesKey(db, 'main', v), v]));
  const current = Math.max(0, ...here.values());
  let changed = false;
  const pairs = versions('imp').map((v): [number, number] => {
    const same = here.get(entriesKey(db, 'imp', v));
    if (same === undefined) changed = true;
    return [v, same ?? current];
  });
  return { pairs, changed };
}

function freeStationId(db: Db, stationId: string, sessionId: string): string {
  const taken = (id: string) => db.prepare('SELECT 1 FROM main.stations WHERE id = ?').get(id) !== undefined;
  if (!taken(stationId)) return stationId;
  const suffix = createHash('sha256').update(sessionId).digest('hex');
  for (let n = 6; ; n += 2) {
    const id = `${stationId}~${suffix.slice(0, n)}`;
    if (!taken(id)) return id;
  }
}

function copyAll(db: Db, p: Params, importedFrom: string): void {
  const shift = (col: string, off: string) => `i."${col}" + @${off}`;
  const mapped = '(SELECT new FROM temp.aiw_version_map WHERE old = i.mapping_version)';
  copyRows(db, 'stations', p, { set: { id: '@station', name: "CASE WHEN @renamed = 1 THEN i.name || ' (imported)' ELSE i.name END", created_at: '@now' } });
  copyRows(db, 'recordings', p, { set: { id: shift('id', 'recOff'), station_id: '@station', path: "@audioDir || '/' || substr(i.path, 7)" } });
  copyRows(db, 'segments', p, { set: { id: shift('id', 'segOff'), station_id: '@station', recording_id: shift('recording_id', 'recOff') } });
  copyRows(db, 'gaps', p, { omit: ['id'], set: { station_id: '@station' }, or: 'IGNORE' });
  copyRows(db, 'models', p, {
    or: 'IGNORE',
    set: { status: "'retired'", dir: "''", retired_at: '@now', failure: `'imported with session ' || @session || ': the package is not on this machine'` },
  });
  copyRows(db, 'designations', p, { or: 'IGNORE' });
  copyRows(db, 'predictions', p, { set: { id: shift('id', 'predOff'), segment_id: shift('segment_id', 'segOff'), mapping_version: mapped } });
  copyRows(db, 'labels', p, { set: { segment_id: shift('segment_id', 'segOff'), mapping_version: mapped }, or: 'IGNORE' });
  copyRows(db, 'label_facts', p, { set: { segment_id: shift('segment_id', 'segOff') }, or: 'IGNORE' });
  copyRows(db, 'verifications', p, { omit: ['id'], set: { segment_id: shift('segment_id', 'segOff') } });
  copyRows(db, 'ais_positions', p, { omit: ['id'], where: 'NOT EXISTS (SELECT 1 FROM main.ais_positions m WHERE m.mmsi = i.mmsi AND m.time = i.time)' });
  copyRows(db, 'ais_track_minutes', p, { or: 'IGNORE' });
  copyRows(db, 'vessels', p, { or: 'IGNORE' });
  copyRows(db, 'vessel_static_history', p, { omit: ['id'], where: 'NOT EXISTS (SELECT 1 FROM main.vessel_static_history m WHERE m.mmsi = i.mmsi AND m.at = i.at)' });
  copyRows(db, 'spectrogram_pyramids', p, { set: { id: shift('id', 'pyrOff'), station_id: '@station' } });
  copyRows(db, 'spectrogram_tiles', p, { set: { pyramid_id: shift('pyramid_id', 'pyrOff') } });
  copyRows(db, 'sessions', p, {
    set: { station_id: '@station', kind: "'imported'", pinned: '1', imported_from: `'${importedFrom.replaceAll("'", "''")}'`, imported_at: '@now' },
    where: 'i.id = @session',
  });
}

/** Where a staged member goes in the cache. */
function destination(member: string, audioDir: string, tileRoot: string, pyrOff: number): string {
  const tile = parseTileMember(member);
  if (tile) return join(tileRoot, String(tile.pyramidId + pyrOff), `L${tile.level}`, `${tile.index}.tile`);
  return join(audioDir, member.slice('audio/'.length));
}

function moveFiles(plan: MergePlan, audioDir: string, pyrOff: number, moved: [string, string][]): void {
  for (const member of plan.members) {
    const from = join(plan.stagingDir, member);
    const to = destination(member, audioDir, plan.tileRoot, pyrOff);
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
    moved.push([from, to]);
  }
}

/** Merges the staged database `stagedDb` (already migrated to this schema) into `db`. */
export function mergeSessionDb(db: Db, stagedDb: string, plan: MergePlan): MergeResult {
  db.prepare('ATTACH DATABASE ? AS imp').run(stagedDb);
  const moved: [string, string][] = [];
  try {
    const oldStation = db.prepare<[string], string>('SELECT station_id FROM imp.sessions WHERE id = ?').pluck().get(plan.sessionId);
    if (oldStation === undefined) throw new AppError('VERIFY_FAILED', `the session database does not hold session ${plan.sessionId}`);
    const station = freeStationId(db, oldStation, plan.sessionId);
    const audioDir = join(plan.audioCache, station, `session-${plan.sessionId}`);
    const versions = mapVersions(db);
    const offsets = {
      recOff: maxId(db, 'recordings'), segOff: maxId(db, 'segments'), predOff: maxId(db, 'predictions'), pyrOff: maxId(db, 'spectrogram_pyramids'),
    };
    const params: Params = {
      ...offsets, station, renamed: station === oldStation ? 0 : 1, now: plan.now, session: plan.sessionId, audioDir,
    };
    db.transaction(() => {
      db.exec('CREATE TEMP TABLE IF NOT EXISTS aiw_version_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL); DELETE FROM temp.aiw_version_map;');
      const put = db.prepare('INSERT INTO temp.aiw_version_map (old, new) VALUES (?, ?)');
      for (const [from, to] of versions.pairs) put.run(from, to);
      copyAll(db, params, plan.importedFrom);
      moveFiles(plan, audioDir, offsets.pyrOff, moved);
    })();
    return { stationId: station, ...(station === oldStation ? {} : { renamedFrom: oldStation }), mappingChanged: versions.changed };
  } catch (err) {
    for (const [from, to] of moved.reverse()) {
      try {
        renameSync(to, from);
      } catch {
        // best effort: the staging folder is deleted next anyway
      }
    }
    throw err;
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.aiw_version_map');
    db.exec('DETACH DATABASE imp');
  }
}
