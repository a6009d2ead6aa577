import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import type { SessionImportResult } from '../../shared/sessions.ts';
import type { ApiRouter } from '../api/router.ts';
import { silentLogger } from '../app/logger.ts';
import { startHeadlessServer, type HeadlessServer } from '../server/headless-server.ts';
import { tempDir } from '../../../test/helpers/serve-process.ts';
import { safeUploadName, sessionHttpRoute } from './session-http.ts';

let server: HeadlessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A headless server whose session service is a stub recording what it was asked. */
async function start(maxUploadBytes = 1000) {
  const root = tempDir('aiw-session-http-');
  const imported: { name: string; bytes: Buffer }[] = [];
  const sessions = {
    export: async (id: string, path?: string) => {
      if (id !== 's1') throw new AppError('NOT_FOUND', `no session "${id}"`);
      writeFileSync(path!, 'session bytes');
      return { path: path!, bytes: 13, members: 1, sha256: 'abc', elapsedMs: 1 };
    },
    import: async (path: string) => {
      imported.push({ name: path.split('/').pop()!, bytes: readFileSync(path) });
      if (readFileSync(path, 'utf8') === 'corrupt') throw new AppError('VERIFY_FAILED', 'x.aiwsession was refused: checksum');
      return { session: { id: 'new' }, stationId: 'st', members: 1, bytes: 1, elapsedMs: 1 } as unknown as SessionImportResult;
    },
  };
  server = await startHeadlessServer({
    router: {} as ApiRouter, rendererDir: join(root, 'none'), logger: silentLogger,
    fileRoutes: [sessionHttpRoute({ sessions, tempRoot: root, logger: silentLogger, maxUploadBytes })],
  });
  const base = `http://127.0.0.1:${server.port}`;
  return { base, token: server.token, imported };
}

describe('session files over HTTP', () => {
  it('downloads with the token; refuses a missing token, a foreign Origin and cross-site requests', async () => {
    const { base, token } = await start();
    const ok = await fetch(`${base}/files/sessions/s1.aiwsession?token=${token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="s1.aiwsession"');
    expect(await ok.text()).toBe('session bytes');
    expect((await fetch(`${base}/files/sessions/s1.aiwsession`)).status).toBe(401);
    expect((await fetch(`${base}/files/sessions/s1.aiwsession?token=wrong`)).status).toBe(401);
    expect((await fetch(`${base}/files/sessions/s1.aiwsession?token=${token}`, { headers: { origin: 'http://evil.example' } })).status).toBe(401);
    expect((await fetch(`${base}/files/sessions/s1.aiwsession?token=${token}`, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(401);
    const missing = await fetch(`${base}/files/sessions/nope.aiwsession?token=${token}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('imports an upload under its own (sanitised) name; answers a refused file and an oversized one with clear errors', async () => {
    const { base, token, imported } = await start(1000);
    const post = (body: string, name = 'my run.aiwsession') => fetch(`${base}/files/sessions?name=${encodeURIComponent(name)}`, {
      method: 'POST', body, headers: { 'x-aiw-token': token, origin: base },
    });
    const ok = await post('good');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, value: { stationId: 'st' } });
    expect(imported[0]).toEqual({ name: 'my run.aiwsession', bytes: Buffer.from('good') });
    const refused = await post('corrupt');
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'VERIFY_FAILED' } });
    const big = await post('x'.repeat(1001));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/upload limit of 1000 bytes/);
    expect(imported).toHaveLength(2); // the oversized file never reached the import
    expect((await fetch(`${base}/files/sessions?name=a`, { method: 'POST', body: 'good' })).status).toBe(401);
  });

  it('keeps only a plain file name', () => {
    expect(safeUploadName('../../etc/passwd')).toBe('passwd.aiwsession');
    expect(safeUploadName('C:\\x\\run 1.aiwsession')).toBe('run 1.aiwsession');
    expect(safeUploadName(null)).toBe('upload.aiwsession');
    expect(safeUploadName('..hidden.aiwsession')).toBe('hidden.aiwsession');
  });
});
