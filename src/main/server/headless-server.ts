/**
 * The headless station mode: serves the built renderer and carries the typed API
 * over a WebSocket, bound to 127.0.0.1 and protected by a per-run token.
 *
 * DNS-rebinding and cross-site pages are kept out by checking the Host and Origin
 * headers; the token is compared in constant time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../../shared/errors.ts';
import { clientMessageSchema, MAX_CLIENT_MESSAGE_BYTES, type ServerMessage } from '../../shared/ws-protocol.ts';
import type { ApiRouter } from '../api/router.ts';
import type { Logger } from '../app/logger.ts';
import { serveStatic } from './static-files.ts';

export interface HeadlessServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export interface HeadlessOptions {
  router: ApiRouter;
  rendererDir: string;
  port?: number;
  token?: string;
  logger: Logger;
  /** The Content-Security-Policy of each response, asked per request (it follows the map tile setting). */
  contentSecurityPolicy?: () => string;
  /** Handlers of `/files/…` (file transfers too large for one WebSocket message); each says whether it took the request. */
  fileRoutes?: readonly FileRoute[];
}

/** A handler of authenticated `/files/…` requests; resolves false when the path is not its own. */
export type FileRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Same checks as the WebSocket: our Host, no foreign Origin or cross-site fetch, the token (query or `x-aiw-token`). */
function fileRequestAllowed(req: IncomingMessage, url: URL, token: string, port: number): boolean {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const given = url.searchParams.get('token') ?? (req.headers['x-aiw-token'] as string | undefined) ?? null;
  return (origin === undefined || hostAllowed(origin.replace(/^http:\/\//, ''), port)) &&
    (site === undefined || site === 'same-origin' || site === 'none') && tokenMatches(token, given);
}

async function serveFile(routes: readonly FileRoute[], req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  for (const route of routes) if (await route(req, res, url)) return;
  res.writeHead(404).end('not found');
}

export async function startHeadlessServer(opts: HeadlessOptions): Promise<HeadlessServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const http = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, port())) {
      res.writeHead(421).end('misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const files = url.pathname.startsWith('/files/');
    if (files && !fileRequestAllowed(req, url, token, port())) {
      res.writeHead(401).end('unauthorized');
      return;
    }
    const serve = files ? serveFile(opts.fileRoutes ?? [], req, res, url) : serveStatic(opts.rendererDir, req, res, opts.contentSecurityPolicy?.());
    serve.catch((err: unknown) => {
      opts.logger.error(files ? 'file transfer error' : 'static file error', { error: String(err) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  const port = () => (http.address() as { port: number }).port;

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const sameOrigin = origin === undefined || hostAllowed(origin.replace(/^http:\/\//, ''), port());
    if (url.pathname !== '/api' || !hostAllowed(req.headers.host, port()) || !sameOrigin ||
        !tokenMatches(token, url.searchParams.get('token'))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, opts.router, opts.logger));
  });

  await listen(http, opts.port ?? 0);
  const url = `http://127.0.0.1:${port()}/?token=${token}`;
  return {
    url,
    token,
    port: port(),
    close: () => closeAll(http, wss),
  };
}

function listen(http: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE'
        ? new AppError('PORT_IN_USE', `port ${port} on 127.0.0.1 is already in use; choose another with --port`)
        : new AppError('IO_FAILED', `cannot listen on 127.0.0.1:${port}: ${err.message}`));
    });
    http.listen(port, '127.0.0.1', () => resolve());
  });
}

function attachClient(ws: WebSocket, router: ApiRouter, logger: Logger): void {
  const send = (msg: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const unsubscribe = router.onEvent((event, payload) => send({ t: 'event', event, payload }));
  ws.on('message', (data) => {
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      logger.warn('ignored a non-JSON WebSocket message');
      return;
    }
    const msg = clientMessageSchema.safeParse(raw);
    if (!msg.success) {
      logger.warn('ignored a malformed WebSocket message');
      return;
    }
    void router.handle(msg.data.channel, msg.data.payload).then((result) => send({ t: 'result', id: msg.data.id, result }));
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
}

function closeAll(http: Server, wss: WebSocketServer): Promise<void> {
  for (const client of wss.clients) client.terminate();
  wss.close();
  http.closeAllConnections();
  return new Promise((resolve) => http.close(() => resolve()));
}
