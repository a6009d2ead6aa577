/**
 * AIS source settings and the map tile setting in a real `aiw serve`: API keys typed in the UI go to the
 * headless secret store (a 0600 file), reach the source (a loopback aisstream stand-in sees the key in
 * its subscription) and are never returned, logged or kept elsewhere; sources added in the app survive
 * a restart; the page's CSP allows no remote image origin until a tile URL is set, then exactly its host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { connectApi, type ApiClient } from '../helpers/ws-client.ts';
import { startServe, tempDir, type ServeHandle } from '../helpers/serve-process.ts';

const KEY = 'test-key-7f3a9c1e';

/** A loopback aisstream.io stand-in that records the subscriptions it receives. */
async function fakeAisstream(): Promise<{ url: string; subscriptions: { APIKey?: string }[]; close(): void }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  const subscriptions: { APIKey?: string }[] = [];
  wss.on('connection', (socket) => socket.on('message', (data) => subscriptions.push(JSON.parse(String(data)) as { APIKey?: string })));
  return { url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`, subscriptions, close: () => wss.close() };
}

const csp = async (serve: ServeHandle) => (await fetch(serve.url)).headers.get('content-security-policy') ?? '';
const imgSrc = (policy: string) => policy.split('; ').find((d) => d.startsWith('img-src'));

describe('AIS settings and map tiles in aiw serve', () => {
  let dataDir: string;
  let serve: ServeHandle;
  let api: ApiClient;
  let stream: Awaited<ReturnType<typeof fakeAisstream>>;

  const start = async () => {
    serve = await startServe(['--config', join(dataDir, 'config.json')], 30_000, dataDir);
    api = await connectApi(serve.url);
  };
  const stop = async () => {
    api?.close();
    return serve?.stop();
  };

  beforeAll(async () => {
    stream = await fakeAisstream();
    dataDir = tempDir('aiw-ais-settings-');
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ demo: { enabled: false }, ais: { sources: [{ id: 'as', kind: 'aisstream', url: stream.url }] } }));
    await start();
  });
  afterAll(async () => {
    await stop();
    stream?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes an API key for a config-file source, stores it in a 0600 file and never gives it back', async () => {
    const before = await api.invoke<{ config: { id: string }; origin: string; apiKey?: { state: string } }[]>('ais:source-configs', {});
    expect(before.value).toEqual([expect.objectContaining({ origin: 'config', apiKey: { state: 'missing', env: 'AIW_AISSTREAM_API_KEY' } })]);
    await expect.poll(async () => (await api.invoke<{ id: string; state: string }[]>('ais:sources-status', {})).value?.find((s) => s.id === 'as')?.state).toBe('error');

    const set = await api.invoke('ais:set-api-key', { id: 'as', apiKey: KEY });
    expect(set).toMatchObject({ ok: true, value: { apiKey: { state: 'store' } } });
    await expect.poll(() => stream.subscriptions.at(-1)?.APIKey, { timeout: 10_000 }).toBe(KEY);

    const file = join(dataDir, 'headless-secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.stringify((await api.invoke('ais:source-configs', {})).value)).not.toContain(KEY);
    const log = join(dataDir, 'logs', 'aiw.log');
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').not.toContain(KEY);
    expect(serve.stderr()).not.toContain(KEY);
    for (const db of ['aiw.db', 'aiw.db-wal']) if (existsSync(join(dataDir, db))) expect(readFileSync(join(dataDir, db)).includes(KEY)).toBe(false);
  });

  it('adds, keeps across a restart, and removes a source defined in the app', async () => {
    const bad = await api.invoke('ais:save-source', { config: { id: 'as', kind: 'udp', port: 0 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const saved = await api.invoke('ais:save-source', { config: { id: 'rx', kind: 'udp', port: 0 } });
    expect(saved).toMatchObject({ ok: true, value: { origin: 'app', config: { id: 'rx', kind: 'udp' } } });
    await expect.poll(async () => (await api.invoke<{ id: string; state: string }[]>('ais:sources-status', {})).value?.find((s) => s.id === 'rx')?.state).toBe('listening');

    expect(await stop()).toBe(0);
    await start();
    const entries = await api.invoke<{ config: { id: string }; apiKey?: { state: string } }[]>('ais:source-configs', {});
    expect(entries.value?.map((e) => [e.config.id, e.apiKey?.state])).toEqual([['as', 'store'], ['rx', undefined]]);
    await expect.poll(() => stream.subscriptions.at(-1)?.APIKey, { timeout: 10_000 }).toBe(KEY);

    expect(await api.invoke('ais:delete-source', { id: 'rx' })).toMatchObject({ ok: true });
    expect((await api.invoke<{ id: string }[]>('ais:sources-status', {})).value?.map((s) => s.id)).toEqual(['as']);
    expect(await api.invoke('ais:delete-source', { id: 'as' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses the secret file once others may read it', async () => {
    chmodSync(join(dataDir, 'headless-secrets.json'), 0o644);
    const r = await api.invoke('ais:set-api-key', { id: 'as', apiKey: 'another-key' });
    expect(r).toMatchObject({ ok: false, error: { code: 'SECRET_INSECURE' } });
    chmodSync(join(dataDir, 'headless-secrets.json'), 0o600);
  });

  it('allows no remote image origin without a tile URL, then exactly the tile host', async () => {
    expect(imgSrc(await csp(serve))).toBe("img-src 'self' data: blob:");
    expect(await api.invoke('map:tiles', {})).toMatchObject({ ok: true, value: { url: null } });
    expect(await api.invoke('map:tiles', { url: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const url = 'https://tiles.example.org/base/{z}/{x}/{y}.png';
    expect(await api.invoke('map:tiles', { url, attribution: '© Example' })).toMatchObject({ ok: true, value: { url, attribution: '© Example' } });
    expect(imgSrc(await csp(serve))).toBe("img-src 'self' data: blob: https://tiles.example.org");

    await api.invoke('map:tiles', { url: null });
    expect(imgSrc(await csp(serve))).toBe("img-src 'self' data: blob:");
  });
});
