/**
 * Resolves the file of a worker or child-process entry point.
 *
 * From sources, the entry is the `.ts` file beside the caller (Node strips types);
 * in the Electron bundle, every entry is a flat `out/main/<name>.js` (see NODE_ENTRIES
 * in vite.config.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function entryPath(callerUrl: string, relativeTs: string, bundledName: string): string {
  const source = fileURLToPath(new URL(relativeTs, callerUrl));
  if (existsSync(source)) return source;
  return join(dirname(fileURLToPath(callerUrl)), `${bundledName}.js`);
}
