import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { relative, resolve, sep } from 'node:path';
import { cachePathFor, isInsideRemoteRoot, isSafeEntryName, isTemporaryName, remoteJoin, sanitizeFileName } from './remote-path.ts';

describe('remote names', () => {
  it('ignores dot-files and temporary suffixes', () => {
    for (const n of ['.x.wav', 'a.wav.part', 'a.WAV.PART', 'a.tmp', 'a.filepart', 'a.wav~']) expect(isTemporaryName(n), n).toBe(true);
    for (const n of ['a.wav', 'part.wav', 'tmp_1.wav']) expect(isTemporaryName(n), n).toBe(false);
  });

  it('accepts only single, ordinary path components', () => {
    for (const n of ['', '.', '..', 'a/b', '..\\x', 'a\0b']) expect(isSafeEntryName(n), JSON.stringify(n)).toBe(false);
    for (const n of ['a.wav', '...', 'ü 🐋.wav', '..a']) expect(isSafeEntryName(n), n).toBe(true);
  });

  it('joins and checks remote paths with POSIX separators', () => {
    expect(remoteJoin('/data/', 'a/b.wav')).toBe('/data/a/b.wav');
    expect(remoteJoin('/', 'a.wav')).toBe('/a.wav');
    expect(remoteJoin('/data', '')).toBe('/data');
    expect(isInsideRemoteRoot('/data', '/data/x/y.wav')).toBe(true);
    expect(isInsideRemoteRoot('/data', '/database/x.wav')).toBe(false);
    expect(isInsideRemoteRoot('/data', '/data/../etc/passwd')).toBe(false);
    expect(isInsideRemoteRoot('/data/', '/etc/passwd')).toBe(false);
  });
});

describe('cachePathFor', () => {
  const dir = resolve('/tmp/aiw-cache/st1');

  it('keeps readable names, replaces separators and reserved characters', () => {
    expect(cachePathFor(dir, 7, 'day 1/rec ünï 🐋.wav')).toBe(`${dir}${sep}7-rec ünï 🐋.wav`);
    expect(cachePathFor(dir, 8, '..\\..\\evil.wav')).toBe(`${dir}${sep}8-evil.wav`);
    expect(cachePathFor(dir, 9, 'a:b*c?.wav')).toBe(`${dir}${sep}9-a_b_c_.wav`);
    expect(sanitizeFileName('...')).toBe('recording');
  });

  it('never leaves the station folder, whatever the remote path', () => {
    fc.assert(fc.property(fc.nat(), fc.oneof(fc.string(), fc.constantFrom('../../x', '..', '/etc/passwd', 'a/../../b', '\0', '.\\..\\..')), (id, name) => {
      const p = cachePathFor(dir, id, name);
      const rel = relative(dir, p);
      return !rel.startsWith('..') && !rel.includes(sep) && rel.startsWith(`${id}-`);
    }), { numRuns: 2000 });
  });

  it('keeps names within 160 bytes', () => {
    expect(Buffer.byteLength(sanitizeFileName('🐋'.repeat(100)))).toBeLessThanOrEqual(160);
  });
});
