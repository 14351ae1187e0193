/**
 * The manifest's oauthScopes held to every counted call, and the fidelity table (scopes.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmulator, methodRow, ScopeLedger, SCOPES, tableKinds, type Manifest } from '..';
import { CallCounter } from '../calls';
import { counted } from '../counting';
import { ForwardingCounter } from '../execution';
import { RESTRICTED_IN_SIMPLE_TRIGGERS } from '../permissions';

const BUNDLE = String.raw`
function who() { return Session.getActiveUser().getEmail(); }
function locale() { return Session.getActiveUserLocale(); }
function cell() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').getValue(); }
function other() { return SpreadsheetApp.openById('x'); }
function mail() { MailApp.sendEmail('a@example.com', 's', 'b'); }
function onEdit(e) { PropertiesService.getDocumentProperties().setProperty('edited', e.value); }
`;

const manifest = (...oauthScopes: string[]): Manifest => ({ timeZone: 'UTC', oauthScopes });

function emulator(m: Manifest | null) {
  const emu = createEmulator({ now: '2026-03-10T15:00:00Z' });
  emu.loadBundleCode(BUNDLE, { manifest: m });
  return emu;
}

describe('oauthScopes in the manifest', () => {
  it('a call whose scope is not declared throws Apps Script’s text', () => {
    const emu = emulator(manifest(SCOPES.currentOnly));
    expect(() => emu.run('who')).toThrow(
      'Specified permissions are not sufficient to call Session.getActiveUser. ' +
        'Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    expect(() => emu.run('mail')).toThrow(
      'Specified permissions are not sufficient to call MailApp.sendEmail. Required permissions: ' +
        'https://www.googleapis.com/auth/script.send_mail',
    );
    expect(emu.mails).toEqual([]);
  });

  it('several possible scopes are listed as Apps Script does: (a || b)', () => {
    const emu = emulator(manifest(SCOPES.userEmail));
    expect(() => emu.run('cell')).toThrow(
      'Specified permissions are not sufficient to call SpreadsheetApp.getActiveSpreadsheet. ' +
        'Required permissions: (https://www.googleapis.com/auth/spreadsheets.currentonly || ' +
        'https://www.googleapis.com/auth/spreadsheets)',
    );
  });

  it('any one of the method’s scopes is enough; methods with none are free', () => {
    const narrow = emulator(manifest(SCOPES.currentOnly, SCOPES.userEmail));
    expect(narrow.run('cell')).toBe('');
    expect(narrow.run('who')).toBe('owner@example.com');
    expect(narrow.run('locale')).toBe('en_US');
    // openById needs the full spreadsheets scope, not currentonly.
    expect(() => narrow.run('other')).toThrow(
      'Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
    const wide = emulator(manifest(SCOPES.spreadsheets));
    expect(wide.run('cell')).toBe('');
  });

  it('without oauthScopes nothing is refused (Apps Script infers the scopes)', () => {
    for (const m of [null, { timeZone: 'UTC' }]) {
      const emu = emulator(m);
      expect(emu.run('who')).toBe('owner@example.com');
      expect(emu.scopes.declaredScopes).toBeNull();
    }
  });

  it('the emulator’s own reads (the edit event’s range) are not checked', () => {
    // Building e.range and e.source reads the workbook (uncounted); the handler itself only
    // touches PropertiesService, which needs no scope.
    const emu = emulator(manifest(SCOPES.userEmail));
    const outcomes = emu.fireEdit({ range: { sheet: 'Sheet1', a1: 'B2' }, value: 'x' });
    expect(outcomes.map((o) => o.error)).toEqual([undefined]);
    expect(emu.triggerFailures).toEqual([]);
    expect(emu.properties.document.data.get('edited')).toBe('x');
  });

  it('records the kinds called and which declared scope each needed', () => {
    const emu = emulator(
      manifest(SCOPES.currentOnly, SCOPES.spreadsheets, SCOPES.userEmail, SCOPES.sendMail),
    );
    emu.run('cell');
    emu.run('who');
    expect(emu.scopes.kinds()).toMatchObject({
      'Session.getActiveUser': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'User.getEmail': 1,
    });
    expect(emu.scopes.needed()[SCOPES.userEmail]).toEqual(['Session.getActiveUser']);
    // Either spreadsheet scope alone would do, and no mail was sent.
    expect(emu.scopes.unneeded()).toEqual(
      [SCOPES.sendMail, SCOPES.spreadsheets, SCOPES.currentOnly].sort(),
    );
  });

  it('loadBundle reads the appsscript.json next to the bundle; the option overrides it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scopes-'));
    writeFileSync(path.join(dir, 'Code.js'), BUNDLE);
    writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest(SCOPES.currentOnly)));
    const read = createEmulator();
    read.loadBundle(path.join(dir, 'Code.js'));
    expect(read.manifest?.oauthScopes).toEqual([SCOPES.currentOnly]);
    expect(() => read.run('who')).toThrow('Specified permissions are not sufficient');
    const overridden = createEmulator({ manifest: manifest(SCOPES.userEmail) });
    overridden.loadBundle(path.join(dir, 'Code.js'));
    expect(overridden.run('who')).toBe('owner@example.com');
    const none = createEmulator({ manifest: null });
    none.loadBundle(path.join(dir, 'Code.js'));
    expect(none.manifest).toBeNull();
  });

  it('refuses a manifest whose oauthScopes is not a list of strings', () => {
    expect(() => createEmulator({ manifest: { oauthScopes: 'x' as unknown as string[] } })).toThrow(
      'oauthScopes must be an array of scope URLs',
    );
  });
});

describe('the fidelity table', () => {
  it('a counted kind missing from the table throws an emulator error', () => {
    const ledger = new ScopeLedger();
    const svc = counted(
      new ForwardingCounter(new CallCounter(), undefined, (k) => ledger.check(k)),
      'Fake',
      {
        shiny: () => 1,
      },
    );
    expect(() => svc.shiny()).toThrow(
      "Fake.shiny is not in the emulator's fidelity table (emulator/scopes.ts)",
    );
  });

  it('every row has a reference link of its class and well-formed scopes', () => {
    const kinds = tableKinds();
    expect(kinds.length).toBeGreaterThanOrEqual(400);
    for (const kind of kinds) {
      const row = methodRow(kind)!;
      const method = kind.split('.')[1]!;
      expect(row.doc).toMatch(
        /^https:\/\/developers\.google\.com\/apps-script\/reference\/[a-z-]+\/[a-z-]+#/,
      );
      expect(row.doc).toContain(`#${method}(`);
      for (const s of row.scopes) expect(s).toMatch(/^https:\/\/www\.googleapis\.com\/auth\//);
    }
    expect(methodRow('toString')).toBeUndefined();
    expect(methodRow('Range.constructor')).toBeUndefined();
  });

  it('the methods simple triggers refuse need a scope in the table too', () => {
    // permissions.ts names them with the scope of its error text: the same as the table's.
    for (const [cls, rule] of Object.entries(RESTRICTED_IN_SIMPLE_TRIGGERS))
      for (const m of rule.methods) expect(methodRow(`${cls}.${m}`)?.scopes).toContain(rule.scope);
  });
});
