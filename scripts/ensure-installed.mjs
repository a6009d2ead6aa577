// Installs the project's dependencies on a fresh checkout, so `npm start` and
// `npm test` work as the first command after cloning. Uses only Node built-ins
// (it runs on whatever Node started npm, before Node 24 is in node_modules).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function ensureInstalled(root = process.cwd()) {
  if (existsSync(join(root, 'node_modules', '.bin', 'vitest')) && existsSync(join(root, 'node_modules', 'better-sqlite3'))) return;
  const cmd = existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install';
  process.stderr.write(`first run: installing dependencies (npm ${cmd})…\n`);
  const r = spawnSync('npm', [cmd, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`npm ${cmd} failed (exit ${r.status}); see the messages above\n`);
    process.exit(r.status ?? 1);
  }
}

/** The Node that runs the app: Node 24 from node_modules when present (the one Electron embeds). */
export function appNode(root = process.cwd()) {
  const local = join(root, 'node_modules', '.bin', 'node');
  return existsSync(local) ? local : process.execPath;
}
