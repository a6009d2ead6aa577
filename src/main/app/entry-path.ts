/**
 * Resolves the file of a worker or child-process entry point.
 *
 * From sources, the entry is the `.ts` file beside the caller (Node strips types);
 * in the Electron bundle every entry is a flat `out/main/<name>.js` (NODE_ENTRIES in
 * vite.config.ts), and the caller may itself sit in a shared chunk under
 * out/main/assets/, hence the parent folder too. The caller's own extension decides
 * which is preferred, so a stale bundle never shadows the sources.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/errors.ts';

export function entryPath(
  callerUrl: string,
  relativeTs: string,
  bundledName: string,
  exists: (path: string) => boolean = existsSync,
): string {
  const bundled = [`./${bundledName}.js`, `../${bundledName}.js`];
  const names = callerUrl.endsWith('.ts') ? [relativeTs, ...bundled] : [...bundled, relativeTs];
  const candidates = names.map((name) => fileURLToPath(new URL(name, callerUrl)));
  const found = candidates.find((path) => exists(path));
  if (!found) throw new AppError('INTERNAL', `entry point ${bundledName} not found: looked for ${candidates.join(', ')}`);
  return found;
}
