/**
 * ESLint flat config (ESLint 10 + typescript-eslint, syntax-only rules so it stays fast).
 *
 * Besides the recommended rules it enforces the process boundaries of ARCHITECTURE.md:
 *  - only src/main/electron/ and src/preload/ import `electron`;
 *  - only src/main/electron/ipc-transport.ts uses ipcMain, only src/preload/ipc.ts uses ipcRenderer;
 *  - the renderer never imports from src/main/, and src/shared/ imports from no process.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

/** A tiny local rule: relative imports must not resolve into the given repo folders. */
const noImportFrom = {
  meta: {
    type: 'problem',
    docs: { description: 'forbid relative imports that resolve into the given folders' },
    schema: [
      {
        type: 'object',
        properties: { folders: { type: 'array', items: { type: 'string' } }, reason: { type: 'string' } },
        required: ['folders', 'reason'],
        additionalProperties: false,
      },
    ],
    messages: { forbidden: "'{{source}}' reaches into {{folder}}/: {{reason}}" },
  },
  create(context) {
    const { folders, reason } = context.options[0];
    const check = (sourceNode) => {
      if (sourceNode?.type !== 'Literal' || typeof sourceNode.value !== 'string') return;
      if (!sourceNode.value.startsWith('.')) return;
      const target = relative(ROOT, resolve(dirname(context.filename), sourceNode.value)).split(sep).join('/');
      const folder = folders.find((f) => target === f || target.startsWith(`${f}/`));
      if (folder) context.report({ node: sourceNode, messageId: 'forbidden', data: { source: sourceNode.value, folder, reason } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

const ELECTRON_ONLY_IN_SHELL = {
  name: 'electron',
  message: 'Only src/main/electron/ and src/preload/ may import electron; services stay plain Node.',
};
const ipcOnlyInTransport = (names) => ({
  name: 'electron',
  importNames: names,
  message: 'ipcMain belongs to src/main/electron/ipc-transport.ts and ipcRenderer to src/preload/ipc.ts only.',
});
// require('electron') and import('electron') would slip past no-restricted-imports.
const ELECTRON_REQUIRE = [
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value='electron']",
    message: "Import electron with a static, named `import { … } from 'electron'`.",
  },
  {
    selector: "ImportExpression[source.value='electron']",
    message: "Import electron with a static, named `import { … } from 'electron'`.",
  },
];
// Named imports only, so the ipcMain/ipcRenderer restriction cannot be bypassed via `electron.ipcMain`.
const ELECTRON_NAMED_ONLY = [
  {
    selector: "ImportDeclaration[source.value='electron'] > :matches(ImportNamespaceSpecifier, ImportDefaultSpecifier)",
    message: "Use named imports from 'electron' (no default or namespace import).",
  },
];

/** Node globals for the plain .mjs/.js scripts (TypeScript files get them from @types/node). */
const NODE_GLOBALS = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval',
    'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'structuredClone', 'fetch',
    'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder', 'performance', 'globalThis',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'dist/**', 'coverage/**', 'node_modules/**', '**/*.gen.*'] },
  { files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { aiw: { rules: { 'no-import-from': noImportFrom } } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY_IN_SHELL] }],
      'no-restricted-syntax': ['error', ...ELECTRON_REQUIRE],
    },
  },
  {
    files: ['src/main/electron/**', 'src/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [ipcOnlyInTransport(['ipcMain', 'ipcRenderer'])] }],
      'no-restricted-syntax': ['error', ...ELECTRON_REQUIRE, ...ELECTRON_NAMED_ONLY],
    },
  },
  {
    files: ['src/main/electron/ipc-transport.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcOnlyInTransport(['ipcRenderer'])] }] },
  },
  {
    files: ['src/preload/ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcOnlyInTransport(['ipcMain'])] }] },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'aiw/no-import-from': [
        'error',
        { folders: ['src/main'], reason: 'the renderer reaches main only through window.api / the transport' },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'aiw/no-import-from': [
        'error',
        { folders: ['src/main', 'src/renderer', 'src/preload'], reason: 'src/shared is imported by every process' },
      ],
    },
  },
  {
    files: ['src/main/**'],
    rules: { 'no-console': 'warn' },
  },
  {
    // Launcher scripts run in plain Node and resolve the Electron *binary path* from the npm package.
    files: ['scripts/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
);
