import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveInside } from './static-files.ts';
import { tokenMatches } from './headless-server.ts';

const ROOT = '/srv/app/out/renderer';

describe('resolveInside', () => {
  it('maps URL paths into the root', () => {
    expect(resolveInside(ROOT, '/')).toBe(`${ROOT}/`);
    expect(resolveInside(ROOT, '/assets/index.js?v=1')).toBe(`${ROOT}/assets/index.js`);
  });

  it('refuses every escape: dot segments, encoded dots and slashes, NUL bytes', () => {
    for (const p of ['/../secret', '/%2e%2e/secret', '/assets/..%2f..%2fsecret', '/a%00b', '/%E0%A4%A']) {
      expect(resolveInside(ROOT, p)).toBeUndefined();
    }
    expect(resolveInside(ROOT, '/..renderer-sibling')).toBe(`${ROOT}/..renderer-sibling`);
  });

  it('never returns a path outside the root (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '.', 'a', '%2e%2e', '%2f', '/', 'b%00', '%5c..'), { maxLength: 12 }), (parts) => {
        const out = resolveInside(ROOT, `/${parts.join('/')}`);
        if (out !== undefined) expect(out === ROOT || out.startsWith(`${ROOT}/`)).toBe(true);
      }),
    );
  });
});

describe('tokenMatches', () => {
  it('accepts only the exact token', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', 'ab')).toBe(false);
    expect(tokenMatches('abc', null)).toBe(false);
    expect(tokenMatches('abc', '')).toBe(false);
  });
});
