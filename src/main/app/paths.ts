/**
 * Where things live: the data folder (database, cache, logs) and the bundled
 * models and resources (repo root in development, resourcesPath when packaged).
 */
import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DataPaths {
  root: string;
  database: string;
  cache: string;
  audioCache: string;
  tileCache: string;
  logs: string;
  models: string;
}

export function dataPaths(root: string): DataPaths {
  const abs = resolve(root);
  return {
    root: abs,
    database: join(abs, 'aiw.db'),
    cache: join(abs, 'cache'),
    audioCache: join(abs, 'cache', 'audio'),
    tileCache: join(abs, 'cache', 'tiles'),
    logs: join(abs, 'logs'),
    models: join(abs, 'models'),
  };
}

/** The OS user-data folder, as Electron's app.getPath('userData') would give for our app name. */
export function defaultDataDir(): string {
  const name = 'Acoustic Inference Workstation';
  if (process.env.AIW_DATA_DIR) return process.env.AIW_DATA_DIR;
  switch (platform()) {
    case 'win32':
      return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', name);
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
  }
}

/**
 * The folder holding `models/`, `resources/` and `out/renderer`.
 * Packaged Electron sets AIW_RESOURCES_DIR to process.resourcesPath.
 */
export function appRoot(): string {
  if (process.env.AIW_RESOURCES_DIR) return process.env.AIW_RESOURCES_DIR;
  // Works from the TypeScript sources and from the bundles in out/main alike.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the application root (no package.json above this module)');
    dir = parent;
  }
  return dir;
}

export const bundledModelsDir = (): string => join(appRoot(), 'models');
export const demoResourcesDir = (): string => join(appRoot(), 'resources', 'demo');
export const rendererDir = (): string => join(appRoot(), 'out', 'renderer');
