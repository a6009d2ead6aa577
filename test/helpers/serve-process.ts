/**
 * Starts `aiw serve` as a real child process (the way a user does) and waits for
 * its `ready <url>` line. Used by the integration and end-to-end tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const AIW_BIN = join(REPO_ROOT, 'bin', 'aiw.mjs');

export interface ServeHandle {
  url: string;
  dataDir: string;
  child: ChildProcess;
  stderr: () => string;
  stop(): Promise<number | null>;
}

export function tempDir(prefix = 'aiw-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startServe(args: string[] = [], timeoutMs = 30_000, dataDir = tempDir('aiw-serve-')): Promise<ServeHandle> {
  const child = spawn(process.execPath, [AIW_BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within ${timeoutMs} ms; stderr:\n${err}`)), timeoutMs);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^ready (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aiw serve exited with ${code}; stderr:\n${err}`));
    });
  });
  return {
    url, dataDir, child, stderr: () => err,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
