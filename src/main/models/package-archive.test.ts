import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildZip } from '../../../test/helpers/zip-writer.ts';
import { DEFAULT_ARCHIVE_LIMITS, extractPackageZip, unsafeEntryName, type ArchiveLimits } from './package-archive.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'aiw-zip-'));
const limits = (over: Partial<ArchiveLimits> = {}): ArchiveLimits => ({ ...DEFAULT_ARCHIVE_LIMITS, ...over });

async function refusal(zip: Buffer, l: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<string> {
  const err = await extractPackageZip(zip, tmp(), l).then(
    () => undefined,
    (e: { code: string; message: string }) => e,
  );
  expect(err, 'the zip should have been refused').toBeDefined();
  expect(err!.code).toBe('MODEL_INVALID');
  return err!.message;
}

describe('extractPackageZip', () => {
  it('extracts regular files, folders included, and counts them', async () => {
    const dir = tmp();
    const zip = buildZip([
      { name: 'pkg/', data: '', mode: 0o040755, method: 'store' },
      { name: 'pkg/model.json', data: '{"id":"x"}' },
      { name: 'pkg/model.onnx', data: Buffer.alloc(3000, 7), method: 'store' },
      { name: '__MACOSX/pkg/._model.json', data: 'resource fork' },
    ]);
    expect(await extractPackageZip(zip, dir)).toBe(2);
    expect(readFileSync(join(dir, 'pkg', 'model.json'), 'utf8')).toBe('{"id":"x"}');
    expect(readFileSync(join(dir, 'pkg', 'model.onnx')).length).toBe(3000);
    expect(readdirSync(dir)).toEqual(['pkg']);
  });

  it('refuses path traversal, absolute names, drive letters and backslashes', async () => {
    expect(await refusal(buildZip([{ name: '../evil.txt', data: 'x' }]))).toMatch(/unsafe entry name.*\.\.\/evil\.txt/);
    expect(await refusal(buildZip([{ name: 'pkg/../../evil.txt', data: 'x' }]))).toMatch(/unsafe entry name/);
    expect(await refusal(buildZip([{ name: '/etc/cron.d/evil', data: 'x' }]))).toMatch(/unsafe entry name.*absolute/);
    expect(await refusal(buildZip([{ name: 'C:/evil.txt', data: 'x' }]))).toMatch(/absolute path/);
    expect(await refusal(buildZip([{ name: 'pkg\\..\\evil.txt', data: 'x' }]))).toMatch(/backslash|unsafe entry name/);
  });

  it('refuses symlinks and special files', async () => {
    const link = buildZip([{ name: 'model.onnx', data: '/etc/passwd', mode: 0o120777, method: 'store' }]);
    expect(await refusal(link)).toMatch(/"model\.onnx" is a symlink/);
    const fifo = buildZip([{ name: 'pipe', data: '', mode: 0o010644, method: 'store' }]);
    expect(await refusal(fifo)).toMatch(/special file/);
  });

  it('refuses a zip bomb by its compression ratio before inflating it', async () => {
    const bomb = buildZip([{ name: 'model.onnx', data: Buffer.alloc(8 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await refusal(bomb)).toMatch(/expands \d+:1 \(limit 100:1\): looks like a zip bomb/);
  });

  it('refuses an entry that inflates to more than it declares (forged sizes)', async () => {
    const forged = buildZip([{ name: 'model.onnx', data: Buffer.alloc(200_000, 1), declaredSize: 10 }]);
    expect(await refusal(forged)).toMatch(/inflates to a different size than it declares/);
  });

  it('refuses contents over the total size limit, too many entries and duplicates', async () => {
    const big = buildZip([
      { name: 'a.bin', data: Buffer.alloc(800, 1), method: 'store' },
      { name: 'b.bin', data: Buffer.alloc(800, 2), method: 'store' },
    ]);
    expect(await refusal(big, limits({ maxTotalBytes: 1000 }))).toMatch(/would be 1\.6 kB once inflated \(limit 1000 B\)/);
    const many = buildZip(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data: 'x' })));
    expect(await refusal(many, limits({ maxEntries: 4 }))).toMatch(/5 entries \(limit 4\)/);
    const dup = buildZip([{ name: 'model.json', data: '1' }, { name: 'model.json', data: '2' }]);
    expect(await refusal(dup)).toMatch(/"model\.json" appears twice/);
  });

  it('refuses an archive over the archive size limit, and bytes that are not a zip', async () => {
    const zip = buildZip([{ name: 'a.bin', data: Buffer.alloc(5000, 3), method: 'store' }]);
    expect(await refusal(zip, limits({ maxArchiveBytes: 4096 }))).toMatch(/exceeds the 4\.0 kB limit/);
    expect(await refusal(Buffer.from('this is not a zip file at all'))).toMatch(/not a readable zip archive/);
  });
});

describe('unsafeEntryName', () => {
  it('accepts plain relative paths', () => {
    for (const name of ['model.json', 'pkg/model.onnx', 'pkg/', 'a/b/c/d.txt']) expect(unsafeEntryName(name)).toBeUndefined();
    expect(unsafeEntryName('a/b/c/d/e.txt')).toMatch(/deeper/);
    expect(unsafeEntryName('a//b')).toMatch(/empty/);
    expect(unsafeEntryName('./a')).toMatch(/"\."/);
  });

  it('never accepts a name that resolves outside the target folder (property)', () => {
    const target = resolve(tmpdir(), 'aiw-target');
    const segment = fc.oneof(fc.constantFrom('..', '.', '', 'a', 'b', 'C:', '~'), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.boolean(), (parts, lead) => {
        const name = (lead ? '/' : '') + parts.join('/');
        if (unsafeEntryName(name) !== undefined) return;
        const rel = relative(target, resolve(target, ...name.split('/')));
        expect(rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(rel) === rel).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
