/**
 * Resolves a station's secret references (password, key passphrase) and its private key.
 *
 * Headless: an environment variable, or a file only its owner can read (0600/0400; a
 * group- or world-readable file is refused, as ssh refuses such keys). Desktop: the
 * SecretStore (Electron safeStorage). Secret values are returned to the caller only:
 * never logged, never put in an error message, never stored.
 */
import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors.ts';
import type { SecretRef, StationAuth } from '../../shared/station-config.ts';
import type { SecretStore } from '../app/secrets.ts';

/** What ssh2 needs to authenticate, resolved from a station's auth config. */
export type ResolvedAuth =
  | { readonly privateKey: Buffer; readonly passphrase?: string }
  | { readonly agent: string }
  | { readonly password: string };

/** Reads a file that holds a secret, refusing it when group or others may read it. */
export async function readPrivateFile(path: string, what: string): Promise<Buffer> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `${what} ${path} cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, { cause: err });
  }
  // Windows has no POSIX permission bits; the ACL of the user profile protects the file there.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new AppError(
      'SECRET_INSECURE',
      `${what} ${path} is readable by other users (mode ${(mode & 0o777).toString(8)}); run "chmod 600 ${path}"`,
    );
  }
  return readFile(path);
}

export async function resolveSecret(ref: SecretRef, store: SecretStore | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if ('env' in ref) {
    const value = env[ref.env];
    if (value === undefined || value === '') throw new AppError('CONFIG_INVALID', `environment variable ${ref.env} is not set`);
    return value;
  }
  if ('file' in ref) return (await readPrivateFile(ref.file, 'secret file')).toString('utf8').replace(/\r?\n$/, '');
  if (!store) {
    throw new AppError('CONFIG_INVALID', `secret "${ref.store}" is in the desktop secret store, which headless mode has not; use "env" or "file"`);
  }
  const value = await store.get(ref.store);
  if (value === undefined) throw new AppError('CONFIG_INVALID', `secret "${ref.store}" is not in the secret store`);
  return value;
}

export async function resolveAuth(auth: StationAuth, store: SecretStore | undefined, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedAuth> {
  switch (auth.method) {
    case 'key': {
      const privateKey = await readPrivateFile(auth.privateKeyPath, 'private key');
      return auth.passphrase ? { privateKey, passphrase: await resolveSecret(auth.passphrase, store, env) } : { privateKey };
    }
    case 'agent': {
      const agent = auth.socket ?? env.SSH_AUTH_SOCK;
      if (!agent) throw new AppError('CONFIG_INVALID', 'auth method "agent" but SSH_AUTH_SOCK is not set and no socket is configured');
      return { agent };
    }
    case 'password':
      return { password: await resolveSecret(auth.password, store, env) };
  }
}
