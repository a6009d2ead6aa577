#!/usr/bin/env node
// `npm start`: the workstation on the demo station. Opens the desktop app when the
// Electron binary is installed; otherwise (e.g. a server with no display, or where
// Electron cannot be downloaded) runs the headless mode and prints the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { appNode, ensureInstalled } from './ensure-installed.mjs';

ensureInstalled();
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    return existsSync(join(dir, 'path.txt')) ? require('electron') : undefined;
  } catch {
    return undefined;
  }
}

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const electron = electronBinary();
const passThrough = process.argv.slice(2);
if (electron && !process.env.AIW_HEADLESS) {
  sh('npm', ['run', '--silent', 'build']);
  spawn(electron, ['.', ...passThrough], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write('Electron is not available here: starting the headless workstation; open the printed URL in a browser.\n');
  sh('npm', ['run', '--silent', 'build:web']);
  const child = spawn(appNode(), ['bin/aiw.mjs', 'serve', ...passThrough], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
