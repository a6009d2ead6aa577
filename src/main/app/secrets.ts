/** Where secrets (SSH passphrases, API keys) are kept: the OS keychain in Electron, a 0600 file or env in headless mode. */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}
