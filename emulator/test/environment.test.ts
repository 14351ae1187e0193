import { existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { createEmulator, createScriptRunBridge, invokeServerFunction, type Emulator } from '..';
import type { EmulatorState } from '../emulator';
import { LOCK_TIMEOUT } from '../lock';
import { EXECUTION_TIME_EXCEEDED } from '../emulator';

/** A tiny stand-in for dist/Code.js: top-level functions using the services. */
const FAKE_BUNDLE = String.raw`
var runs = 0;
function onOpen(e) {
  SpreadsheetApp.getUi().createMenu('Fiche Client')
    .addItem('Client form', 'showClientForm').addSeparator()
    .addItem('Refresh', 'bump').addToUi();
}
function showClientForm() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>form</p>').setTitle('Fiche client'));
}
function probeGlobals() {
  return {
    require: typeof require, process: typeof process, module: typeof module,
    setTimeout: typeof setTimeout, Buffer: typeof Buffer, globalFetch: typeof fetch,
    services: [typeof SpreadsheetApp, typeof HtmlService, typeof PropertiesService, typeof CacheService,
      typeof LockService, typeof ScriptApp, typeof Session, typeof Utilities, typeof MailApp,
      typeof UrlFetchApp, typeof Logger, typeof console].join(','),
    now: new Date().toISOString(), nowMs: Date.now(), isDate: new Date() instanceof Date,
    explicit: new Date(2026, 0, 2).getFullYear(),
  };
}
function bump() { runs++; return runs; }
function describeEdit(e) {
  return JSON.stringify({ a1: e.range.getA1Notation(), hasValue: 'value' in e, value: e.value,
    hasOld: 'oldValue' in e, oldValue: e.oldValue, auth: String(e.authMode), uid: e.triggerUid || null,
    user: e.user.getEmail(), source: typeof e.source.getId });
}
function onEdit(e) { PropertiesService.getDocumentProperties().setProperty('simple', describeEdit(e)); }
function installedEdit(e) { PropertiesService.getDocumentProperties().setProperty('installed', describeEdit(e)); }
function install() {
  ScriptApp.newTrigger('installedEdit').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
  ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(6).create();
}
function daily(e) {
  MailApp.sendEmail('boss@example.com', 'Daily', 'hour ' + e.hour + ' uid ' + (e.triggerUid ? 'yes' : 'no'));
  try { SpreadsheetApp.getUi(); } catch (err) { Logger.log(err.message); }
}
function increment(useLock) {
  var lock = LockService.getScriptLock();
  if (useLock) lock.waitLock(3000);
  var props = PropertiesService.getScriptProperties();
  var n = Number(props.getProperty('n') || 0);
  props.setProperty('n', String(n + 1));
  return n + 1;
}
function withLock() { var l = LockService.getDocumentLock(); l.waitLock(10000); return l.hasLock(); }
function whoAmI() { return Session.getActiveUser().getEmail(); }
function greet(name, opts) { return { hello: name, n: opts.n, list: opts.list }; }
function returnsDate() { return { d: new Date() }; }
function fails() { throw new Error('Client code 0042 already exists'); }
function secret_() { return 1; }
function templated() {
  var t = HtmlService.createTemplate('<p><?= greet(who, { n: 1 }).hello ?></p>');
  t.who = '<Ann>';
  return t.evaluate().getContent();
}
function fetchRates() { return UrlFetchApp.fetch('https://api.example.com/rates').getContentText(); }
`;

function emulator(): Emulator {
  const emu = createEmulator({
    now: '2026-03-10T15:00:00Z',
    timeZone: 'America/Toronto',
    user: 'ann@example.com',
  });
  emu.loadBundleCode(FAKE_BUNDLE);
  return emu;
}

describe('the vm loader', () => {
  it('gives the bundle the services and the standard builtins only', () => {
    const probe = emulator().run('probeGlobals') as Record<string, unknown>;
    expect(probe).toMatchObject({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      setTimeout: 'undefined',
      Buffer: 'undefined',
      globalFetch: 'undefined',
      services: Array(12).fill('object').join(','),
    });
  });

  it("runs the bundle's Date on the emulated clock", () => {
    const emu = emulator();
    const probe = emu.run('probeGlobals') as Record<string, unknown>;
    expect(probe).toMatchObject({
      now: '2026-03-10T15:00:00.000Z',
      nowMs: Date.parse('2026-03-10T15:00:00Z'),
      isDate: true,
      explicit: 2026,
    });
    emu.clock.advance(60_000);
    expect((emu.run('probeGlobals') as { now: string }).now).toBe('2026-03-10T15:01:00.000Z');
  });

  it('lists top-level functions and starts each execution with fresh globals', () => {
    const emu = emulator();
    const fns = emu.loadBundleCode(FAKE_BUNDLE);
    expect(Object.keys(fns)).toEqual(expect.arrayContaining(['onOpen', 'bump', 'secret_']));
    expect(fns.bump?.()).toBe(1);
    expect(fns.bump?.()).toBe(1);
    expect(() => emu.run('nope')).toThrow('Script function not found: nope');
  });

  it('runs as a given user', () => {
    expect(emulator().runAs('bob@example.com', 'whoAmI')).toBe('bob@example.com');
  });
});

describe('menus, sidebars and simple triggers', () => {
  it('fireOpen runs onOpen, whose menu items can be clicked', () => {
    const emu = emulator();
    const [outcome] = emu.fireOpen();
    expect(outcome?.error).toBeUndefined();
    expect(emu.ui.menuItems().map((i) => i.path)).toEqual([
      'Fiche Client > Client form',
      'Fiche Client > Refresh',
    ]);
    emu.clickMenu('Client form');
    expect(emu.ui.lastSidebar()).toEqual({
      kind: 'sidebar',
      title: 'Fiche client',
      html: '<p>form</p>',
    });
  });
});

describe('edit events', () => {
  it('a single cell: value and oldValue; simple trigger LIMITED, installable FULL with triggerUid', () => {
    const emu = emulator();
    emu.run('install');
    const outcomes = emu.fireEdit({
      range: { sheet: 'Sheet1', a1: 'B2' },
      value: 'Dupont',
      oldValue: 'Dupond',
      user: 'bob@example.com',
    });
    expect(outcomes.map((o) => [o.handler, o.kind, o.error])).toEqual([
      ['onEdit', 'simpleTrigger', undefined],
      ['installedEdit', 'trigger', undefined],
    ]);
    const props = emu.properties.document.data;
    expect(JSON.parse(props.get('simple') ?? '')).toEqual({
      a1: 'B2',
      hasValue: true,
      value: 'Dupont',
      hasOld: true,
      oldValue: 'Dupond',
      auth: 'LIMITED',
      uid: null,
      user: 'bob@example.com',
      source: 'function',
    });
    const installed = JSON.parse(props.get('installed') ?? '') as Record<string, unknown>;
    expect(installed).toMatchObject({ auth: 'FULL', value: 'Dupont' });
    expect(installed.uid).toBe(emu.triggers.triggers[0]?.uid);
  });

  it('a multi-cell paste has neither value nor oldValue', () => {
    const emu = emulator();
    emu.fireEdit({ range: { sheet: 'Sheet1', a1: 'A2:C4' }, oldValue: 'x', value: 'y' });
    expect(JSON.parse(emu.properties.document.data.get('simple') ?? '')).toMatchObject({
      a1: 'A2:C4',
      hasValue: false,
      hasOld: false,
    });
  });

  it('a single cell pasted, filled down, moved or cleared has neither value nor oldValue (GetEditType)', () => {
    const emu = emulator();
    const sheet = emu.globals().SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]!;
    sheet.getRange('B2').setValue('Dupont');
    emu.fireEdit({ range: { sheet: 'Sheet1', a1: 'B2' }, oldValue: 'Dupond', how: 'pasted' });
    expect(JSON.parse(emu.properties.document.data.get('simple') ?? '')).toMatchObject({
      hasValue: false,
      hasOld: false,
    });
    sheet.getRange('B2').setValue('');
    emu.fireEdit({ range: { sheet: 'Sheet1', a1: 'B2' }, oldValue: 'Dupont' });
    expect(JSON.parse(emu.properties.document.data.get('simple') ?? '')).toMatchObject({
      hasValue: false,
      hasOld: false,
    });
  });

  it('accepts a Range object from a test execution', () => {
    const emu = emulator();
    const app = emu.globals().SpreadsheetApp;
    const range = app.getActiveSpreadsheet().getSheets()[0]?.getRange('C3');
    if (!range) throw new Error('no sheet');
    range.setValue('Tremblay');
    emu.fireEdit({ range });
    expect(JSON.parse(emu.properties.document.data.get('simple') ?? '')).toMatchObject({
      a1: 'C3',
      value: 'Tremblay',
      hasOld: false,
    });
  });

  it('building the event costs the handler nothing: only its own calls count', () => {
    const emu = emulator();
    const { calls } = emu.calls.measure(() =>
      emu.fireEdit({ range: { sheet: 'Sheet1', a1: 'B2' } }),
    );
    expect(calls).toEqual({
      'PropertiesService.getDocumentProperties': 1,
      'Properties.setProperty': 1,
      'Range.getA1Notation': 1,
      'User.getEmail': 1,
    });
  });
});

describe('simple trigger restrictions', () => {
  it('a simple onEdit cannot send mail, fetch or make triggers; the installable one can', () => {
    const emu = createEmulator({ now: '2026-03-10T15:00:00Z', user: 'ann@example.com' });
    emu.loadBundleCode(`
      function onEdit(e) { MailApp.sendEmail('a@example.com', 's', 'b'); }
      function onOpen(e) { ScriptApp.getProjectTriggers(); }
      function sidebarOnOpen() {
        SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('x'));
      }
      function fetchIt() { UrlFetchApp.fetch('https://example.com/'); }
      function mailInstalled(e) { MailApp.sendEmail('a@example.com', 's', 'b'); }
      function install() {
        ScriptApp.newTrigger('mailInstalled').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
      }
    `);
    emu.run('install');
    const [simple, installed] = emu.fireEdit({ range: { sheet: 'Sheet1', a1: 'A1' } });
    expect((simple?.error as Error).message).toBe(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(installed?.error).toBeUndefined();
    expect(emu.mails).toHaveLength(1);
    expect((emu.fireOpen()[0]?.error as Error).message).toMatch(
      /^You do not have permission to call ScriptApp.getProjectTriggers\. Required permissions: .*script\.scriptapp$/,
    );
    expect(emu.triggerFailures.map((f) => f.handler)).toEqual(['onEdit', 'onOpen']);
    emu.setUrlFetchHandler(() => ({ status: 200 }));
    expect(() => emu.run('fetchIt')).not.toThrow();
    const limited = emu.execution('ann@example.com', 'simpleTrigger');
    expect(() => limited.run('sidebarOnOpen')).toThrow(
      'You do not have permission to call Ui.showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui',
    );
    limited.end();
    emu.run('sidebarOnOpen');
    expect(emu.ui.lastSidebar()?.html).toBe('x');
  });
});

describe('time-driven triggers', () => {
  it('fire when due, as their owner, without UI, with the clock event fields', () => {
    const emu = emulator();
    emu.run('install');
    expect(emu.fireTimeTriggers()).toEqual([]);
    const outcomes = emu.advanceTo('2026-03-12T12:00:00Z');
    expect(outcomes.map((o) => [o.handler, o.kind, o.error])).toEqual([
      ['daily', 'clock', undefined],
      ['daily', 'clock', undefined],
    ]);
    // 06:00 in Toronto (EDT) is 10:00 UTC; the event fields are in UTC.
    expect(emu.mails.map((m) => [m.to, m.body, m.at.toISOString()])).toEqual([
      [['boss@example.com'], 'hour 10 uid yes', '2026-03-11T10:00:00.000Z'],
      [['boss@example.com'], 'hour 10 uid yes', '2026-03-12T10:00:00.000Z'],
    ]);
    expect(emu.logs.messages()).toEqual([
      'Cannot call SpreadsheetApp.getUi() from this context.',
      'Cannot call SpreadsheetApp.getUi() from this context.',
    ]);
    expect(emu.clock.now().toISOString()).toBe('2026-03-12T12:00:00.000Z');
  });
});

describe('locks between executions', () => {
  it("B waits for A's document lock, times out with the real text, and gets it once A ends", () => {
    const emu = emulator();
    const a = emu.execution('ann@example.com');
    const b = emu.execution('bob@example.com');
    a.globals.LockService.getDocumentLock().waitLock(1000);
    const t0 = emu.clock.millis();
    expect(() => b.run('withLock')).toThrow(LOCK_TIMEOUT);
    expect(emu.clock.millis() - t0).toBe(10_000);
    a.end();
    expect(b.run('withLock')).toBe(true);
    b.end();
    expect(emu.run('withLock')).toBe(true);
  });
});

describe('HtmlService templates in an execution', () => {
  it("scriptlets can call the script's own functions", () => {
    expect(emulator().run('templated')).toBe('<p>&lt;Ann&gt;</p>');
  });
});

describe('interleaving executions at service calls', () => {
  it('without a lock, a second run between read and write loses an update', () => {
    const emu = emulator();
    let second: unknown;
    emu.at('Properties.setProperty', () => {
      second = emu.runAs('bob@example.com', 'increment', false);
    });
    expect(emu.run('increment', false)).toBe(1);
    expect(second).toBe(1);
    expect(emu.properties.script.data.get('n')).toBe('1');
  });

  it('with the script lock, the second run times out while the first holds it', () => {
    const emu = emulator();
    let secondError: unknown;
    emu.at('Properties.setProperty', () => {
      try {
        emu.runAs('bob@example.com', 'increment', true);
      } catch (e) {
        secondError = e;
      }
    });
    expect(emu.run('increment', true)).toBe(1);
    expect((secondError as Error).message).toBe(LOCK_TIMEOUT);
    // Once the first execution has ended, the lock is free again.
    expect(emu.runAs('bob@example.com', 'increment', true)).toBe(2);
  });

  it('picks the n-th matching call of a given execution', () => {
    const emu = emulator();
    const a = emu.execution();
    const seen: string[] = [];
    emu.at(/^Properties\./, () => seen.push('hook'), { occurrence: 2, execution: a });
    emu.run('increment', false); // another execution: ignored
    expect(seen).toEqual([]);
    a.run('increment', false);
    expect(seen).toEqual(['hook']);
    a.end();
  });
});

describe('time limits on the emulated clock', () => {
  it('stops a run past 6 minutes, and a simple trigger past 30 seconds', () => {
    const emu = emulator();
    emu.loadBundleCode(`
      function slow(ms) { Utilities.sleep(ms); Utilities.sleep(ms); return 'done'; }
      function onEdit(e) { Utilities.sleep(20000); Utilities.sleep(20000); }
    `);
    expect(emu.run('slow', 170_000)).toBe('done');
    expect(() => emu.run('slow', 190_000)).toThrow(EXECUTION_TIME_EXCEEDED);
    const [edit] = emu.fireEdit({ range: { sheet: 'Sheet1', a1: 'A1' } });
    expect((edit?.error as Error).message).toBe('Exceeded maximum execution time');
  });
});

describe('UrlFetchApp through the environment', () => {
  it('uses the handler the test sets and records the request', () => {
    const emu = emulator();
    emu.setUrlFetchHandler((req) => ({ status: 200, body: `rates for ${req.method}` }));
    expect(emu.run('fetchRates')).toBe('rates for GET');
    expect(emu.urlFetches.map((r) => r.url)).toEqual(['https://api.example.com/rates']);
  });
});

describe('google.script.run bridge', () => {
  const call = (run: ReturnType<typeof createScriptRunBridge>, name: string, ...args: unknown[]) =>
    new Promise<{ ok: boolean; value: unknown; user: unknown }>((resolve) => {
      const fn = run
        .withSuccessHandler((value, user) => resolve({ ok: true, value, user }))
        .withFailureHandler((error, user) => resolve({ ok: false, value: error, user }))
        .withUserObject('ctx')[name] as (...a: unknown[]) => void;
      fn(...args);
    });

  it('calls asynchronously, copies arguments and results', async () => {
    const run = createScriptRunBridge(emulator());
    let done = false;
    const p = call(run, 'greet', 'Ann', { n: 2, list: [1, undefined, 'x'], skip: undefined }).then(
      (r) => {
        done = true;
        return r;
      },
    );
    expect(done).toBe(false);
    expect(await p).toEqual({
      ok: true,
      value: { hello: 'Ann', n: 2, list: [1, null, 'x'] },
      user: 'ctx',
    });
  });

  it('a Date in the result gives null; a Date argument fails in the page', async () => {
    const run = createScriptRunBridge(emulator());
    expect((await call(run, 'returnsDate')).value).toBeNull();
    expect(() => (run.greet as (...a: unknown[]) => void)('Ann', { when: new Date() })).toThrow(
      'Failed due to illegal value in property: when',
    );
  });

  it('server exceptions reach the failure handler as Errors; private and unknown functions are absent', async () => {
    const run = createScriptRunBridge(emulator());
    const r = await call(run, 'fails');
    expect(r.ok).toBe(false);
    expect(r.value).toBeInstanceOf(Error);
    expect((r.value as Error).message).toBe('Client code 0042 already exists');
    expect(r.user).toBe('ctx');
    expect(run.secret_).toBeUndefined();
    expect(run.nope).toBeUndefined();
    expect('greet' in run).toBe(true);
  });
});

describe('invokeServerFunction (for a preview server)', () => {
  it('answers with plain data: value, or error name and message', () => {
    const emu = emulator();
    expect(invokeServerFunction(emu, 'greet', ['Ann', { n: 1, list: [] }])).toEqual({
      ok: true,
      value: { hello: 'Ann', n: 1, list: [] },
    });
    expect(invokeServerFunction(emu, 'fails', [])).toEqual({
      ok: false,
      error: { name: 'Error', message: 'Client code 0042 already exists' },
    });
    expect(invokeServerFunction(emu, 'secret_', [])).toMatchObject({
      ok: false,
      error: { name: 'TypeError' },
    });
    expect(invokeServerFunction(emu, 'returnsDate', [])).toEqual({ ok: true, value: null });
    expect(invokeServerFunction(emu, 'whoAmI', [], 'bob@example.com')).toEqual({
      ok: true,
      value: 'bob@example.com',
    });
  });
});

describe('saved state', () => {
  it('keeps workbook, properties, triggers and clock across a JSON round trip', () => {
    const emu = emulator();
    emu.run('install');
    const app = emu.globals().SpreadsheetApp;
    app.getActiveSpreadsheet().getSheets()[0]?.getRange('A1').setValue('Dupont');
    emu.globals().PropertiesService.getDocumentProperties().setProperty('setup', 'done');
    emu.globals('bob@example.com').PropertiesService.getUserProperties().setProperty('lang', 'fr');
    const saved = JSON.parse(JSON.stringify(emu.exportState())) as ReturnType<
      Emulator['exportState']
    >;
    const again = createEmulator({ state: saved, user: 'ann@example.com' });
    again.loadBundleCode(FAKE_BUNDLE);
    expect(again.clock.now().toISOString()).toBe('2026-03-10T15:00:00.000Z');
    expect(again.properties.document.data.get('setup')).toBe('done');
    expect(again.properties.user('bob@example.com').data.get('lang')).toBe('fr');
    expect(again.triggers.triggers.map((t) => t.handler)).toEqual(['installedEdit', 'daily']);
    const app2 = again.globals().SpreadsheetApp;
    expect(app2.getActiveSpreadsheet().getSheets()[0]?.getRange('A1').getDisplayValue()).toBe(
      'Dupont',
    );
    again.run('install');
    expect(new Set(again.triggers.triggers.map((t) => t.uid)).size).toBe(4);
    expect(again.advanceTo('2026-03-11T11:00:00Z').map((o) => o.handler)).toEqual([
      'daily',
      'daily',
    ]);
  });
});

describe('snapshots', () => {
  /** A workbook with what a sheet can carry: values, formats, validations, rules, protections. */
  function busyEmulator() {
    const emu = emulator();
    emu.run('install');
    const ss = emu.globals().SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheets()[0]!;
    sheet.getRange('A2:A1000').setNumberFormat('@');
    sheet.getRange('A1:C2').setValues([
      ['Code', 'Date', 'Montant'],
      ['0042', '2026-03-01', 12.5],
    ]);
    sheet.getRange('C2:C1000').setNumberFormat('0.00');
    sheet
      .getRange('B2:B1000')
      .setDataValidation(
        emu.globals().SpreadsheetApp.newDataValidation().requireValueInList(['a', 'b']).build(),
      );
    sheet.setFrozenRows(1);
    sheet.hideRows(5);
    sheet.getRange('A1').setNote('clé');
    sheet.getRange('A1:C1').setBackground('#eeeeee');
    sheet.protect().setDescription('en-têtes');
    const other = ss.insertSheet('Autre');
    other.getRange('A1').setFormula('=1+1');
    other.setConditionalFormatRules([
      emu
        .globals()
        .SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied('=A1="x"')
        .setBackground('#ff0000')
        .setRanges([other.getRange('A1:A10')])
        .build(),
    ]);
    emu.globals().PropertiesService.getDocumentProperties().setProperty('setup', 'done');
    return emu;
  }

  it('a snapshot restores what its JSON restores', () => {
    const emu = busyEmulator();
    const viaJson = createEmulator({ state: JSON.parse(JSON.stringify(emu.exportState())) });
    const viaSnapshot = createEmulator({ state: emu.snapshot() });
    expect(viaSnapshot.exportState()).toEqual(viaJson.exportState());
    expect(viaSnapshot.spreadsheet.toJSON().sheets[0]!.cells['2,2']!.dv).toBeDefined();
  });

  it('restores share nothing with each other or with the snapshot', () => {
    const snapshot = busyEmulator().snapshot();
    const before = JSON.stringify(snapshot.state);
    const a = createEmulator({ state: snapshot });
    const sheet = a.globals().SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]!;
    sheet.getRange('A2').setValue('changed');
    sheet.getRange('B2:B3').setDataValidation(null);
    sheet.insertRowBefore(1);
    a.globals().PropertiesService.getDocumentProperties().setProperty('setup', 'again');
    const b = createEmulator({ state: snapshot });
    const sheetB = b.globals().SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]!;
    expect(sheetB.getRange('A2').getValue()).toBe('0042');
    expect(sheetB.getRange('B2').getDataValidation()).not.toBeNull();
    expect(b.properties.document.data.get('setup')).toBe('done');
    expect(JSON.stringify(snapshot.state)).toBe(before);
  });

  // The live sheets, the snapshot and its restores share cells and rows, frozen, each copying on
  // its first write: any sequence of edits in one must show in none of the others.
  type Edit =
    | { op: 'value' | 'format' | 'background' | 'clear' | 'noValidation'; row: number; col: number }
    | { op: 'insertRow' | 'deleteRow'; row: number }
    | { op: 'insertCol' | 'deleteCol'; col: number }
    | { op: 'moveCol'; col: number; to: number };
  const cell = { row: fc.integer({ min: 1, max: 6 }), col: fc.integer({ min: 1, max: 4 }) };
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({
      op: fc.constantFrom('value', 'format', 'background', 'clear', 'noValidation'),
      ...cell,
    }),
    fc.record({ op: fc.constantFrom('insertRow', 'deleteRow'), row: cell.row }),
    fc.record({ op: fc.constantFrom('insertCol', 'deleteCol'), col: cell.col }),
    fc.record({ op: fc.constant('moveCol'), col: cell.col, to: cell.col }),
  );
  function apply(emu: Emulator, edits: readonly Edit[]): void {
    const sheet = emu.globals().SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]!;
    edits.forEach((e, i) => {
      switch (e.op) {
        case 'insertRow':
          return void sheet.insertRowBefore(e.row);
        case 'deleteRow':
          return void sheet.deleteRow(e.row);
        case 'insertCol':
          return void sheet.insertColumnBefore(e.col);
        case 'deleteCol':
          return void sheet.deleteColumn(e.col);
        case 'moveCol':
          // The model's move (moveColumnByHand would also fire the triggers of a bundle).
          return void emu.spreadsheet.sheetByName(sheet.getName())!.moveCol(e.col, e.to);
      }
      const range = sheet.getRange(e.row, e.col, 2, 1);
      if (e.op === 'value') range.setValues([[`v${i}`], [i]]);
      else if (e.op === 'format') range.setNumberFormat('0.0');
      else if (e.op === 'background') range.setBackground('#00ff00');
      else if (e.op === 'clear') range.clear();
      else range.setDataValidation(null);
    });
  }
  const stateOf = (emu: Emulator) => JSON.stringify(emu.exportState().spreadsheet);

  it('property: edits in the live sheets or in a restore reach no other copy', () => {
    fc.assert(
      fc.property(
        fc.array(edit, { maxLength: 8 }),
        fc.array(edit, { maxLength: 8 }),
        (mine, theirs) => {
          const live = busyEmulator();
          const json = JSON.stringify(live.exportState());
          const snapshot = live.snapshot();
          const a = createEmulator({ state: snapshot });
          apply(live, mine);
          apply(a, theirs);
          const b = createEmulator({ state: snapshot });
          // Each as the same edits on its own copy from JSON.
          for (const [emu, edits] of [
            [live, mine],
            [a, theirs],
            [b, []],
          ] as const) {
            const alone = createEmulator({ state: JSON.parse(json) as EmulatorState });
            apply(alone, edits);
            expect(stateOf(emu)).toBe(stateOf(alone));
          }
          expect(JSON.stringify(snapshot.state.spreadsheet)).toBe(
            JSON.stringify(JSON.parse(json).spreadsheet),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the real bundle', () => {
  const dist = path.resolve(__dirname, '../../dist/Code.js');
  (existsSync(dist) ? it : it.skip)('dist/Code.js loads in the vm and exposes onOpen', () => {
    const emu = createEmulator({ now: '2026-03-10T15:00:00Z' });
    const fns = emu.loadBundle(dist);
    expect(typeof fns.onOpen).toBe('function');
    expect(emu.functionNames()).toContain('onOpen');
    const [open] = emu.fireOpen();
    expect(open?.error).toBeUndefined();
    expect(emu.ui.menuItems().length).toBeGreaterThan(0);
  });
});
