/**
 * The emulator's switches (switches.ts): each world behaves as its row in FIDELITY.md says, the
 * worlds are chosen explicitly or through EMULATOR_WORLDS, and a typo in either is refused.
 * Every test here chooses its worlds explicitly: a world run's EMULATOR_WORLDS changes nothing.
 */
import { createEmulator } from '../index';
import {
  DEFAULT_WORLDS,
  formatWorlds,
  parseWorlds,
  resolveWorlds,
  SWITCH_NAMES,
  SWITCHES,
  switchTestFiles,
  type Worlds,
} from '../switches';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setup } from './spreadsheetHarness';

const ALL_DEFAULT = { ...DEFAULT_WORLDS };

describe('choosing worlds', () => {
  it('defaults, then EMULATOR_WORLDS, then the explicit choice', () => {
    expect(resolveWorlds({}, undefined)).toEqual(DEFAULT_WORLDS);
    expect(resolveWorlds({}, 'editEventBounds=absent').editEventBounds).toBe('absent');
    expect(
      resolveWorlds({ editEventBounds: 'present' }, 'editEventBounds=absent').editEventBounds,
    ).toBe('present');
    expect(
      parseWorlds(formatWorlds({ intlTimeZones: 'utcOnly', cacheValueLimit: '100000' })),
    ).toEqual({ intlTimeZones: 'utcOnly', cacheValueLimit: '100000' });
  });

  it('a typo is refused with the choices, never run in the default world', () => {
    expect(() => parseWorlds('editEventBound=absent')).toThrow(
      /EMULATOR_WORLDS: unknown switch "editEventBound" \(switches: plainTextFormulas, /,
    );
    expect(() => parseWorlds('editEventBounds=gone')).toThrow(
      'EMULATOR_WORLDS: "gone" is not a world of editEventBounds (worlds: present, absent)',
    );
    expect(() => resolveWorlds({ intlTimeZones: 'none' as never }, undefined)).toThrow(
      'Emulator: "none" is not a world of intlTimeZones',
    );
  });

  it('every switch has two worlds or more, each with a source, and test files that exist', () => {
    for (const name of SWITCH_NAMES) {
      const d = SWITCHES[name];
      expect([name, d.worlds.length >= 2]).toEqual([name, true]);
      for (const w of d.worlds)
        expect([name, w.id, w.source.length > 20]).toEqual([name, w.id, true]);
      expect(d.tests.length).toBeGreaterThan(0);
    }
    const root = path.resolve(__dirname, '../..');
    for (const file of switchTestFiles())
      expect([file, existsSync(path.join(root, file))]).toEqual([file, true]);
  });
});

describe('text written by a script into plain-text cells', () => {
  function writeAll(worlds: Partial<Worlds>, format: string) {
    const { sheet, doc } = setup({ worlds });
    const r = sheet.getRange('A1:A5');
    r.setNumberFormat(format);
    r.setValues([['=1+1'], ['+1 514 555 0101'], ["'0042"], ['0042'], ['2026-01-05']]);
    return {
      values: r.getValues().map((x) => x[0]),
      formulas: r.getFormulas().map((x) => x[0]),
      formats: r.getNumberFormats().map((x) => x[0]),
      doc,
    };
  }

  it('text (default): = and + stay text, the apostrophe stays visible', () => {
    const w = writeAll(ALL_DEFAULT, '@');
    expect(w.values).toEqual(['=1+1', '+1 514 555 0101', "'0042", '0042', '2026-01-05']);
    expect(w.formulas).toEqual(['', '', '', '', '']);
  });

  it('formula: = and + become formulas; other text stays text', () => {
    const w = writeAll({ ...ALL_DEFAULT, plainTextFormulas: 'formula' }, '@');
    expect(w.formulas).toEqual(['=1+1', '=+1 514 555 0101', '', '', '']);
    expect(w.values[0]).toBe(2);
    expect(w.values.slice(2)).toEqual(["'0042", '0042', '2026-01-05']);
  });

  it('swallowed: the apostrophe is the mark, dropped', () => {
    const w = writeAll({ ...ALL_DEFAULT, plainTextApostrophe: 'swallowed' }, '@');
    expect(w.values.slice(2)).toEqual(['0042', '0042', '2026-01-05']);
  });

  it('@STRING@ is the plain-text format too, read back as each world says', () => {
    expect(writeAll(ALL_DEFAULT, '@STRING@').values[3]).toBe('0042');
    expect(writeAll(ALL_DEFAULT, '@STRING@').formats[0]).toBe('@STRING@');
    expect(writeAll({ ...ALL_DEFAULT, textFormatName: 'at' }, '@STRING@').formats[0]).toBe('@');
    expect(writeAll({ ...ALL_DEFAULT, textFormatName: 'atString' }, '@').formats[0]).toBe(
      '@STRING@',
    );
    // Shown as text, not as a date pattern (its letters are no date tokens).
    const { sheet } = setup({ worlds: ALL_DEFAULT });
    sheet.getRange('B1').setNumberFormat('@STRING@').setValue(45000);
    expect(sheet.getRange('B1').getDisplayValue()).toBe('45000');
  });

  it('a person typing keeps the text in every world (the harness’s paste and seed)', () => {
    const { doc, sheet } = setup({
      worlds: { ...ALL_DEFAULT, plainTextFormulas: 'formula', plainTextApostrophe: 'swallowed' },
    });
    sheet.getRange('A1:A2').setNumberFormat('@');
    doc.paste(sheet.getName(), 1, 1, [['=1+1'], ["'0042"]]);
    expect(doc.values(sheet.getName()).map((r) => r[0])).toEqual(['=1+1', "'0042"]);
  });
});

describe('the worlds of the services', () => {
  const BUNDLE = `
    function onEditInstalled(e) {
      PropertiesService.getScriptProperties().setProperty('bounds',
        JSON.stringify([e.range.rowStart, e.range.columnEnd]));
    }
    function onChangeInstalled(e) {
      const p = PropertiesService.getScriptProperties();
      p.setProperty('changes', (p.getProperty('changes') || '') + e.changeType + ';');
    }
    function onEditCount(e) {
      const p = PropertiesService.getScriptProperties();
      p.setProperty('edits', (p.getProperty('edits') || '') + e.range.getA1Notation() + ';');
    }
    function install() {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(ss).onEdit().create();
      ScriptApp.newTrigger('onEditCount').forSpreadsheet(ss).onEdit().create();
      ScriptApp.newTrigger('onChangeInstalled').forSpreadsheet(ss).onChange().create();
    }
    function zone(tz) {
      try { return new Intl.DateTimeFormat('en-US', { timeZone: tz }).format(new Date(0)); }
      catch (e) { return e.name + ': ' + e.message; }
    }
    function mail() {
      const before = MailApp.getRemainingDailyQuota();
      MailApp.sendEmail({ to: 'a@example.com', cc: 'b@example.com', subject: 's', body: 'b' });
      return before - MailApp.getRemainingDailyQuota();
    }
    function cache(n) {
      try { CacheService.getScriptCache().put('k', 'x'.repeat(n)); return 'ok'; }
      catch (e) { return e.message; }
    }`;

  function emu(worlds: Partial<Worlds>) {
    const e = createEmulator({
      now: '2026-03-10T15:00:00Z',
      worlds: { ...ALL_DEFAULT, ...worlds },
    });
    e.loadBundleCode(BUNDLE, { manifest: null });
    e.spreadsheet.seed('Data', [
      ['h1', 'h2', ''],
      ['a', 'b', ''],
    ]);
    e.run('install');
    return e;
  }
  const prop = (e: ReturnType<typeof emu>, k: string) => e.properties.script.data.get(k) ?? null;

  it('editEventBounds: e.range carries rowStart… or not', () => {
    const present = emu({ editEventBounds: 'present' });
    present.fireEdit({ range: { sheet: 'Data', a1: 'B2' } });
    expect(prop(present, 'bounds')).toBe('[2,2]');
    const absent = emu({ editEventBounds: 'absent' });
    absent.fireEdit({ range: { sheet: 'Data', a1: 'B2' } });
    expect(prop(absent, 'bounds')).toBe('[null,null]');
  });

  it('intlTimeZones: every zone, or UTC alone (V8’s own RangeError)', () => {
    expect(emu({}).run('zone', 'America/Toronto')).toBe('12/31/1969');
    const utc = emu({ intlTimeZones: 'utcOnly' });
    expect(utc.run('zone', 'America/Toronto')).toBe(
      'RangeError: Invalid time zone specified: America/Toronto',
    );
    expect(utc.run('zone', 'UTC')).toBe('1/1/1970');
  });

  it('mailQuotaCounts: a message to two recipients spends two, or one', () => {
    expect(emu({}).run('mail')).toBe(2);
    expect(emu({ mailQuotaCounts: 'messages' }).run('mail')).toBe(1);
  });

  it('cacheValueLimit: 102,400 bytes, or 100,000', () => {
    expect(emu({}).run('cache', 102_400)).toBe('ok');
    expect(emu({}).run('cache', 102_401)).toBe('Argument too large: value');
    expect(emu({ cacheValueLimit: '100000' }).run('cache', 100_000)).toBe('ok');
    expect(emu({ cacheValueLimit: '100000' }).run('cache', 100_001)).toBe(
      'Argument too large: value',
    );
  });

  it('columnMoveChange: what a column moved by hand sends', () => {
    const seen = (world: Worlds['columnMoveChange'], from: number) => {
      const e = emu({ columnMoveChange: world });
      e.moveColumnByHand('Data', from, 1);
      return [prop(e, 'changes'), prop(e, 'edits')];
    };
    // Column B (with data) moved before A.
    expect(seen('OTHER', 2)).toEqual(['OTHER;', 'A1:A1000;']);
    expect(seen('EDIT', 2)).toEqual(['EDIT;', 'A1:A1000;']);
    expect(seen('EDIT_SILENT', 2)).toEqual(['EDIT;', null]);
    // An empty column moved: onChange only, in every world.
    expect(seen('OTHER', 3)).toEqual(['OTHER;', null]);
    const e = emu({});
    e.moveColumnByHand('Data', 2, 1);
    expect(e.spreadsheet.values('Data')).toEqual([
      ['h2', 'h1'],
      ['b', 'a'],
    ]);
  });
});
