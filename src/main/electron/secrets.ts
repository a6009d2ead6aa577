/**
 * The desktop SecretStore: Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet)
 * encrypts, the ciphertext lives in `secrets.json` (0600) in the data folder.
 */
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../app/secrets.ts';
import { createFileSecretStore, type SecretCipher } from '../app/secret-file.ts';

/** Why safeStorage cannot protect secrets right now, or undefined when it can. Call after app ready. */
function safeStorageUnavailableReason(): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) return 'safeStorage.isEncryptionAvailable() is false';
  // On Linux without a keyring Chromium falls back to a hard-coded key: that is obfuscation, not encryption.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return 'no OS keyring (libsecret/kwallet) is running; Linux backend is basic_text';
  }
  return undefined;
}

const safeStorageCipher: SecretCipher = {
  unavailableReason: safeStorageUnavailableReason,
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (cipher) => safeStorage.decryptString(cipher),
};

/** Creates the safeStorage-backed store over `<dataDir>/secrets.json`. */
export function createSafeStorageSecretStore(dataDir: string): SecretStore {
  return createFileSecretStore(join(dataDir, 'secrets.json'), safeStorageCipher);
}
