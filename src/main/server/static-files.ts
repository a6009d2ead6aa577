/**
 * Serves the built renderer from one folder, safely: no path escapes the root,
 * unknown paths fall back to index.html (client-side routes), and every response
 * carries the same strict CSP the Electron window uses.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Content types of the files a built renderer contains. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * The policy, with images also allowed from `imgOrigins` (the map's optional online tile host, already
 * validated as `scheme://host[:port]` by src/shared/map-tiles.ts). No origins: nothing off-site at all.
 */
export function contentSecurityPolicy(options: { imgOrigins?: readonly string[] } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...(options.imgOrigins ?? [])].join(' '),
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Resolves a URL path inside root, or undefined when it would escape it. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = normalize(join(root, decoded));
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : undefined;
}

/** Serves one request from `root`; `csp` is the policy of this response (derived from settings at request time). */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, csp = CONTENT_SECURITY_POLICY): Promise<void> {
  const target = resolveInside(root, req.url ?? '/');
  if (!target) return send(res, 400, 'text/plain', 'bad path', csp);
  let file = target;
  const info = await stat(file).catch(() => undefined);
  if (!info || info.isDirectory()) file = join(root, 'index.html');
  const body = await readFile(file).catch(() => undefined);
  if (!body) return send(res, 404, 'text/plain', 'not found (is the renderer built? run `npm run build:web`)', csp);
  send(res, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body, csp);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, csp: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  res.end(body);
}
