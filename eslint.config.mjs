// Lint: TypeScript rules plus the import boundaries of docs/architecture.md ("Boundaries"), enforced mechanically.
// Each folder gets one no-restricted-imports entry: in flat config a later entry for the same files replaces an earlier one.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const restrict = (patterns, paths = []) => ['error', { paths, patterns }];
const noElectron = {
  name: 'electron',
  message: 'Only electron/main.ts, electron/preload.ts and electron/desktop/ may import electron.',
};
const noSandbox = {
  group: ['**/sandbox/**'],
  message: 'The app never imports the sandbox registry; reach it over HTTP.',
};
// Test folders share code only through tests/helpers/, so a unit fixture is never an integration test's foundation.
// Tests run in plain Node; Electron itself is reached through Playwright (tests/e2e/electron.spec.ts).
const testRule = (...otherKinds) =>
  restrict(
    [
      {
        regex: `(^|/)(${otherKinds.join('|')})/`,
        message: 'Test folders share code only through tests/helpers/: move what both need there.',
      },
    ],
    [{ name: 'electron', allowTypeImports: true, message: 'Tests run in plain Node: take only types from electron.' }],
  );

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
          {
            group: ['**/native/**', '**/native'],
            message: 'The renderer talks to devices only through window.counter.',
          },
          {
            regex: '(^|/)electron/(?!api/(contract|types|bridge|define)$)',
            message: 'The renderer may import only the API contract and its types from electron/.',
          },
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
          {
            group: ['**/electron/**', '**/renderer/**', '**/sandbox/**'],
            message: 'native/ drivers import no services, UI or sandbox code.',
          },
        ],
        [noElectron],
      ),
    },
  },
  {
    files: ['electron/api/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts', 'electron/web-host.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [{ group: ['**/renderer/**'], message: 'Services do not import the UI.' }, noSandbox],
        [noElectron],
      ),
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          { group: ['**/renderer/**'], message: 'Services do not import the UI.' },
          noSandbox,
          {
            group: ['**/api/**', '!**/api/types', '!**/api/auth-types', '!**/api/contract', '!**/api/codes'],
            message:
              'Services import from electron/api/ only the contract and its types (AppError lives in electron/services/errors.ts).',
          },
          {
            group: ['**/api/types', '**/api/auth-types', '**/api/contract', '**/api/codes'],
            allowTypeImports: true,
            message: 'Services take only types from the API contract (import type), never its run-time code.',
          },
        ],
        [noElectron],
      ),
    },
  },
  {
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            regex: '^\\.\\./',
            message: 'protocol/ is a leaf shared by the app and the sandbox: it imports only Node and npm packages.',
          },
        ],
        [noElectron],
      ),
    },
  },
  {
    files: ['sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            group: ['**/electron/**', '**/native/**', '**/renderer/**', '**/tests/**', '**/scripts/**'],
            message: 'The sandbox stands in for an outside system: it imports only protocol/, resources/ and itself.',
          },
        ],
        [noElectron],
      ),
    },
  },
  {
    files: ['scripts/**/*.{mjs,cjs,js,ts}'],
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            group: [
              '**/electron/**',
              '**/native/**',
              '**/renderer/**',
              '**/sandbox/**',
              '**/protocol/**',
              '**/tests/**',
            ],
            message:
              'npm scripts run in plain Node before anything is built: they start app code as a process, never import it.',
          },
        ],
        [
          {
            name: 'electron',
            message: 'npm scripts find the Electron binary on disk (scripts/lib.mjs), never import electron.',
          },
        ],
      ),
    },
  },
  { files: ['tests/unit/**/*.ts'], rules: { 'no-restricted-imports': testRule('integration', 'e2e', 'bench') } },
  { files: ['tests/integration/**/*.ts'], rules: { 'no-restricted-imports': testRule('unit', 'e2e', 'bench') } },
  { files: ['tests/e2e/**/*.ts'], rules: { 'no-restricted-imports': testRule('unit', 'integration', 'bench') } },
  { files: ['tests/bench/**/*.ts'], rules: { 'no-restricted-imports': testRule('unit', 'integration', 'e2e') } },
  {
    // A test's own pool must ignore the "terminating connection" PostgreSQL sends as it stops at
    // the end of a file, or it becomes an uncaught error after every test passed (seen in CI).
    files: ['tests/{unit,integration,e2e,bench}/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.property.name='Pool'], NewExpression[callee.name='Pool']",
          message:
            'Use testPool() from tests/helpers/hall/pg.ts: it ignores errors of idle clients as the server stops.',
        },
      ],
    },
  },
  {
    files: ['tests/helpers/**/*.ts'],
    rules: { 'no-restricted-imports': testRule('unit', 'integration', 'e2e', 'bench') },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/desktop/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/renderer/**', '**/sandbox/**'],
          message: 'The Electron glue does not import the UI or the sandbox.',
        },
      ]),
    },
  },
);
