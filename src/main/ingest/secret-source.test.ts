import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SecretStore } from '../app/secrets.ts';
import { resolveAuth, resolveSecret } from './secret-source.ts';

const dir = mkdtempSync(join(tmpdir(), 'aiw-secret-'));
const file = (name: string, text: string, mode: number) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
};
const store: SecretStore = { get: async (n) => (n === 'pw' ? 'from-store' : undefined), set: async () => undefined, delete: async () => undefined };

describe.skipIf(process.platform === 'win32')('station secrets', () => {
  it('reads env variables, owner-only files (without the trailing newline) and the store', async () => {
    expect(await resolveSecret({ env: 'X' }, undefined, { X: 'from-env' })).toBe('from-env');
    expect(await resolveSecret({ file: file('ok', 'from-file\n', 0o600) }, undefined)).toBe('from-file');
    expect(await resolveSecret({ file: file('ro', 'read-only', 0o400) }, undefined)).toBe('read-only');
    expect(await resolveSecret({ store: 'pw' }, store)).toBe('from-store');
  });

  it('refuses a secret file others can read, without revealing its content', async () => {
    const p = file('loose', 'hunter2', 0o644);
    const err = await resolveSecret({ file: p }, undefined).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'SECRET_INSECURE' });
    expect((err as Error).message).toMatch(/chmod 600/);
    expect((err as Error).message).not.toContain('hunter2');
    await expect(resolveSecret({ file: file('group', 'x', 0o640) }, undefined)).rejects.toMatchObject({ code: 'SECRET_INSECURE' });
  });

  it('says clearly what is missing', async () => {
    await expect(resolveSecret({ env: 'NOPE' }, undefined, {})).rejects.toThrow(/NOPE is not set/);
    await expect(resolveSecret({ store: 'pw' }, undefined)).rejects.toThrow(/headless mode/);
    await expect(resolveSecret({ store: 'other' }, store)).rejects.toThrow(/not in the secret store/);
    await expect(resolveSecret({ file: join(dir, 'missing') }, undefined)).rejects.toThrow(/ENOENT/);
  });

  it('resolves key, agent and password auth', async () => {
    const key = file('id', 'KEY', 0o600);
    expect(await resolveAuth({ method: 'key', privateKeyPath: key, passphrase: { env: 'P' } }, undefined, { P: 'pp' }))
      .toEqual({ privateKey: Buffer.from('KEY'), passphrase: 'pp' });
    await expect(resolveAuth({ method: 'key', privateKeyPath: file('id2', 'K', 0o644) }, undefined)).rejects.toMatchObject({ code: 'SECRET_INSECURE' });
    expect(await resolveAuth({ method: 'agent' }, undefined, { SSH_AUTH_SOCK: '/run/agent' })).toEqual({ agent: '/run/agent' });
    await expect(resolveAuth({ method: 'agent' }, undefined, {})).rejects.toThrow(/SSH_AUTH_SOCK/);
    expect(await resolveAuth({ method: 'password', password: { store: 'pw' } }, store)).toEqual({ password: 'from-store' });
  });
});
