/**
 * Pure security decisions for the Electron shell: which origin is ours, which
 * senders and requests are trusted, and the CSP every renderer response carries.
 *
 * Kept free of `electron` imports so it is unit-tested in plain Node.
 */
import { extname } from 'node:path';
import { CONTENT_SECURITY_POLICY, CONTENT_TYPES, contentSecurityPolicy, resolveInside } from '../server/static-files.ts';

/** The privileged scheme the renderer is served from (see protocol.ts for why not file://). */
export const APP_SCHEME = 'app';
/** The single host of that scheme; the renderer's origin is `app://renderer`. */
export const APP_HOST = 'renderer';
/** The URL the main window loads. */
export const RENDERER_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The renderer's Content-Security-Policy: one source shared with the headless
 * server, so both shells enforce the same rules as the renderer's meta tag.
 */
export const RENDERER_CSP = CONTENT_SECURITY_POLICY;

/** The policy with images also allowed from `imgOrigins` (the map's online tile host, when one is set). */
export function rendererCsp(imgOrigins: readonly string[] = []): string {
  return imgOrigins.length === 0 ? RENDERER_CSP : contentSecurityPolicy({ imgOrigins });
}

/** Schemes the renderer may load from; everything else (http, https, ws, file, ftp…) is cancelled. */
const ALLOWED_REQUEST_SCHEMES = new Set([`${APP_SCHEME}:`, 'devtools:', 'data:', 'blob:']);

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True when `url` belongs to the app's own renderer origin.
 *
 * Compares scheme and host explicitly: Node's WHATWG `URL.origin` is the string
 * "null" for non-special schemes such as `app:`, so origin equality would be meaningless.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** The sender of an IPC message as seen by main (a plain view of Electron's WebFrameMain). */
export interface SenderFrame {
  readonly url: string;
  /** False for iframes: only the top-level document may call the API. */
  readonly isMainFrame: boolean;
}

/** True when an IPC message comes from the top frame of our own renderer. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame != null && frame.isMainFrame && isAppUrl(frame.url);
}

/**
 * True when the session may perform a request for `url` (webRequest.onBeforeRequest): the app's own
 * schemes, plus GETs to `extraOrigins` (exactly `scheme://host[:port]`: the map's tile host, if set).
 */
export function isAllowedRequest(url: string, extraOrigins: readonly string[] = []): boolean {
  const parsed = parseUrl(url);
  if (parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '') {
    return extraOrigins.includes(`${parsed.protocol}//${parsed.host}`);
  }
  if (!parsed || !ALLOWED_REQUEST_SCHEMES.has(parsed.protocol)) return false;
  return parsed.protocol !== `${APP_SCHEME}:` || parsed.host === APP_HOST;
}

/**
 * True when a renderer-initiated navigation from `current` to `target` may proceed:
 * only a reload of the same app document (fragment ignored); everything else is refused.
 */
export function isAllowedNavigation(current: string, target: string): boolean {
  const from = parseUrl(current);
  const to = parseUrl(target);
  if (!from || !to || !isAppUrl(target)) return false;
  from.hash = '';
  to.hash = '';
  return from.href === to.href;
}

/** Response headers as Electron's webRequest passes them: names in any case, values as arrays. */
export type ResponseHeaders = Record<string, string[] | string>;

/**
 * Returns a copy of `headers` whose Content-Security-Policy is exactly ours,
 * dropping any CSP the response brought (in any letter case).
 */
export function withRendererCsp(headers: ResponseHeaders | undefined, csp = RENDERER_CSP): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** Where an `app://renderer/...` request is answered from. */
export type AssetLookup =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'rejected'; readonly status: 400 | 404 };

/**
 * Maps an app:// URL to a file under `root`, refusing other hosts and any path
 * that would escape the root (encoded `..`, NUL bytes, absolute paths).
 */
export function resolveAppAsset(root: string, url: string): AssetLookup {
  const parsed = parseUrl(url);
  if (!parsed || !isAppUrl(url)) return { kind: 'rejected', status: 404 };
  const path = resolveInside(root, parsed.pathname === '/' ? '/index.html' : parsed.pathname);
  return path === undefined ? { kind: 'rejected', status: 400 } : { kind: 'file', path };
}


/** The Content-Type for a renderer asset, by extension (module workers need a JS type). */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Hosts whose https links may open in the user's browser. Empty: the app links
 * nowhere yet, so every window.open and link click is simply refused.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [];

/** True when `url` may be handed to the OS browser (https on an allow-listed host only). */
export function isAllowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && parsed.protocol === 'https:' && parsed.username === '' && hosts.includes(parsed.hostname);
}
