// ESLint flat config: typescript-eslint's recommended rules over every TypeScript file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { readdirSync } from 'node:fs';

/**
 * Layers that point one way (docs/ARCHITECTURE.md): contract and shared schemas → domain →
 * server core (src/server/platform: errors, attempts, lock, pages, mail, messages, settings) →
 * the workbook layer (src/server/workbook) → features (every other folder of src/server) →
 * entries (src/server/index.ts). A module imports only from its own layer or below; features
 * may use each other. The feature list is read from the tree, so a new folder is a feature.
 */
const SERVER_LAYERS = ['platform', 'workbook'];
const FEATURES = readdirSync(new URL('./src/server', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !SERVER_LAYERS.includes(d.name))
  .map((d) => d.name);
const above = (folders, message) => ({
  group: folders.flatMap((f) => [`../${f}`, `../${f}/**`, `../../${f}`, `../../${f}/**`]),
  message,
});
const entriesRegistry = {
  group: ['**/server/index', '../index', '../../index', './index'],
  message: 'src/server/index.ts is the entry registry: nothing imports it (types: shared/formApi).',
};
const layerRule = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

/** Apps Script's server-side globals (https://developers.google.com/apps-script/reference). */
const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp',
  'HtmlService',
  'LockService',
  'PropertiesService',
  'CacheService',
  'ScriptApp',
  'Session',
  'Utilities',
  'MailApp',
  'UrlFetchApp',
  'Logger',
  'DriveApp',
  'GmailApp',
];

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'artifacts/**', '.preview/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // CommonJS files (jest's config, setup and reporter) load with require by nature.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Server code runs in Apps Script: no Node globals, no eval.
    files: ['src/server/**/*.ts', 'src/domain/**/*.ts', 'src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', 'process', 'require', 'module', 'setTimeout', 'Buffer'],
    },
  },
  {
    // src/ is what ships: the emulator stands beside it, for tests, the preview and the bench.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/emulator', '**/emulator/**'], message: 'src/ never uses the emulator.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: layerRule([
      {
        group: ['**/server', '**/server/**', '**/sidebar', '**/sidebar/**'],
        message: 'src/domain is pure rules: it imports only src/shared and itself.',
      },
    ]),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: layerRule([
      {
        group: ['**/server', '**/server/**', '**/sidebar', '**/sidebar/**'],
        allowTypeImports: true,
        message: 'src/shared is below the server and the sidebar (types excepted).',
      },
    ]),
  },
  {
    files: ['src/server/platform/**/*.ts'],
    rules: layerRule([
      above(
        ['workbook', ...FEATURES],
        'The server core (platform/) is below the workbook layer and the features: move the code down, or the import up.',
      ),
      entriesRegistry,
    ]),
  },
  {
    files: ['src/server/workbook/**/*.ts'],
    rules: layerRule([
      above(
        FEATURES,
        'The workbook layer is below the features: move the code down, or the import up.',
      ),
      entriesRegistry,
    ]),
  },
  {
    files: FEATURES.map((f) => `src/server/${f}/**/*.ts`),
    rules: layerRule([entriesRegistry]),
  },
  {
    files: ['src/sidebar/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The sidebar sees the server's types (ServerApi) but runs in the browser: no Apps Script
      // global exists there, and no server module may be bundled into it.
      'no-restricted-globals': ['error', ...APPS_SCRIPT_GLOBALS],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../server', '../server/**', '../../server', '../../server/**'],
              allowTypeImports: true,
              message: 'The sidebar reaches the server only through callServer (types only).',
            },
          ],
        },
      ],
      // User text is data: never HTML in the sidebar.
      'no-restricted-properties': [
        'error',
        {
          property: 'innerHTML',
          message: 'Use textContent or DOM nodes: user text is never HTML.',
        },
        {
          property: 'outerHTML',
          message: 'Use textContent or DOM nodes: user text is never HTML.',
        },
        { property: 'insertAdjacentHTML', message: 'Use DOM nodes: user text is never HTML.' },
      ],
    },
  },
);
