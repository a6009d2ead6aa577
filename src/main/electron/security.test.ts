import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join, sep } from 'node:path';
import {
  RENDERER_CSP,
  RENDERER_ENTRY_URL,
  contentTypeFor,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isAllowedRequest,
  isAppUrl,
  isTrustedSender,
  rendererCsp,
  resolveAppAsset,
  withRendererCsp,
} from './security.ts';

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

describe('isAppUrl', () => {
  it('accepts only app://renderer', () => {
    expect(isAppUrl(RENDERER_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://renderer/assets/index-abc.js?x=1#y')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://renderer.evil.com/index.html')).toBe(false);
    expect(isAppUrl('https://renderer/index.html')).toBe(false);
    expect(isAppUrl('file:///tmp/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only the top frame of the app renderer', () => {
    expect(isTrustedSender({ url: RENDERER_ENTRY_URL, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: RENDERER_ENTRY_URL, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'devtools://devtools/bundled/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'about:blank', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('never trusts a URL that is not on the app scheme and host', () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        expect(isTrustedSender({ url, isMainFrame: true })).toBe(false);
      }),
    );
  });
});

describe('isAllowedRequest', () => {
  it('allows the app, devtools, data and blob; cancels the network and file://', () => {
    expect(isAllowedRequest('app://renderer/assets/a.js')).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('blob:app://renderer/3f1c')).toBe(true);
    expect(isAllowedRequest('app://other/a.js')).toBe(false);
    expect(isAllowedRequest('https://tile.openstreetmap.org/1/1/1.png')).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:8080/')).toBe(false);
    expect(isAllowedRequest('ws://127.0.0.1:8080/')).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequest('garbage')).toBe(false);
  });

  it('allows the map tile host only when one is set, and only that origin', () => {
    const tiles = ['https://tile.openstreetmap.org'];
    expect(isAllowedRequest('https://tile.openstreetmap.org/1/1/1.png', [])).toBe(false);
    expect(isAllowedRequest('https://tile.openstreetmap.org/1/1/1.png', tiles)).toBe(true);
    expect(isAllowedRequest('https://tile.openstreetmap.org:8443/1/1/1.png', tiles)).toBe(false);
    expect(isAllowedRequest('http://tile.openstreetmap.org/1/1/1.png', tiles)).toBe(false);
    expect(isAllowedRequest('https://evil.example/1/1/1.png', tiles)).toBe(false);
    expect(isAllowedRequest('https://user@tile.openstreetmap.org/1/1/1.png', tiles)).toBe(false);
    expect(isAllowedRequest('ws://tile.openstreetmap.org/', tiles)).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('allows only the same app document', () => {
    expect(isAllowedNavigation(RENDERER_ENTRY_URL, RENDERER_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation(`${RENDERER_ENTRY_URL}#/live`, `${RENDERER_ENTRY_URL}#/map`)).toBe(true);
    expect(isAllowedNavigation(RENDERER_ENTRY_URL, 'app://renderer/other.html')).toBe(false);
    expect(isAllowedNavigation(RENDERER_ENTRY_URL, 'https://example.com/')).toBe(false);
    expect(isAllowedNavigation('https://example.com/', 'https://example.com/')).toBe(false);
    expect(isAllowedNavigation('', RENDERER_ENTRY_URL)).toBe(false);
  });
});

describe('RENDERER_CSP', () => {
  it('is the agreed strict policy', () => {
    expect(RENDERER_CSP).toBe(EXPECTED_CSP);
  });

  it('names no remote origin without a tile host, and exactly the tile host with one', () => {
    expect(rendererCsp([])).toBe(EXPECTED_CSP);
    expect(rendererCsp(['https://tile.example.org'])).toBe(EXPECTED_CSP.replace("img-src 'self' data: blob:", "img-src 'self' data: blob: https://tile.example.org"));
  });
});

describe('withRendererCsp', () => {
  it('replaces any CSP header regardless of case and keeps the others', () => {
    const out = withRendererCsp({
      'content-security-policy': ["default-src *"],
      'CONTENT-SECURITY-POLICY': 'script-src *',
      'Content-Type': ['text/html'],
      'X-One': 'single',
    });
    expect(out).toEqual({
      'Content-Type': ['text/html'],
      'X-One': ['single'],
      'Content-Security-Policy': [EXPECTED_CSP],
    });
  });

  it('adds the CSP when there were no headers', () => {
    expect(withRendererCsp(undefined)).toEqual({ 'Content-Security-Policy': [EXPECTED_CSP] });
  });
});

describe('resolveAppAsset', () => {
  const root = join(sep, 'opt', 'aiw', 'out', 'renderer');

  it('maps app URLs to files under the root', () => {
    expect(resolveAppAsset(root, 'app://renderer/')).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(resolveAppAsset(root, 'app://renderer/assets/a%20b.js?v=1')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'a b.js'),
    });
  });

  it('refuses other hosts and escapes from the root', () => {
    expect(resolveAppAsset(root, 'app://evil/index.html')).toEqual({ kind: 'rejected', status: 404 });
    expect(resolveAppAsset(root, 'app://renderer/..%2F..%2Fetc%2Fpasswd')).toEqual({ kind: 'rejected', status: 400 });
    expect(resolveAppAsset(root, 'app://renderer/a%00.js')).toEqual({ kind: 'rejected', status: 400 });
  });

  it('never resolves outside the root for any path', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '%2e%2e', '%2F', 'a', '.', '%00', '/', '\\'), { maxLength: 8 }), (parts) => {
        const result = resolveAppAsset(root, `app://renderer/${parts.join('/')}`);
        if (result.kind === 'file') expect(result.path === root || result.path.startsWith(root + sep)).toBe(true);
      }),
    );
  });
});

describe('contentTypeFor', () => {
  it('gives JS types to module workers and a safe default otherwise', () => {
    expect(contentTypeFor('/x/worker.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});

describe('isAllowedExternalUrl', () => {
  it('refuses everything with the default (empty) allow-list', () => {
    expect(isAllowedExternalUrl('https://www.ncei.noaa.gov/')).toBe(false);
  });

  it('allows only https on an exact allow-listed host', () => {
    const hosts = ['www.ncei.noaa.gov'];
    expect(isAllowedExternalUrl('https://www.ncei.noaa.gov/products/sanctsound', hosts)).toBe(true);
    expect(isAllowedExternalUrl('http://www.ncei.noaa.gov/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://www.ncei.noaa.gov.evil.com/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://user@www.ncei.noaa.gov/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd', hosts)).toBe(false);
  });
});
