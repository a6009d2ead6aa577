/**
 * The headless server as a client sees it: the ready line, the token, host checks,
 * the typed API over the WebSocket and a clean shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startServe, tempDir, type ServeHandle } from '../helpers/serve-process.ts';
import { runAiw } from '../helpers/run-aiw.ts';

function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function invoke(ws: WebSocket, channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as { t: string; id?: number; result?: never };
      if (msg.t === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.result!);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'invoke', id, channel, payload }));
  });
}

describe('aiw serve', () => {
  let serve: ServeHandle;
  let wsUrl: string;
  beforeAll(async () => {
    serve = await startServe(['--demo-speed', '20']);
    const u = new URL(serve.url);
    wsUrl = `ws://127.0.0.1:${u.port}/api?token=${u.searchParams.get('token')}`;
  });
  afterAll(async () => {
    expect(await serve.stop()).toBe(0);
  });

  it('refuses WebSocket connections without the right token', async () => {
    await expect(connect(wsUrl.replace(/token=.*/, 'token=wrong'))).rejects.toThrow(/401/);
    await expect(connect(wsUrl.replace(/\?token=.*/, ''))).rejects.toThrow(/401/);
  });

  it('refuses requests for another Host (DNS rebinding)', async () => {
    const port = Number(new URL(serve.url).port);
    // fetch() always sends the URL's host, so speak HTTP directly to forge the Host header.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject).end();
    });
    expect(status).toBe(421);
  });

  it('serves the renderer with a strict CSP', async () => {
    const res = await fetch(serve.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'/);
  });

  it('answers typed requests and validates them', async () => {
    const ws = await connect(wsUrl);
    const info = await invoke(ws, 'app:get-info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'headless', dataDir: serve.dataDir } });
    const bad = await invoke(ws, 'predictions:recent', { stationId: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const unknown = await invoke(ws, 'no:such-channel', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    ws.close();
  });

  it('streams spectrogram columns and predictions as events', async () => {
    const ws = await connect(wsUrl);
    const seen = new Set<string>();
    await new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { t: string; event?: string };
        if (msg.t === 'event') seen.add(msg.event!);
        if (seen.has('spectrogram:columns-added') && seen.has('predictions:added')) resolve();
      });
    });
    ws.close();
  }, 40_000);

  it('reports a port in use clearly', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const r = runAiw(['serve', '--port', String(port), '--data-dir', tempDir()]);
    blocker.close();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`port ${port} .*already in use.*\\[PORT_IN_USE\\]`));
  });
});
