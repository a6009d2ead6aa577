import { describe, expect, it } from 'vitest';
import { entryPath } from './entry-path.ts';

const has = (...paths: string[]) => (p: string) => paths.includes(p);

describe('entryPath', () => {
  it('prefers the .ts source when called from sources', () => {
    expect(entryPath('file:///r/src/main/pipeline/station-runner.ts', './station.worker.ts', 'station.worker',
      has('/r/src/main/pipeline/station.worker.ts', '/r/src/main/pipeline/station.worker.js'))).toBe('/r/src/main/pipeline/station.worker.ts');
  });

  it('finds the flat bundle entry from a shared chunk under out/main/assets', () => {
    expect(entryPath('file:///r/out/main/assets/chunk-1.js', './station.worker.ts', 'station.worker',
      has('/r/out/main/station.worker.js'))).toBe('/r/out/main/station.worker.js');
  });

  it('says where it looked when nothing exists', () => {
    expect(() => entryPath('file:///r/out/main/electron.js', './w.ts', 'w', () => false)).toThrow(/w not found: looked for \/r\/out\/main\/w\.js/);
  });
});
