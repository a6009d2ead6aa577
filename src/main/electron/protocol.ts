/**
 * Serving the renderer from `app://renderer/` and locking down the session.
 *
 * Why a custom protocol rather than `loadFile`: file:// pages get an opaque origin
 * (so CSP 'self' and the trusted-sender check have nothing solid to compare), can
 * reach other local files, and Electron's security guide recommends against them.
 * `app://renderer` is a real standard+secure origin; its handler reads only files
 * under out/renderer and attaches the CSP itself, because webRequest's header
 * events do not fire for custom protocols (electron/electron#6021).
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { protocol, type Session } from 'electron';
import type { Logger } from '../app/logger.ts';
import {
  APP_SCHEME,
  contentTypeFor,
  isAllowedRequest,
  isAppUrl,
  rendererCsp,
  resolveAppAsset,
  withRendererCsp,
} from './security.ts';

/** Image origins allowed besides the app's own (the map's online tile host, read from the settings per request). */
export type AllowedOrigins = () => readonly string[];
const NONE: AllowedOrigins = () => [];

/** Declares `app:` privileged; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

async function readAsset(root: string, path: string): Promise<{ path: string; body: Buffer } | undefined> {
  const body = await readFile(path).catch(() => undefined);
  if (body) return { path, body };
  // Extension-less paths are client-side routes: answer with the app shell, like the headless server.
  if (extname(path) !== '') return undefined;
  const index = join(root, 'index.html');
  const shell = await readFile(index).catch(() => undefined);
  return shell && { path: index, body: shell };
}

async function respond(root: string, request: Request, origins: AllowedOrigins): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
  const lookup = resolveAppAsset(root, request.url);
  if (lookup.kind === 'rejected') return textResponse(lookup.status, 'bad path');
  const asset = await readAsset(root, lookup.path);
  if (!asset) return textResponse(404, 'not found (is the renderer built? run `npm run build`)');
  return new Response(new Uint8Array(asset.body), {
    status: 200,
    headers: {
      'content-type': contentTypeFor(asset.path),
      'content-security-policy': rendererCsp(origins()),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}

/** Serves files under `root` (out/renderer) as `app://renderer/…` in `session`. */
export function serveRenderer(session: Session, root: string, origins: AllowedOrigins = NONE): void {
  session.protocol.handle(APP_SCHEME, (request) => respond(root, request, origins));
}

/**
 * Denies every permission request, cancels requests that leave the app (http, ws,
 * file…) except to `origins` (the map's tile host, when set), and forces our CSP onto
 * any response that does pass through webRequest.
 */
export function hardenSession(session: Session, log: Logger, origins: AllowedOrigins = NONE): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('permission request denied', { permission });
    callback(false);
  });
  // Plain-text clipboard writes ("copy value") are the one capability the UI needs.
  session.setPermissionCheckHandler(
    (_contents, permission, origin) => permission === 'clipboard-sanitized-write' && isAppUrl(origin),
  );
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, origins());
    if (!allowed) log.warn('request blocked', { url: details.url.slice(0, 200) });
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    // DevTools pages carry their own CSP; ours would break them.
    if (details.url.startsWith('devtools:')) return callback({});
    callback({ responseHeaders: withRendererCsp(details.responseHeaders, rendererCsp(origins())) });
  });
}
