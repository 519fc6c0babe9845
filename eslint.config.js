import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from './tools/eslint-module-boundaries.js';

const INTO_FEATURE = { regex: '^(\\.\\./)+features/[^/]+/.+', message: 'Import a feature through its index: `../features/<feature>`.' };
const WEB_PATTERNS = [{ group: ['@wutong/db', '@wutong/db/*'], message: 'The web app speaks to the API only.' }];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'artifacts/**', 'data/**', 'packages/db/migrations/**', 'bench/.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Routes and services never touch tables: only repositories import the database package,
    // and every repository function takes the request context that carries the data scope.
    files: ['apps/api/src/**/*.routes.ts', 'apps/api/src/**/*.service.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@wutong/db', message: 'Query through the module repository, which applies the data scope.' }] }],
    },
  },
  {
    // A module is used through its public face (index.ts), and its code touches its own tables:
    // another module's data is read through that module's service or published view.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'apps/api/src/testing/**', 'apps/api/src/modules/*/testing/**'],
    plugins: { wutong: boundaries },
    rules: { 'wutong/public-face': 'error', 'wutong/own-tables': 'error' },
  },
  {
    // The web app speaks to the API only.
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: WEB_PATTERNS }] },
  },
  {
    // A web feature is sealed behind its index.ts: other features import `../<feature>`, never a
    // file inside it (nor its stylesheets); the shell and shared/ import `../features/<feature>`.
    files: ['apps/web/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...WEB_PATTERNS, { regex: '^\\.\\./(?!\\.\\.)[^/]+/.+', message: 'Import another feature through its index: `../<feature>`.' }] },
      ],
    },
  },
  {
    files: ['apps/web/src/app/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...WEB_PATTERNS, INTO_FEATURE] }] },
  },
  {
    // shared/ serves the features and the shell; it does not lean on the shell
    files: ['apps/web/src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...WEB_PATTERNS, INTO_FEATURE, { regex: '^\\.\\./app(/|$)', message: 'shared/ does not import the app shell.' }] }],
    },
  },
);
