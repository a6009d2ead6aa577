/**
 * A SecretStore kept as ciphertext in one file (mode 0600), encrypted by an
 * injected cipher (Electron's safeStorage in the app, a fake in tests).
 *
 * It refuses to write when the cipher says encryption is unavailable: a secret
 * stored in clear beside the database is worse than asking the user again.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { SecretStore } from '../app/secrets.ts';

/** What the store needs from an OS-backed encryption facility. */
export interface SecretCipher {
  /** Undefined when encryption is usable, otherwise why it is not. */
  unavailableReason(): string | undefined;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

const secretFileSchema = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.string()),
});
type SecretFile = z.infer<typeof secretFileSchema>;

/** Creates the store; the file is created on the first `set`. */
export function createFileSecretStore(file: string, cipher: SecretCipher): SecretStore {
  // Writes are chained so concurrent set/delete calls cannot lose each other's updates.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    async get(name) {
      checkName(name);
      const encoded = (await readSecretFile(file)).secrets[name];
      if (encoded === undefined) return undefined;
      requireEncryption(cipher);
      return decryptOrThrow(cipher, name, encoded);
    },
    set: (name, value) =>
      serialized(async () => {
        checkName(name);
        requireEncryption(cipher);
        const contents = await readSecretFile(file);
        contents.secrets[name] = cipher.encrypt(value).toString('base64');
        await writeSecretFile(file, contents);
      }),
    delete: (name) =>
      serialized(async () => {
        checkName(name);
        const contents = await readSecretFile(file);
        if (!Object.hasOwn(contents.secrets, name)) return;
        delete contents.secrets[name];
        await writeSecretFile(file, contents);
      }),
  };
}

function checkName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '') throw new AppError('BAD_REQUEST', 'secret name must not be empty');
}

function requireEncryption(cipher: SecretCipher): void {
  const reason = cipher.unavailableReason();
  if (reason !== undefined) {
    throw new AppError('IO_FAILED', `secure storage is unavailable (${reason}); refusing to keep secrets in clear`);
  }
}

function decryptOrThrow(cipher: SecretCipher, name: string, encoded: string): string {
  try {
    return cipher.decrypt(Buffer.from(encoded, 'base64'));
  } catch (err) {
    throw new AppError('IO_FAILED', `secret "${name}" cannot be decrypted (OS keyring changed?)`, { cause: err });
  }
}

async function readSecretFile(file: string): Promise<SecretFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
    throw new AppError('IO_FAILED', `cannot read ${file}`, { cause: err });
  }
  try {
    return secretFileSchema.parse(JSON.parse(text));
  } catch (err) {
    throw new AppError('IO_FAILED', `${file} is corrupt; delete it to reset stored secrets`, { cause: err });
  }
}

// Write to a private temp file, then rename: a crash never leaves a half-written secrets file.
async function writeSecretFile(file: string, contents: SecretFile): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(temp, JSON.stringify(contents), { mode: 0o600 });
    await chmod(temp, 0o600); // umask or a leftover temp file may have left wider bits
    await rename(temp, file);
  } catch (err) {
    throw new AppError('IO_FAILED', `cannot write ${file}`, { cause: err });
  }
}
