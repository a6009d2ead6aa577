import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTar, isSafeMemberName, readEntry, readEntryBuffer, tarHeader, TarWriter } from './tar-archive.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function writeArchive(path: string, members: Record<string, Buffer>) {
  const w = await TarWriter.create(path);
  const written = [];
  for (const [name, data] of Object.entries(members)) written.push(await w.addBuffer(name, data, 1_700_000_000_000));
  return { written, done: await w.finish() };
}

describe('tar archive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aiw-tar-'));

  it('round-trips members with their sizes and hashes, readable by system tar', async () => {
    const path = join(dir, 'a.tar');
    const members = { 'aiwsession': Buffer.from('aiwsession\n1\n'), 'audio/1.wav': Buffer.alloc(1000, 7), 'db/x.sqlite': Buffer.alloc(512, 1), 'empty': Buffer.alloc(0) };
    const { written, done } = await writeArchive(path, members);
    expect(written.map((m) => m.sha256)).toEqual(Object.values(members).map(sha));
    expect(done.sha256).toBe(sha(readFileSync(path)));
    expect(done.bytes % 512).toBe(0);
    const fh = await open(path, 'r');
    const entries = await indexTar(fh, path);
    expect(entries.map((e) => [e.name, e.size])).toEqual(Object.entries(members).map(([n, b]) => [n, b.length]));
    expect(await readEntry(fh, entries[1]!)).toBe(sha(members['audio/1.wav']));
    expect((await readEntryBuffer(fh, entries[0]!)).toString()).toBe('aiwsession\n1\n');
    await fh.close();
    expect(execFileSync('tar', ['tf', path], { encoding: 'utf8' }).trim().split('\n')).toEqual(Object.keys(members));
  });

  it('refuses a truncated file, a damaged header and a foreign file', async () => {
    const path = join(dir, 'b.tar');
    await writeArchive(path, { one: Buffer.alloc(3000, 2), two: Buffer.alloc(10, 3) });
    const bytes = readFileSync(path);
    const cases: [string, Buffer][] = [
      ['truncated', bytes.subarray(0, 2000)],
      ['checksum', Buffer.concat([bytes.subarray(0, 10), Buffer.from('X'), bytes.subarray(11)])],
      ['foreign', Buffer.from('PK\u0003\u0004 not a tar file at all'.padEnd(1100, ' '))],
    ];
    for (const [name, data] of cases) {
      const p = join(dir, `${name}.tar`);
      writeFileSync(p, data);
      const fh = await open(p, 'r');
      await expect(indexTar(fh, p)).rejects.toMatchObject({ code: 'VERIFY_FAILED' });
      await fh.close();
    }
  });

  it('allows only short relative names without dot segments', () => {
    expect(isSafeMemberName('tiles/3/L0/12.tile')).toBe(true);
    for (const bad of ['../x', 'a/../b', '/abs', 'a//b', 'a/./b', '.', 'x'.repeat(101), 'sp ace', 'a\\b', '']) expect(isSafeMemberName(bad)).toBe(false);
    fc.assert(fc.property(fc.string(), (s) => !isSafeMemberName(s) || (!s.includes('..') && !s.startsWith('/') && s.length <= 100)));
    expect(() => tarHeader('../evil', 1, 0)).toThrow(/unsafe/);
  });
});
