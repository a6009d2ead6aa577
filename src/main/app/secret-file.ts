/**
 * A SecretStore kept in one file (mode 0600), each value passed through an injected
 * cipher: Electron's safeStorage in the desktop app, the identity in headless mode
 * (`createHeadlessSecretStore`, protected by the file mode alone, like ~/.pgpass), a fake in tests.
 *
 * It refuses to write when the cipher says encryption is unavailable: a secret
 * stored in clear beside the database is worse than asking the user again. With
 * `ownerOnly` it also refuses to read a file that group or others may read.
 * Secret values never appear in an error message or a log line.
 */
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { SecretStore } from './secrets.ts';

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

/** Options of a file store. */
export interface FileSecretStoreOptions {
  /** Refuse to read the file when its mode lets group or others read it (POSIX only). */
  ownerOnly?: boolean;
}

/** Creates the store; the file is created on the first `set`. */
export function createFileSecretStore(file: string, cipher: SecretCipher, options: FileSecretStoreOptions = {}): SecretStore {
  const read = () => readSecretFile(file, options.ownerOnly === true);
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
      const encoded = (await read()).secrets[name];
      if (encoded === undefined) return undefined;
      requireEncryption(cipher);
      return decryptOrThrow(cipher, name, encoded);
    },
    set: (name, value) =>
      serialized(async () => {
        checkName(name);
        requireEncryption(cipher);
        const contents = await read();
        contents.secrets[name] = cipher.encrypt(value).toString('base64');
        await writeSecretFile(file, contents);
      }),
    delete: (name) =>
      serialized(async () => {
        checkName(name);
        const contents = await read();
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

/** Throws SECRET_INSECURE when group or others may read `file` (Windows has no such bits: its profile ACL protects it). */
async function requireOwnerOnly(file: string): Promise<void> {
  if (process.platform === 'win32') return;
  const mode = (await stat(file)).mode;
  if ((mode & 0o077) !== 0) {
    throw new AppError('SECRET_INSECURE', `${file} is readable by other users (mode ${(mode & 0o777).toString(8)}); run "chmod 600 ${file}"`);
  }
}

async function readSecretFile(file: string, ownerOnly: boolean): Promise<SecretFile> {
  let text: string;
  try {
    if (ownerOnly) await requireOwnerOnly(file);
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
    if (err instanceof AppError) throw err;
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

/** The identity "cipher" of headless mode: the file's 0600 mode is the protection (values are stored base64, not encrypted). */
const FILE_MODE_ONLY: SecretCipher = {
  unavailableReason: () => undefined,
  encrypt: (plain) => Buffer.from(plain, 'utf8'),
  decrypt: (stored) => stored.toString('utf8'),
};

/** File name of the headless store in the data folder (the desktop app's safeStorage file is `secrets.json`). */
export const HEADLESS_SECRETS_FILE = 'headless-secrets.json';

/**
 * The headless SecretStore (`aiw serve`): `<dataDir>/headless-secrets.json`, mode 0600, refused when group or
 * others may read it. A separate file from the desktop store so neither ever misreads the other's values.
 */
export function createHeadlessSecretStore(dataDir: string): SecretStore {
  return createFileSecretStore(join(dataDir, HEADLESS_SECRETS_FILE), FILE_MODE_ONLY, { ownerOnly: true });
}
