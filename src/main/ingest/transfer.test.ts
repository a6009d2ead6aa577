import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SftpSession } from './sftp-session.ts';
import { downloadToStaging, RemoteFileChanged } from './transfer.ts';

const MTIME = 1_700_000_000_000;

/**
 * A remote file served with random latency (replies arrive out of order), random short reads,
 * and optionally a dropped link after `failAfter` reads.
 */
function fakeRemote(content: Buffer, rand: () => number, failAfter = Infinity, sizeAfter = content.length) {
  let reads = 0;
  return {
    maxReadLength: 32_768,
    openRead: async () => Buffer.from('h'),
    closeHandle: async () => undefined,
    stat: async () => ({ name: 'f', type: 'file', size: sizeAfter, mtime: MTIME }),
    read: (_h: Buffer, buf: Buffer, len: number, pos: number) =>
      new Promise<number>((resolve, reject) => {
        const n = ++reads > failAfter ? -1 : Math.max(1, Math.min(len, content.length - pos, rand() < 0.2 ? Math.ceil(rand() * len) : len));
        setTimeout(() => {
          if (n < 0) return reject(Object.assign(new Error('connection lost'), { code: 'CONNECTION_FAILED' }));
          content.copy(buf, 0, pos, pos + n);
          resolve(n);
        }, rand() * 3);
      }),
  } as unknown as SftpSession;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const tmp = () => join(mkdtempSync(join(tmpdir(), 'aiw-xfer-')), 'f.part');

describe('downloadToStaging', () => {
  it('leaves a clean prefix after any drop and completes byte-identical on resume', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 1_000_000 }),
      async (size, failAfter, seed) => {
        let s = seed;
        const rand = () => ((s = (s * 48271) % 2147483647) / 2147483647);
        const content = Buffer.alloc(size);
        for (let i = 0; i < size; i++) content[i] = (i * 7 + seed) & 255;
        const stagingPath = tmp();
        const req = { remotePath: '/r/f', stagingPath, expected: { size, mtime: MTIME }, chunkBytes: 4096, window: 8 };
        const first = await downloadToStaging({ ...req, session: fakeRemote(content, rand, failAfter) }).catch((e: Error) => e);
        const partial = readFileSync(stagingPath);
        expect(content.subarray(0, partial.length).equals(partial)).toBe(true);
        if (first instanceof Error) {
          const second = await downloadToStaging({ ...req, session: fakeRemote(content, rand) });
          expect(second.resumedFrom).toBe(partial.length);
          expect(second.sha256).toBe(sha(content));
        } else {
          expect(first.sha256).toBe(sha(content));
        }
        expect(readFileSync(stagingPath).equals(content)).toBe(true);
      },
    ), { numRuns: 60 });
  });

  it('starts over when the staging file is longer than the remote file', async () => {
    const content = Buffer.from('0123456789');
    const stagingPath = tmp();
    writeFileSync(stagingPath, 'this is much longer than ten bytes');
    const res = await downloadToStaging({ session: fakeRemote(content, Math.random), remotePath: '/f', stagingPath, expected: { size: 10, mtime: MTIME } });
    expect(res.resumedFrom).toBe(0);
    expect(readFileSync(stagingPath).toString()).toBe('0123456789');
  });

  it('refuses a file that changed while it was downloaded', async () => {
    const content = Buffer.alloc(5000, 1);
    const err = await downloadToStaging({
      session: fakeRemote(content, Math.random, Infinity, 6000), remotePath: '/f', stagingPath: tmp(), expected: { size: 5000, mtime: MTIME },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteFileChanged);
  });
});
