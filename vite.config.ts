/**
 * The single build configuration.
 *
 *   vite build               → the renderer (out/renderer), served by Electron or the headless server
 *   vite build --mode node   → main-process bundles for Electron (out/main): the shell, the CLI and workers
 *   vite build --mode preload→ the sandboxed preload as one CommonJS file (out/preload/index.cjs)
 *
 * In development and in tests the Node side runs straight from TypeScript sources
 * (Node ≥ 22.18 strips types), so only Electron packaging needs the node bundles.
 */
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** Entry points of the node bundles; workers are separate entries so they can be spawned by path. */
export const NODE_ENTRIES: Record<string, string> = {
  electron: 'src/main/electron/main.ts',
  cli: 'src/main/cli/main.ts',
  'station.worker': 'src/main/pipeline/station.worker.ts',
  'sftp.worker': 'src/main/ingest/sftp.worker.ts',
  'hash.worker': 'src/main/ingest/hash.worker.ts',
  'model-host.process': 'src/main/inference/model-host.process.ts',
  'backfill.worker': 'src/main/models/backfill.worker.ts',
};

const external = [
  'electron',
  ...Object.keys(pkg.dependencies),
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];

function rendererConfig(): UserConfig {
  return {
    root: 'src/renderer',
    base: './',
    plugins: [react()],
    build: { outDir: '../../out/renderer', emptyOutDir: true, sourcemap: true, target: 'es2022' },
    worker: { format: 'es' },
  };
}

function nodeConfig(): UserConfig {
  return {
    build: {
      ssr: true,
      outDir: 'out/main',
      emptyOutDir: true,
      target: 'node22',
      sourcemap: true,
      rollupOptions: { input: NODE_ENTRIES, external, output: { format: 'es', entryFileNames: '[name].js' } },
    },
  };
}

function preloadConfig(): UserConfig {
  // Sandboxed preloads cannot `require` npm packages, so everything is bundled into one CJS file.
  return {
    build: {
      outDir: 'out/preload',
      emptyOutDir: true,
      target: 'node22',
      lib: { entry: 'src/preload/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
      rollupOptions: { external: ['electron'] },
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'node') return nodeConfig();
  if (mode === 'preload') return preloadConfig();
  return rendererConfig();
});
