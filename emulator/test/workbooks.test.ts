/**
 * The emulator’s side of decision 011: a copy of the bound spreadsheet (File › Make a copy), onOpen
 * in each authorization mode with what AuthMode.NONE refuses, and one project running in two
 * workbooks of the same person (an add-on), whose getUserTriggers(spreadsheet) tells them apart.
 */
import { createEmulator, type Emulator } from '../index';

const BUNDLE = `
function setUp() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  PropertiesService.getDocumentProperties().setProperty('id', ss.getId());
  PropertiesService.getScriptProperties().setProperty('script', 'kept');
  PropertiesService.getUserProperties().setProperty('mine', 'yes');
  CacheService.getDocumentCache().put('cached', 'here', 600);
  ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
  ScriptApp.newTrigger('edited').forSpreadsheet(ss).onEdit().create();
  return ss.getId();
}
function read() {
  var p = PropertiesService;
  return {
    id: SpreadsheetApp.getActiveSpreadsheet().getId(),
    doc: p.getDocumentProperties().getProperty('id'),
    script: p.getScriptProperties().getProperty('script'),
    user: p.getUserProperties().getProperty('mine'),
    cached: CacheService.getDocumentCache().get('cached'),
    mine: ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()).map(function (t) {
      return t.getHandlerFunction();
    }).sort(),
    project: ScriptApp.getProjectTriggers().length,
  };
}
function tick(e) {
  var p = PropertiesService.getDocumentProperties();
  p.setProperty('ticks', String(Number(p.getProperty('ticks') || 0) + 1));
  p.setProperty('tickedIn', SpreadsheetApp.getActiveSpreadsheet().getId());
}
function edited(e) {
  PropertiesService.getDocumentProperties().setProperty('edited', e.source.getId());
}
var seen = [];
function onOpen(e) {
  var mode = e && e.authMode;
  var ui = SpreadsheetApp.getUi();
  ui.createMenu('M').addItem(Session.getActiveUserLocale(), 'read').addToUi();
  var out = { mode: String(mode), none: mode === ScriptApp.AuthMode.NONE, source: !!(e && e.source) };
  var tries = {
    props: function () { return PropertiesService.getDocumentProperties(); },
    sheet: function () { return SpreadsheetApp.getActiveSpreadsheet(); },
    user: function () { return Session.getActiveUser().getEmail(); },
    cache: function () { return CacheService.getDocumentCache(); },
    lock: function () { return LockService.getDocumentLock(); },
    triggers: function () { return ScriptApp.getProjectTriggers(); },
    alert: function () { return ui.alert('hello'); },
  };
  out.refused = Object.keys(tries).filter(function (k) {
    try { tries[k](); return false; } catch (err) { out[k] = String(err.message); return true; }
  });
  out.utilities = Utilities.formatDate(new Date(0), 'UTC', 'yyyy');
  Logger.log('opened');
  PropertiesService; // a bare reference is not a call
  return out;
}
`;

function loaded(opts: { clock?: boolean } = {}): Emulator {
  const emu = createEmulator({
    now: '2026-11-15T12:00:00-05:00',
    clockTriggersInUserTriggers: opts.clock ?? false,
  });
  emu.loadBundleCode(BUNDLE);
  return emu;
}

describe('copySpreadsheet: File › Make a copy of the bound spreadsheet', () => {
  it('has a new id, the same sheets and values, no triggers; document properties travel by default', () => {
    const emu = loaded();
    emu.spreadsheet.seed('Sheet1', [['a', 1]], 'A1');
    emu.run('setUp');
    expect(emu.triggers.triggers).toHaveLength(2);
    emu.clock.set('2026-11-20T09:00:00Z');

    const copy = emu.copySpreadsheet({ user: 'bob@example.com' });
    expect(copy.spreadsheet.id).not.toBe(emu.spreadsheet.id);
    expect(copy.spreadsheet.values('Sheet1')).toEqual([['a', 1]]);
    expect(copy.triggers.triggers).toEqual([]);
    expect(copy.clock.now().toISOString()).toBe('2026-11-20T09:00:00.000Z');
    const seen = copy.run('read') as Record<string, unknown>;
    expect(seen).toMatchObject({
      id: copy.spreadsheet.id,
      doc: emu.spreadsheet.id, // what the original wrote, now in the copy
      script: 'kept',
      user: null, // a new project: nobody's user properties
      cached: null, // a new document: its own cache
      mine: [],
      project: 0,
    });
    // The copy runs as Bob by default; the original is untouched by what happens in the copy.
    copy.run('setUp');
    expect(copy.triggers.triggers.map((t) => t.owner)).toEqual([
      'bob@example.com',
      'bob@example.com',
    ]);
    expect(emu.triggers.triggers.map((t) => t.owner)).toEqual([emu.user, emu.user]);
    expect((emu.run('read') as Record<string, unknown>).doc).toBe(emu.spreadsheet.id);
  });

  it("can drop the document's properties (the other world)", () => {
    const emu = loaded();
    emu.run('setUp');
    const copy = emu.copySpreadsheet({ documentProperties: 'drop' });
    expect(copy.run('read')).toMatchObject({ doc: null, script: 'kept' });
  });

  it('a copy of an edited sheet does not share cells with the original', () => {
    const emu = loaded();
    emu.spreadsheet.seed('Sheet1', [['before']], 'A1');
    const copy = emu.copySpreadsheet();
    copy.spreadsheet.seed('Sheet1', [['after']], 'A1');
    expect(emu.spreadsheet.values('Sheet1')).toEqual([['before']]);
  });
});

describe('onOpen and its e.authMode', () => {
  const refusedInNone = ['props', 'sheet', 'user', 'cache', 'lock', 'triggers', 'alert'];

  it('NONE: the menu and the locale only; everything that needs authorization refused', () => {
    const emu = loaded();
    const [outcome] = emu.fireOpen(emu.user, { authMode: 'NONE' });
    expect(outcome!.error).toBeUndefined();
    const out = outcome!.result as Record<string, unknown>;
    expect(out).toMatchObject({ mode: 'NONE', none: true, source: false, utilities: '1970' });
    expect(out.refused).toEqual(refusedInNone);
    expect(out.props).toBe(
      'You do not have permission to call PropertiesService.getDocumentProperties.',
    );
    expect(out.sheet).toBe(
      'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: https://www.googleapis.com/auth/spreadsheets.currentonly https://www.googleapis.com/auth/spreadsheets',
    );
    expect(out.user).toContain('Session.getActiveUser');
    // The menu was added, labelled with the user's locale.
    expect(emu.ui.menuItems()).toEqual([{ path: 'M > en_US', functionName: 'read' }]);
    expect(emu.logs.entries.map((e) => e.message)).toContain('opened');
  });

  it('LIMITED (a bound script, the default): the document and properties, not triggers', () => {
    const emu = loaded();
    const out = emu.fireOpen()[0]!.result as Record<string, unknown>;
    expect(out).toMatchObject({ mode: 'LIMITED', none: false, source: true });
    expect(out.refused).toEqual(['triggers']);
  });

  it('FULL (as onInstall calls it): nothing refused', () => {
    const emu = loaded();
    const out = emu.fireOpen(emu.user, { authMode: 'FULL' })[0]!.result as Record<string, unknown>;
    expect(out).toMatchObject({ mode: 'FULL', source: true, refused: [] });
  });
});

describe('one project in two workbooks of the same person (an add-on)', () => {
  function twoWorkbooks(clock: boolean) {
    const emu = loaded({ clock });
    const other = emu.addWorkbook();
    const inOther = (name: string) =>
      emu.runIn(emu.execution(emu.user, 'editor', emu.user, { spreadsheetId: other.id }), name, []);
    emu.run('setUp');
    inOther('setUp');
    return { emu, other, inOther };
  }

  it('getUserTriggers(spreadsheet) lists only that workbook’s triggers; getProjectTriggers all', () => {
    const { emu, other, inOther } = twoWorkbooks(false);
    const first = emu.run('read') as Record<string, unknown>;
    const second = inOther('read') as Record<string, unknown>;
    expect(first).toMatchObject({
      id: emu.spreadsheet.id,
      doc: emu.spreadsheet.id,
      mine: ['edited'],
    });
    expect(second).toMatchObject({ id: other.id, doc: other.id, mine: ['edited'] });
    expect(first.project).toBe(4);
    // Script and user properties are the project's: shared.
    expect(second).toMatchObject({ script: 'kept', user: 'yes' });
  });

  it('with clock triggers counted as the workbook’s, each lists its own hourly one too', () => {
    const { emu, inOther } = twoWorkbooks(true);
    expect((emu.run('read') as Record<string, unknown>).mine).toEqual(['edited', 'tick']);
    expect((inOther('read') as Record<string, unknown>).mine).toEqual(['edited', 'tick']);
  });

  it('each trigger runs in its own workbook: clock and edit', () => {
    const { emu, other, inOther } = twoWorkbooks(false);
    emu.advanceTo('2026-11-15T13:30:00-05:00');
    expect(emu.triggerFailures).toEqual([]);
    const props = (id: string) => emu.workbook(id).documentProperties.toJSON();
    expect(props(emu.spreadsheet.id)).toMatchObject({ ticks: '1', tickedIn: emu.spreadsheet.id });
    expect(props(other.id)).toMatchObject({ ticks: '1', tickedIn: other.id });
    other.seed('Sheet1', [['x']], 'A1');
    expect(
      emu.fireEdit({ range: { sheet: 'Sheet1', a1: 'A1' }, spreadsheetId: other.id }),
    ).toHaveLength(1);
    expect(props(other.id).edited).toBe(other.id);
    expect(props(emu.spreadsheet.id).edited).toBeUndefined();
    void inOther;
  });

  it('the two workbooks have separate document locks', () => {
    const { emu, other } = twoWorkbooks(false);
    const a = emu.execution();
    const b = emu.execution(emu.user, 'editor', emu.user, { spreadsheetId: other.id });
    try {
      expect(a.globals.LockService.getDocumentLock().tryLock(0)).toBe(true);
      expect(b.globals.LockService.getDocumentLock().tryLock(0)).toBe(true);
      const c = emu.execution();
      expect(c.globals.LockService.getDocumentLock().tryLock(0)).toBe(false);
      c.end();
    } finally {
      a.end();
      b.end();
    }
  });
});

describe('hidden addresses', () => {
  it('Session gives a blank address for a user whose address is not available', () => {
    const emu = loaded();
    emu.hiddenEmails.add('bob@example.com');
    const exec = emu.execution('bob@example.com');
    try {
      expect(exec.globals.Session.getEffectiveUser().getEmail()).toBe('');
      expect(exec.globals.Session.getActiveUser().getEmail()).toBe('');
    } finally {
      exec.end();
    }
  });
});
