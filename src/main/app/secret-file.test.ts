import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileSecretStore, createHeadlessSecretStore, HEADLESS_SECRETS_FILE, type SecretCipher } from './secret-file.ts';

/** A reversible stand-in for safeStorage: XOR with a key, so ciphertext never equals plaintext. */
function fakeCipher(state: { reason?: string } = {}): SecretCipher {
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    unavailableReason: () => state.reason,
    encrypt: (plain) => Buffer.concat([Buffer.from('v1'), xor(Buffer.from(plain, 'utf8'))]),
    decrypt: (cipher) => {
      if (cipher.subarray(0, 2).toString() !== 'v1') throw new Error('bad key');
      return xor(cipher.subarray(2)).toString('utf8');
    },
  };
}

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aiw-secrets-'));
  file = join(dir, 'nested', 'secrets.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createFileSecretStore', () => {
  it('round-trips secrets without writing them in clear, in a 0600 file', async () => {
    const store = createFileSecretStore(file, fakeCipher());
    await store.set('sftp:sanctsound', 'hunter2-ÆØÅ');
    expect(await store.get('sftp:sanctsound')).toBe('hunter2-ÆØÅ');
    expect(await store.get('missing')).toBeUndefined();

    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain('hunter2');
    expect(JSON.parse(raw)).toMatchObject({ version: 1, secrets: { 'sftp:sanctsound': expect.any(String) } });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);

    // A second store over the same file sees the same secret (it really persisted).
    expect(await createFileSecretStore(file, fakeCipher()).get('sftp:sanctsound')).toBe('hunter2-ÆØÅ');
  });

  it('deletes secrets, and deleting a missing one is a no-op', async () => {
    const store = createFileSecretStore(file, fakeCipher());
    await store.set('a', '1');
    await store.set('b', '2');
    await store.delete('a');
    await store.delete('never-set');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('2');
  });

  it('keeps every update when writes race', async () => {
    const store = createFileSecretStore(file, fakeCipher());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    const values = await Promise.all(Array.from({ length: 20 }, (_, i) => store.get(`k${i}`)));
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
  });

  it('refuses to store or read secrets when encryption is unavailable, and writes nothing', async () => {
    const state: { reason?: string } = { reason: 'basic_text backend' };
    const store = createFileSecretStore(file, fakeCipher(state));
    await expect(store.set('a', '1')).rejects.toMatchObject({
      code: 'IO_FAILED',
      message: expect.stringContaining('basic_text backend'),
    });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });

    state.reason = undefined;
    await store.set('a', '1');
    state.reason = 'keyring locked';
    await expect(store.get('a')).rejects.toMatchObject({ code: 'IO_FAILED' });
    expect(await store.get('other')).toBeUndefined();
  });

  it('reports a corrupt file or an undecryptable secret as IO_FAILED', async () => {
    const store = createFileSecretStore(file, fakeCipher());
    await store.set('a', '1');
    await writeFile(file, JSON.stringify({ version: 1, secrets: { a: Buffer.from('xx').toString('base64') } }));
    await expect(store.get('a')).rejects.toMatchObject({ code: 'IO_FAILED', message: expect.stringContaining('"a"') });

    await writeFile(file, '{not json');
    await expect(store.get('a')).rejects.toMatchObject({ code: 'IO_FAILED', message: expect.stringContaining('corrupt') });
  });

  it('rejects empty names', async () => {
    const store = createFileSecretStore(file, fakeCipher());
    await expect(store.set(' ', 'x')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('createHeadlessSecretStore', () => {
  const posix = process.platform !== 'win32';

  it('keeps secrets in a 0600 file of the data folder, apart from the desktop store', async () => {
    const store = createHeadlessSecretStore(dir);
    expect(await store.get('aisstream-api-key')).toBeUndefined();
    await store.set('aisstream-api-key', 'k-123');
    expect(await createHeadlessSecretStore(dir).get('aisstream-api-key')).toBe('k-123');
    const path = join(dir, HEADLESS_SECRETS_FILE);
    if (posix) expect((await stat(path)).mode & 0o777).toBe(0o600);
    await expect(stat(join(dir, 'secrets.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.runIf(posix)('refuses to read a file that group or others may read, without showing the value', async () => {
    const store = createHeadlessSecretStore(dir);
    await store.set('seavision-api-key', 'sv-secret-value');
    await chmod(join(dir, HEADLESS_SECRETS_FILE), 0o644);
    const failure = store.get('seavision-api-key');
    await expect(failure).rejects.toMatchObject({ code: 'SECRET_INSECURE', message: expect.stringContaining('chmod 600') });
    await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('sv-secret-value') });
    // A write does not silently repair (and so bless) a file others could already read.
    await expect(store.set('other', 'x')).rejects.toMatchObject({ code: 'SECRET_INSECURE' });
    await chmod(join(dir, HEADLESS_SECRETS_FILE), 0o600);
    expect(await store.get('seavision-api-key')).toBe('sv-secret-value');
  });
});
