/** Finds the model host process entry (sources or the bundled `model-host.process.js`). */
import { entryPath } from '../app/entry-path.ts';

const ENTRY = 'model-host.process';

/** Absolute path of the host entry beside `baseUrl` (this module's URL by default). */
export function resolveHostEntry(baseUrl: string = import.meta.url, exists?: (path: string) => boolean): string {
  return entryPath(baseUrl, `./${ENTRY}.ts`, ENTRY, exists);
}
