/** Runs the `aiw` command as a user would and captures its output and exit code. */
import { spawnSync } from 'node:child_process';
import { AIW_BIN, REPO_ROOT } from './serve-process.ts';

export interface AiwRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runAiw(args: string[], env: NodeJS.ProcessEnv = {}): AiwRun {
  const r = spawnSync(process.execPath, [AIW_BIN, ...args], {
    cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
