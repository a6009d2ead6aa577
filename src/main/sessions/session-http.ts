/**
 * `.aiwsession` files over HTTP for the headless mode (the browser has no file system of the server):
 * `GET /files/sessions/<id>.aiwsession` exports the session to a temp file in the data folder and
 * streams it as a download; `POST /files/sessions` streams the request body (the file the analyst
 * picked) to a temp file with a size limit, then imports it with the usual checks — every member's
 * sha256 is verified before anything is written. Large files never cross the WebSocket as one message.
 * The headless server authenticates these requests (token, Host, Origin) before they get here.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, toAppError, type ErrorCode } from '../../shared/errors.ts';
import type { Logger } from '../app/logger.ts';
import { SESSION_EXTENSION } from './session-file.ts';
import type { SessionService } from './session-service.ts';

/** Largest upload accepted by default (a 24-hour, 4-channel session with tiles is a few GB). */
export const MAX_SESSION_UPLOAD_BYTES = 32 * 1024 ** 3;
export const SESSION_FILES_PATH = '/files/sessions';

export interface SessionHttpOptions {
  sessions: Pick<SessionService, 'export' | 'import'>;
  /** Where temp files go: the data folder, so an import never fills another disk. */
  tempRoot: string;
  logger: Logger;
  maxUploadBytes?: number;
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400, UNAUTHORIZED: 401, NOT_FOUND: 404, CONFLICT: 409, VERIFY_FAILED: 422, DISK_LOW: 507,
};

/** The JSON error body every failure answers with (`{ ok: false, error: { code, message } }`, like the API's Result). */
function sendError(res: ServerResponse, err: AppError, status = HTTP_STATUS[err.code] ?? 500): void {
  if (res.headersSent) return void res.destroy(err);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify({ ok: false, error: { code: err.code, message: err.message } }));
}

/** A file name safe to show and to keep as "imported from": no directories, no control characters. */
export function safeUploadName(raw: string | null): string {
  const base = (raw ?? '').split(/[\\/]/).pop()!.replace(/[^\w.\- ()]+/g, '_').replace(/^\.+/, '').slice(0, 120);
  return base.endsWith(SESSION_EXTENSION) ? base : `${base || 'upload'}${SESSION_EXTENSION}`;
}

async function sendSession(o: SessionHttpOptions, id: string, res: ServerResponse): Promise<void> {
  const dir = await mkdtemp(join(o.tempRoot, '.download-'));
  try {
    const file = join(dir, safeUploadName(id));
    const result = await o.sessions.export(id, file);
    res.writeHead(200, {
      'content-type': 'application/octet-stream', 'content-length': String((await stat(file)).size), 'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${safeUploadName(`${id}${SESSION_EXTENSION}`)}"`, 'x-aiw-sha256': result.sha256,
    });
    await pipeline(createReadStream(file), res);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Counts bytes through the stream and fails once there are more than `limit`. */
function sizeGuard(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > limit) done(new AppError('BAD_REQUEST', `the file is larger than the upload limit of ${limit} bytes`));
      else done(null, chunk);
    },
  });
}

async function receiveSession(o: SessionHttpOptions, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const limit = o.maxUploadBytes ?? MAX_SESSION_UPLOAD_BYTES;
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) return sendError(res, new AppError('BAD_REQUEST', `the file (${declared} bytes) is larger than the upload limit of ${limit} bytes`), 413);
  const dir = await mkdtemp(join(o.tempRoot, '.upload-'));
  try {
    const file = join(dir, safeUploadName(url.searchParams.get('name')));
    try {
      await pipeline(req, sizeGuard(limit), createWriteStream(file, { flags: 'wx' }));
    } catch (err) {
      const e = toAppError(err, 'IO_FAILED');
      return sendError(res, e.code === 'BAD_REQUEST' ? e : new AppError('IO_FAILED', `the upload did not complete: ${e.message}`), e.code === 'BAD_REQUEST' ? 413 : 400);
    }
    const result = await o.sessions.import(file);
    o.logger.info('session uploaded and imported', { id: result.session.id, bytes: result.bytes });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify({ ok: true, value: result }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Handles `/files/sessions…` requests; false for any other path. */
export function sessionHttpRoute(o: SessionHttpOptions) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname !== SESSION_FILES_PATH && !url.pathname.startsWith(`${SESSION_FILES_PATH}/`)) return false;
    try {
      const id = decodeURIComponent(url.pathname.slice(SESSION_FILES_PATH.length + 1)).replace(new RegExp(`\\${SESSION_EXTENSION}$`), '');
      if (req.method === 'GET' && id) await sendSession(o, id, res);
      else if (req.method === 'POST' && url.pathname === SESSION_FILES_PATH) await receiveSession(o, url, req, res);
      else sendError(res, new AppError('BAD_REQUEST', `${req.method} ${url.pathname} is not a session transfer`), 405);
    } catch (err) {
      o.logger.warn('session transfer failed', { path: url.pathname, error: String(err) });
      sendError(res, toAppError(err));
    }
    return true;
  };
}
