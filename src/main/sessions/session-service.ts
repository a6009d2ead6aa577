/**
 * Sessions as the app, the API and the CLI use them: list (live runs found in the data, chosen spans,
 * imported sessions, with counts and sizes), create, rename, pin, forget, export to a `.aiwsession`
 * file and import one (docs/session-format.md).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import type { Station } from '../../shared/domain.ts';
import type { Session, SessionExportResult, SessionRef, SessionImportResult } from '../../shared/sessions.ts';
import type { DataPaths } from '../app/paths.ts';
import type { Logger } from '../app/logger.ts';
import type { Db } from '../storage/database.ts';
import { MIGRATIONS } from '../storage/migrations/index.ts';
import { exportSession } from './session-export.ts';
import { SESSION_EXTENSION } from './session-file.ts';
import { importSessionFile } from './session-import.ts';
import { createTimelineQueries } from './review-timeline.ts';
import { createScopeQueries, scopeParams, type ScopeQueries } from './session-scope.ts';
import { createSessionsRepo, newSessionId, type SessionRow, type SessionsRepo } from './sessions-repo.ts';

export interface SessionServiceDeps {
  db: Db;
  paths: DataPaths;
  stations: () => readonly Station[];
  appVersion: string;
  logger: Logger;
  /** Writes open spectrogram tiles to disk before an export. */
  flushTiles?: () => Promise<void>;
  /** Told after an import (e.g. to re-derive labels whose mapping version was replaced). */
  afterImport?: (r: { stationId: string; from: number; to: number; mappingChanged: boolean }) => void;
}

export class SessionService {
  readonly repo: SessionsRepo;
  /** `review:timeline` queries. */
  readonly timeline: ReturnType<typeof createTimelineQueries>;
  readonly #scope: ScopeQueries;
  readonly #d: SessionServiceDeps;
  #busy: string | undefined;

  constructor(deps: SessionServiceDeps) {
    this.#d = deps;
    this.repo = createSessionsRepo(deps.db);
    this.#scope = createScopeQueries(deps.db);
    this.timeline = createTimelineQueries(deps.db);
  }

  /** Every session (of one station), newest first, runs brought up to date first. */
  list(stationId?: string): Session[] {
    this.repo.syncRuns();
    const stations = new Map(this.#d.stations().map((s) => [s.id, s]));
    return this.repo.list().filter((s) => stationId === undefined || s.stationId === stationId).map((s) => this.#describe(s, stations.get(s.stationId)));
  }

  /** One session's station and range without its counts and sizes (those scan the range: ~100 ms for a day). */
  ref(id: string): SessionRef {
    this.repo.syncRuns(); // a live run's end moves on
    const s = this.#row(id);
    const stationName = this.#d.stations().find((st) => st.id === s.stationId)?.name ?? s.stationId;
    return { id: s.id, name: s.name, stationId: s.stationId, stationName, kind: s.kind, from: s.from, to: s.to };
  }

  get(id: string): Session {
    return this.#describe(this.#row(id), this.#station(this.#row(id).stationId));
  }

  create(r: { stationId: string; from: number; to: number; name?: string; pinned?: boolean; note?: string }): Session {
    this.#station(r.stationId);
    const row = this.repo.insert({
      id: newSessionId(r.stationId, r.from), stationId: r.stationId, kind: 'span', from: r.from, to: r.to, pinned: r.pinned ?? false,
      name: r.name ?? `${r.stationId} ${new Date(r.from).toISOString().slice(0, 16).replace('T', ' ')} UTC`, createdAt: Date.now(),
      ...(r.note ? { note: r.note } : {}),
    });
    return this.get(row.id);
  }

  update(id: string, patch: { name?: string; pinned?: boolean; note?: string }): Session {
    this.#row(id);
    this.repo.update(id, patch);
    return this.get(id);
  }

  /** Forgets a chosen or imported session; its data stays (runs cannot be forgotten: they are found again). */
  delete(id: string): void {
    if (this.#row(id).kind === 'run') throw new AppError('CONFLICT', `session ${id} is a live run (found from its data again); unpin it instead`);
    this.repo.remove(id);
  }

  /** True when a recording overlaps a pinned session (cache retention keeps it). */
  isRecordingPinned(recordingId: number): boolean {
    return this.repo.isRecordingPinned(recordingId);
  }

  /** Writes the session to `path` (default: exports/<id>.aiwsession in the data folder). */
  async export(id: string, path?: string): Promise<SessionExportResult> {
    this.repo.syncRuns();
    const row = this.#row(id);
    const out = path ? resolve(path) : join(this.#exportsDir(), `${id}${SESSION_EXTENSION}`);
    return this.#exclusive(`exporting ${id}`, async () => {
      await this.#d.flushTiles?.();
      const { paths, appVersion } = this.#d;
      const result = await exportSession({ dbPath: paths.database, tileRoot: paths.tileCache, workRoot: paths.root, appVersion }, row, this.#station(row.stationId), out);
      this.#d.logger.info('session exported', { id, path: result.path, bytes: result.bytes, ms: result.elapsedMs });
      return result;
    });
  }

  /** Verifies and imports a `.aiwsession` file; the imported session is pinned. */
  async import(path: string): Promise<SessionImportResult> {
    const started = Date.now();
    return this.#exclusive(`importing ${path}`, async () => {
      const { db, paths } = this.#d;
      const done = await importSessionFile(
        { db, root: paths.root, audioCache: paths.audioCache, tileRoot: paths.tileCache, schemaVersion: MIGRATIONS.at(-1)!.version },
        resolve(path),
        (sid) => {
          const s = this.repo.get(sid);
          return s ? `${s.kind === 'imported' ? 'imported' : 'created'} ${new Date(s.importedAt ?? s.createdAt).toISOString()}` : undefined;
        },
      );
      const { session } = done.manifest;
      this.#d.afterImport?.({ stationId: done.stationId, from: session.from, to: session.to, mappingChanged: done.mappingChanged });
      this.#d.logger.info('session imported', { id: session.id, stationId: done.stationId, bytes: done.bytes });
      return {
        session: this.get(session.id), stationId: done.stationId, ...(done.renamedFrom ? { renamedFrom: done.renamedFrom } : {}),
        members: done.members, bytes: done.bytes, elapsedMs: Date.now() - started,
      };
    });
  }

  async #exclusive<T>(what: string, run: () => Promise<T>): Promise<T> {
    if (this.#busy) throw new AppError('CONFLICT', `busy ${this.#busy}; try again when it is done`);
    this.#busy = what;
    try {
      return await run();
    } finally {
      this.#busy = undefined;
    }
  }

  #exportsDir(): string {
    const dir = join(this.#d.paths.root, 'exports');
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  #row(id: string): SessionRow {
    const row = this.repo.get(id);
    if (!row) throw new AppError('NOT_FOUND', `no session "${id}"`);
    return row;
  }

  #station(id: string): Station {
    const station = this.#d.stations().find((s) => s.id === id);
    if (!station) throw new AppError('NOT_FOUND', `no station "${id}"`);
    return station;
  }

  #describe(s: SessionRow, station: Station | undefined): Session {
    const stats = this.#scope.stats(scopeParams(s, station ?? { lat: 0, lon: 0 }));
    return {
      id: s.id, name: s.name, stationId: s.stationId, stationName: station?.name ?? s.stationId, kind: s.kind, from: s.from, to: s.to,
      pinned: s.pinned, createdAt: s.createdAt, bytes: stats.bytes, models: stats.models, counts: stats.counts,
      ...(s.note ? { note: s.note } : {}),
      ...(s.importedFrom ? { importedFrom: s.importedFrom } : {}),
      ...(s.importedAt ? { importedAt: s.importedAt } : {}),
    };
  }
}
