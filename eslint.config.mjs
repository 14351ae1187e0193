// ESLint flat config: typescript-eslint's recommended rules over every TypeScript file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
