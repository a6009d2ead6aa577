/** Bench support: copies of fixture packages under another id (and manifest tweaks), so six distinct models run. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Copies `source` to `dir/<id>` with `id` and `patch` applied to its model.json; returns the copy's path. */
export function packageCopy(source: string, dir: string, id: string, patch: (manifest: Record<string, unknown>) => void = () => {}): string {
  const target = join(dir, 'packages', id);
  cpSync(source, target, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(target, 'model.json'), 'utf8')) as Record<string, unknown>;
  manifest.id = id;
  patch(manifest);
  writeFileSync(join(target, 'model.json'), JSON.stringify(manifest, null, 2));
  return target;
}
