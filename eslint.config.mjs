// Lint: TypeScript rules plus the import boundaries of DEVELOPERS.md, enforced mechanically.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const restrict = (patterns, paths = []) => ['error', { paths, patterns }];
const noElectron = { name: 'electron', message: 'Only electron/main.ts, electron/preload.ts and electron/desktop/ may import electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        [
          { group: ['**/native/**', '**/native'], message: 'The renderer talks to devices only through window.counter.' },
          { regex: '(^|/)electron/(?!api/(contract|types|bridge|define)$)', message: 'The renderer may import only the API contract and its types from electron/.' },
          { group: ['**/sandbox/**'], message: 'The app never imports the sandbox registry.' },
        ],
        [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer imports no Node modules.' }))],
      ),
    },
  },
  {
    files: ['native/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          { group: ['**/electron/**', '**/renderer/**', '**/sandbox/**'], message: 'native/ drivers import no services, UI or sandbox code.' },
        ],
        [noElectron],
      ),
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/api/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts', 'electron/web-host.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          { group: ['**/renderer/**'], message: 'Services do not import the UI.' },
          { group: ['**/sandbox/**'], message: 'The app never imports the sandbox registry; reach it over HTTP.' },
        ],
        [noElectron],
      ),
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/desktop/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/renderer/**', '**/sandbox/**'], message: 'The Electron glue does not import the UI or the sandbox.' },
      ]),
    },
  },
);
