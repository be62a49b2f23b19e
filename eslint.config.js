// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Process boundaries from ARCHITECTURE.md §7, enforced: shared imports nothing platform-specific;
// the renderer never touches electron, Node, SQLite or SIP.js signalling; only src/main/electron
// (and the entry/preload) import electron; the core never reaches into the Electron adapters.
const NODE_BUILTINS = { group: ['node:*'], message: 'Node built-ins belong to the main process.' };
const ELECTRON = {
  name: 'electron',
  message: 'Only src/main/electron/, src/main/index.ts and the preload import electron.',
};
const SQLITE = { name: 'better-sqlite3', message: 'The store lives in the main process.' };

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', '.tmp/', 'coverage/', 'docs/screenshots/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [ELECTRON] }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ELECTRON,
            SQLITE,
            { name: 'react', message: 'shared is UI-free.' },
            { name: 'ws', message: 'shared is platform-free.' },
          ],
          patterns: [NODE_BUILTINS, { group: ['sip.js', 'sip.js/*'], message: 'shared is platform-free.' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ELECTRON,
            SQLITE,
            { name: 'ws', message: 'The renderer opens no network connections.' },
            {
              name: 'sip.js',
              message: 'SIP signalling lives in main; media code may use sip.js/lib/platform/web only.',
            },
          ],
          patterns: [
            NODE_BUILTINS,
            {
              group: ['sip.js/lib/api', 'sip.js/lib/api/*', 'sip.js/lib/core/*', '!sip.js/lib/core/log'],
              message: 'SIP signalling lives in main.',
            },
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer talks to main only through lib/ipc.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            {
              group: ['**/electron/*', '!**/core/**'],
              message: 'The core runs without Electron: use a port.',
            },
            { group: ['**/renderer/**'], message: 'No UI code in the core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/electron/**/*.ts', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'No UI code in main.' }] },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NODE_BUILTINS,
            { group: ['../shared/*', '!../shared/ipc'], message: 'The preload bundles channels.ts only.' },
            {
              group: ['../shared/ipc/*', '!../shared/ipc/channels.ts'],
              message: 'The preload bundles channels.ts only.',
            },
          ],
        },
      ],
    },
  },
);
