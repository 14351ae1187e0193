/**
 * emulator/FIDELITY.md, generated: for every Apps Script method the product calls (the kinds a
 * run of test/integration/scopes.test.ts called, which exercises every entry point), its
 * reference page, what the emulator does, the scopes it needs (scopes.ts), the Google limits that
 * apply (/work/wt/limits.md figures, with its row numbers) and the emulator tests that call it.
 * `UPDATE_FIDELITY=1 npx jest test/integration/scopes.test.ts` rewrites the file; the test fails
 * while the file and the run disagree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { methodRow, unconfirmed } from './scopes';

interface Note {
  /** What the emulator does for the method (the class's note when a method has none). */
  does: string;
  /** Google's limits on the call, short ('' = none known). */
  limits?: string;
}

const SHEET_LIMITS = '10M cells per workbook (1a); 50,000 chars per cell (12); 18,278 columns (1b)';

/** By class, then by "Class.method" for what differs. */
const NOTES: Record<string, Note> = {
  SpreadsheetApp: {
    does: 'the execution’s workbook held in memory (spreadsheet/): the bound one, or one added with addWorkbook',
  },
  'SpreadsheetApp.getUi': {
    does: 'the emulated Ui; throws "Cannot call SpreadsheetApp.getUi() from this context." in clock triggers',
  },
  'SpreadsheetApp.flush': { does: 'no-op: writes are applied at once' },
  'SpreadsheetApp.newDataValidation': { does: 'a builder whose rule is stored on the cells' },
  'SpreadsheetApp.newConditionalFormatRule': {
    does: 'a builder whose rule is stored on the sheet',
  },
  Spreadsheet: { does: 'the in-memory workbook: sheets, locale, time zone, active range' },
  'Spreadsheet.toast': { does: 'recorded in emu.toasts' },
  'Spreadsheet.insertSheet': { does: 'adds a 1000 × 26 sheet', limits: SHEET_LIMITS },
  'Spreadsheet.getUrl': { does: 'a fixed docs.google.com URL' },
  Sheet: { does: 'the in-memory grid: size, frozen rows, protections, format rules' },
  'Sheet.insertColumnsAfter': { does: 'grows the grid', limits: SHEET_LIMITS },
  'Sheet.getSheetValues': { does: 'typed values, as Range.getValues' },
  Range: { does: 'reads and writes the in-memory grid with Sheets’ value types' },
  'Range.getValues': { does: 'typed values (Date, number, boolean, string); counts cells read' },
  'Range.getFormulas': { does: 'formula text; counts cells read' },
  'Range.setValues': {
    does: 'writes typed values, parses text as Sheets does; counts cells written',
    limits: SHEET_LIMITS,
  },
  'Range.setValue': { does: 'as setValues for one cell', limits: SHEET_LIMITS },
  'Range.setNote': { does: 'stored per cell' },
  'Range.setDataValidation': { does: 'stored per cell; checkbox and list rules enforced on write' },
  'Range.protect': { does: 'a stored protection (not enforced against other users)' },
  'Range.setBackground': { does: 'stored per cell (format only)' },
  'Range.setFontStyle': { does: 'stored per cell (format only)' },
  'Range.setFontWeight': { does: 'stored per cell (format only)' },
  'Range.setNumberFormat': { does: 'stored; display values follow it' },
  'Range.createTextFinder': { does: 'a TextFinder over the range (textFinder.ts)' },
  'Sheet.createTextFinder': { does: 'a TextFinder over the whole sheet (textFinder.ts)' },
  TextFinder: {
    does: 'matches displayed values, case-insensitive and partial unless told; rows then columns',
  },
  Protection: { does: 'stored on the sheet (not enforced against other users)' },
  DataValidationBuilder: { does: 'builds the stored rule' },
  ConditionalFormatRuleBuilder: { does: 'builds the stored rule (not evaluated)' },
  Ui: { does: 'recorded in emu.ui (menus, sidebars, dialogs, alerts, prompts)' },
  'Ui.alert': { does: 'recorded; answered from emu.ui.answerNextAlert, else the first button' },
  'Ui.prompt': { does: 'recorded; answered from emu.ui.answerNextPrompt, else closed' },
  'Ui.showSidebar': { does: 'recorded with its HTML; refused in simple triggers (permissions.ts)' },
  'Ui.showModalDialog': {
    does: 'recorded with its HTML and size; refused in simple triggers (permissions.ts)',
  },
  PromptResponse: { does: 'the queued answer' },
  Menu: { does: 'recorded in emu.ui.menus; clickMenu runs an item' },
  HtmlService: { does: 'HTML from a string or a dist/ file (createHtmlOutputFromFile)' },
  HtmlOutput: { does: 'holds the HTML, title and size', limits: 'output size: none published (9)' },
  Session: { does: 'the execution’s active / effective user, script time zone' },
  User: { does: 'the e-mail of the execution’s user' },
  PropertiesService: { does: 'document, script and per-user stores, kept in emu.properties' },
  Properties: {
    does: 'string key-value store; exportState keeps it',
    limits:
      '9 KB per value, 500 KB per store (2a, 2b; emulated); 50,000 / 500,000 calls a day (2d)',
  },
  LockService: { does: 'document, script and user locks in a lock table shared by executions' },
  Lock: {
    does: 'held per execution, released at its end; a busy lock waits on the emulated clock',
    limits: 'waitLock: "Lock timeout: another process was holding the lock for too long." (10a)',
  },
  ScriptApp: {
    does: 'installed triggers in emu.triggers, owned by the effective user',
    limits: '20 triggers per user per script (4; emulated)',
  },
  'ScriptApp.getProjectTriggers': { does: 'the current user’s triggers only, as in Apps Script' },
  'ScriptApp.getUserTriggers': {
    does: 'the current user’s triggers of that workbook; its clock triggers too behind a switch (the reference is silent)',
  },
  TriggerBuilder: { does: 'starts a clock or spreadsheet trigger' },
  ClockTriggerBuilder: { does: 'a time-driven trigger fired by advanceTo / fireTimeTriggers' },
  SpreadsheetTriggerBuilder: {
    does: 'an installable spreadsheet trigger fired by fireEdit / fireOpen',
  },
  MailApp: {
    does: 'mails recorded in emu.mails; recipients counted against the daily quota',
    limits: '100 / 1,500 recipients a day (5a; emulated); 50 recipients per message (5b)',
  },
  'MailApp.getRemainingDailyQuota': { does: 'the recipients left in the user’s 24 h window' },
  'MailApp.sendEmail': {
    does: 'recorded in emu.mails; over quota: "Service invoked too many times for one day: email."',
    limits:
      '100 / 1,500 recipients a day (5a; emulated); 50 per message (5b); body 200 / 400 KB (5c)',
  },
  UrlFetchApp: {
    does: 'requests recorded in emu.urlFetches, answered by the test’s handler (setUrlFetchHandler)',
    limits: '20,000 / 100,000 calls a day (6a); URL 2 KB (6d); payload and response 50 MB (6b, 6c)',
  },
  HTTPResponse: { does: 'the handler’s reply: status, text, headers' },
  Utilities: { does: 'computed locally (Node)' },
  Blob: { does: 'bytes and content type held in memory' },
  BooleanCondition: { does: 'reads back the stored rule’s condition' },
  ConditionalFormatRule: { does: 'the stored rule (not evaluated)' },
  DataValidation: { does: 'the stored rule' },
  Selection: { does: 'the active range and sheet of the in-memory workbook' },
  Trigger: { does: 'a stored trigger: handler, source, type, unique id' },
  CacheService: { does: 'document, script and user caches with expiry on the emulated clock' },
  Cache: {
    does: 'entries expire on the emulated clock (not evicted early)',
    limits: '100 KB per value, 250-char keys (3a, 3b; emulated); 6 h max expiry (3c)',
  },
  Logger: { does: 'recorded in emu.logs' },
  console: { does: 'recorded in emu.logs' },
};

function noteOf(kind: string): Note {
  const cls = kind.split('.')[0]!;
  const own = NOTES[kind];
  const base = NOTES[cls];
  if (!own && !base) throw new Error(`emulator/fidelity.ts: no note for ${kind} or ${cls}`);
  return { does: own?.does ?? base!.does, limits: own?.limits ?? base?.limits ?? '' };
}

const SHORT_SCOPE = (s: string) => s.replace('https://www.googleapis.com/auth/', '');

/** Emulator test files that call `.method(`, relative to the repository. */
function testsCalling(method: string, tests: { file: string; text: string }[]): string[] {
  return tests.filter((t) => t.text.includes(`.${method}(`)).map((t) => t.file);
}

function emulatorTests(): { file: string; text: string }[] {
  const dir = path.join(__dirname, 'test');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => ({ file: `emulator/test/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }));
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function fidelityMarkdown(kinds: readonly string[]): string {
  const tests = emulatorTests();
  const sorted = [...kinds].sort();
  const lines = [
    '# Fidelity table: the Apps Script methods the product calls',
    '',
    'Generated by `emulator/fidelity.ts` from a run of `test/integration/scopes.test.ts`, which',
    'starts every entry point of the bundle (menus, triggers, google.script.run calls) on a',
    'workbook with data under the shipped manifest. Do not edit by hand: change the notes in',
    '`emulator/fidelity.ts` or the scopes in `emulator/scopes.ts`, then run',
    '`npm run build && UPDATE_FIDELITY=1 npx jest test/integration/scopes.test.ts`. The test fails',
    'when the product calls a method missing here (and a counted call of a method missing from',
    '`emulator/scopes.ts` throws in every test).',
    '',
    '- **Scopes**: any one suffices (Authorization section of the reference page); `none`: free.',
    '  ⚠ = not confirmed from the reference page (see the list below); where unsure, the scope is',
    '  required (the stricter choice).',
    '  Enforced when the manifest lists `oauthScopes`: "Specified permissions are not sufficient',
    '  to call Class.method. Required permissions: …" (emulator/scopes.ts).',
    '- **Limits**: Google’s figures (consumer / Workspace) with the row of the limits research;',
    '  "emulated" where the emulator enforces it.',
    '- **Tests**: emulator test files containing `.method(` (a name match: a method of the same',
    '  name on another class counts too); every row is also held by',
    '  `test/integration/scopes.test.ts` (scopes, entry points).',
    '',
    '| Method | Reference | What the emulator does | Scopes | Limits | Tests |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const uncertain: string[] = [];
  for (const kind of sorted) {
    const row = methodRow(kind);
    if (!row) throw new Error(`emulator/fidelity.ts: ${kind} is not in emulator/scopes.ts`);
    const note = noteOf(kind);
    const why = unconfirmed(kind);
    if (why) uncertain.push(`- \`${kind}\`: ${why}.`);
    const scopes =
      (row.scopes.length === 0 ? 'none' : row.scopes.map(SHORT_SCOPE).join(' or ')) +
      (why ? ' ⚠' : '');
    const method = kind.split('.')[1]!;
    const held = testsCalling(method, tests);
    lines.push(
      `| \`${kind}\` | [doc](${row.doc}) | ${cell(note.does)} | ${scopes} | ${cell(note.limits || '—')} | ${held.length > 0 ? held.map((f) => path.basename(f)).join(', ') : '—'} |`,
    );
  }
  lines.push(
    '',
    'Limits that apply to every execution: 6 min per run, 30 s for a simple trigger (7a, 7b;',
    'emulated on the emulated clock); 30 simultaneous executions per user (11a).',
    '',
    '## Scope rows not confirmed from the reference',
    '',
    ...(uncertain.length > 0 ? uncertain : ['(none)']),
    '',
  );
  return lines.join('\n');
}

/** The kinds a FIDELITY.md lists. */
export function fidelityKindsOf(markdown: string): string[] {
  return [...markdown.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
}
