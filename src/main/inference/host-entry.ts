/**
 * Finds the model host process entry: the .ts source when running from src/ (Node strips types),
 * or the bundled `model-host.process.js` (vite NODE_ENTRIES) when running from out/main. In the
 * bundle this code may sit in a shared chunk under out/main/assets/, hence the parent folder too.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/errors.ts';

const ENTRY = 'model-host.process';

/** Absolute path of the host entry beside `baseUrl` (this module's URL by default). */
export function resolveHostEntry(baseUrl: string = import.meta.url, exists: (path: string) => boolean = existsSync): string {
  // Prefer the sibling with this module's own extension, so a stale bundle never shadows the sources.
  const names = baseUrl.endsWith('.ts') ? [`./${ENTRY}.ts`, `./${ENTRY}.js`] : [`./${ENTRY}.js`, `../${ENTRY}.js`, `./${ENTRY}.ts`];
  const candidates = names.map((name) => fileURLToPath(new URL(name, baseUrl)));
  const found = candidates.find((path) => exists(path));
  if (!found) throw new AppError('INTERNAL', `model host entry not found: looked for ${candidates.join(', ')}`);
  return found;
}
