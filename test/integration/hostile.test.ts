/**
 * Hostile input (decision 019): every call the sidebar and the settings dialog make, fed random and
 * malicious payloads through google.script.run's copy rules (invokeServerFunction). Never an
 * unhandled exception, always a clear error shape, and a refused payload leaves the workbook,
 * its properties and triggers exactly as they were (compared as JSON). An accepted one never
 * leaves a formula or an over-long cell behind.
 */
import fc from 'fast-check';
import {
  createEmulator,
  invokeServerFunction,
  type Emulator,
  type StateSnapshot,
} from '../../emulator';
import type { ClientRecord } from '../../src/shared/formApi';
import { emptyClientRecord } from '../../src/shared/schemas';
import { workbook } from './harness';

/** Sheets refuses a cell longer than this (https://support.google.com/docs/answer/37603). */
const MAX_CELL = 50_000;
const DATA_SHEETS = ['Clients', 'Termes', 'Commissions', 'Journal CRM', 'Factures'];

let fixture: StateSnapshot;
let base: ClientRecord;

beforeAll(() => {
  const wb = workbook({ locale: 'fr_CA', now: '2026-11-15T12:00:00-05:00' });
  wb.append('Listes', [{ Vendeurs: 'Alice', 'Courriels des vendeurs': 'alice@example.com' }]);
  const record = emptyClientRecord('C0001');
  record.general.name = 'Boulangerie Alida';
  record.salespeople = [
    { salesperson: 'Alice', commissionType: 'sales', ratePct: 5, productType: '' },
  ];
  record.crm.discussions = [
    { date: '2026-10-02', people: 'Ventes', cc: '', subject: 'Retard', details: 'Camion' },
  ];
  wb.run('formSave', { record, isNew: true });
  wb.append('Factures', [
    { 'No de facture': 'F-1', Date: '2026-10-05', 'Code client': 'C0001', Montant: 100 },
  ]);
  wb.emu.clock.advance(5000);
  fixture = wb.emu.snapshot();
  const loaded = wb.run('formLoad', 'C0001');
  if ('error' in loaded) throw new Error(loaded.error);
  base = loaded.record;
});

function restore(): Emulator {
  const emu = createEmulator({ state: fixture, locale: 'fr_CA' });
  emu.loadBundle();
  return emu;
}

const ALL_SHEETS = [...DATA_SHEETS, 'Rapport des commissions', 'Détail des commissions', 'Listes'];

/**
 * What a partial write would change: every sheet's values and the property stores (the whole
 * exportState JSON is exact too, but takes 200 ms a time on this workbook).
 */
function snapshot(emu: Emulator): string {
  return JSON.stringify([
    ALL_SHEETS.map((name) => emu.spreadsheet.values(name)),
    emu.properties.toJSON(),
  ]);
}

function a1(row: number, col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

// ---------------------------------------------------------------- payloads

const MALICIOUS = [
  '=IMPORTXML("https://evil.example/","//a")',
  '=HYPERLINK("https://evil.example","clic")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A9)',
  "'0042",
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '</textarea><b>gras</b>',
  '${7*7}{{7*7}}',
  '\u202egnp.exe',
  '\u0000\u0007\u001b[31m',
  'Ｃ０００１',
  'C0001\n=1+1',
  '   ',
  '🙂'.repeat(20),
  'e\u0301 é 한국어 العربية',
  'true',
  'NaN',
  '1e309',
  '2026-02-30',
  '__proto__',
];

const hostileString = fc.oneof(
  fc.constantFrom(...MALICIOUS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constant('x'.repeat(MAX_CELL + 10)),
  fc.constant(`=${'A'.repeat(MAX_CELL)}`),
);

/** Objects whose own keys are __proto__, constructor, prototype (JSON.parse makes them own). */
const pollutingObject = fc.constantFrom(
  JSON.parse('{"__proto__": {"ok": true, "isNew": true}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}') as unknown,
  JSON.parse('{"record": {"__proto__": {"general": {"code": "X"}}}, "isNew": false}') as unknown,
  JSON.parse('{"toString": "x", "valueOf": 1, "hasOwnProperty": null}') as unknown,
);

const scalar = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e21, Number.MAX_SAFE_INTEGER, -0),
  fc.boolean(),
  fc.constant(null),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: pollutingObject },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, scalar, { maxKeys: 4 }) },
);

/** Every path of a record, leaves and containers: 'general.name', 'salespeople.0', 'crm', … */
function paths(value: unknown, prefix: string[] = []): string[][] {
  const out: string[][] = prefix.length > 0 ? [prefix] : [];
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function withValueAt(record: ClientRecord, path: string[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    // an earlier mutation replaced a container with a scalar: this one has nowhere to go
    if (!next || typeof next !== 'object') return copy;
    node = next as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return copy;
}

/** A save payload: the loaded record with one to three fields made hostile, or anything at all. */
function savePayload(): fc.Arbitrary<unknown> {
  const all = paths(base);
  const mutation = fc.tuple(fc.constantFrom(...all), hostileValue);
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean())
        .map(([muts, isNew]) => ({
          record: muts.reduce<unknown>(
            (r, [path, value]) => withValueAt(r as ClientRecord, path, value),
            base,
          ),
          isNew,
          // An update sends the record as loaded, as the sidebar does.
          ...(isNew ? {} : { original: base }),
        })),
    },
    { weight: 1, arbitrary: hostileValue },
    // The record as loaded is read for its shape only: any value must be harmless.
    {
      weight: 1,
      arbitrary: hostileValue.map((original) => ({ record: base, isNew: false, original })),
    },
    { weight: 1, arbitrary: fc.record({ record: hostileValue, isNew: hostileValue }) },
  );
}

// ---------------------------------------------------------------- checks

const RAW_ERROR =
  /TypeError|ReferenceError|RangeError|undefined|\[object |is not a function|Cannot read/;

function expectClearText(text: unknown): void {
  expect(typeof text).toBe('string');
  expect((text as string).trim().length).toBeGreaterThan(0);
  expect(text).not.toMatch(RAW_ERROR);
}

/** No formula and no over-long cell in the sheets a save writes (user text stays data). */
function expectDataOnly(emu: Emulator): void {
  for (const name of DATA_SHEETS.filter((n) => n !== 'Factures'))
    emu.spreadsheet.values(name).forEach((row, r) =>
      row.forEach((v, c) => {
        const where = `${name}!${a1(r + 1, c + 1)}`;
        expect([where, emu.spreadsheet.cell(name, a1(r + 1, c + 1)).formula]).toEqual([where, '']);
        if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(MAX_CELL);
      }),
    );
}

function call(emu: Emulator, name: string, arg: unknown): unknown {
  const reply = invokeServerFunction(emu, name, [arg]);
  if (!reply.ok) throw new Error(`${name} threw ${reply.error.name}: ${reply.error.message}`);
  return reply.value;
}

// ---------------------------------------------------------------- sidebar calls

describe('hostile payloads, one by one', () => {
  it('a 60,000-character field is refused by name, before anything is written', () => {
    const emu = restore();
    const before = snapshot(emu);
    const record = withValueAt(base, ['crm', 'discussions', '0', 'details'], 'x'.repeat(60_000));
    const result = call(emu, 'formSave', { record, isNew: false }) as Record<string, unknown>;
    expect(result).toMatchObject({ ok: false, kind: 'invalid' });
    const errors = result.errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path)).toContain('crm.discussions.0.details');
    expect(snapshot(emu)).toBe(before);
  });

  it('a request of many megabytes is refused whole with a clear message, before anything is written', () => {
    const emu = restore();
    const before = snapshot(emu);
    // 2,000 discussions of 3,000 characters: every field within its cap, 6 MB in all.
    const discussions = Array.from({ length: 2_000 }, (_, i) => ({
      ...base.crm.discussions[0]!,
      subject: `Sujet ${i}`,
      details: 'x'.repeat(3_000),
    }));
    const record = { ...base, crm: { ...base.crm, discussions } };
    const result = call(emu, 'formSave', { record, isNew: false }) as Record<string, unknown>;
    expect(result).toMatchObject({ ok: false, kind: 'invalid' });
    expect(result.errors).toEqual([
      {
        path: '',
        message:
          'Fiche trop volumineuse pour être enregistrée (7 Mo, au plus 5 Mo) : raccourcissez les notes ou les détails les plus longs.',
      },
    ]);
    expect(snapshot(emu)).toBe(before);
  });

  it('formula and HTML text is stored as text, never as a formula', () => {
    const emu = restore();
    let record = withValueAt(base, ['general', 'name'], '=HYPERLINK("https://evil.example","x")');
    record = withValueAt(record as ClientRecord, ['general', 'city'], '+1+1');
    record = withValueAt(record as ClientRecord, ['crm', 'needs'], '<script>alert(1)</script>');
    const result = call(emu, 'formSave', { record, isNew: false, original: base }) as Record<
      string,
      unknown
    >;
    expect(result.ok).toBe(true);
    const [header = [], row = []] = emu.spreadsheet.values('Clients');
    const at = (h: string) => row[header.indexOf(h)];
    expect([at('Nom'), at('Ville'), at('Besoins')]).toEqual([
      '=HYPERLINK("https://evil.example","x")',
      '+1+1',
      '<script>alert(1)</script>',
    ]);
    expectDataOnly(emu);
  });

  it('__proto__ and constructor keys neither pollute nor pass for fields', () => {
    const emu = restore();
    const before = snapshot(emu);
    const payload = JSON.parse(
      `{"__proto__": {"isNew": false}, "record": ${JSON.stringify({ ...base, general: undefined })}}`,
    ) as unknown;
    const result = call(emu, 'formSave', payload) as Record<string, unknown>;
    expect(result).toMatchObject({ ok: false, kind: 'invalid' });
    expect(snapshot(emu)).toBe(before);
    expect(({} as Record<string, unknown>).isNew).toBeUndefined();
  });
});

describe('every sidebar call survives hostile payloads', () => {
  it('formSave: a clear refusal and nothing written, or a save that keeps text as text', () => {
    const emu = restore();
    expectDataOnly(emu);
    let saved = 0;
    fc.assert(
      fc.property(savePayload(), (payload) => {
        const before = snapshot(emu);
        const result = call(emu, 'formSave', payload) as Record<string, unknown>;
        expect(typeof result.ok).toBe('boolean');
        if (result.ok === true) {
          saved++;
          expectClearText(result.message);
          expectDataOnly(emu);
          return;
        }
        expect(snapshot(emu)).toBe(before);
        expect(['invalid', 'conflict', 'error']).toContain(result.kind);
        if (result.kind === 'invalid') {
          const errors = result.errors as { path: unknown; message: unknown }[];
          expect(errors.length).toBeGreaterThan(0);
          for (const e of errors) {
            expect(typeof e.path).toBe('string');
            expectClearText(e.message);
          }
        } else expectClearText(result.message);
      }),
      { numRuns: 300 },
    );
    // Some mutations (a hostile phone, a formula-looking name) are legitimate data: the 300
    // cases always draw some. The fast tier's few cases (FC_NUM_RUNS) may draw none.
    if (!process.env.FC_NUM_RUNS) expect(saved).toBeGreaterThan(0);
  }, 20_000);

  it('formLoad and formOpen: a record, an error text or a new form; never a write', () => {
    const emu = restore();
    const before = snapshot(emu);
    fc.assert(
      fc.property(hostileValue, (arg) => {
        const loaded = call(emu, 'formLoad', arg) as Record<string, unknown>;
        if ('error' in loaded) expectClearText(loaded.error);
        else expect((loaded.record as ClientRecord).general.code).toBe('C0001');
        const opened = call(emu, 'formOpen', arg) as Record<string, unknown>;
        expect(opened.lang).toBe('fr');
        expect(Array.isArray(opened.clients)).toBe(true);
        const record = opened.record as ClientRecord | null;
        if (record) expect(record.general.code).toBe('C0001');
      }),
      { numRuns: 120 },
    );
    expect(snapshot(emu)).toBe(before);
  });

  it('formOpen with a hostile code or row field', () => {
    const emu = restore();
    fc.assert(
      fc.property(hostileValue, hostileValue, (code, row) => {
        const opened = call(emu, 'formOpen', { code, row }) as Record<string, unknown>;
        expect(opened.lang).toBe('fr');
      }),
      { numRuns: 60 },
    );
  });

  /** What each settings dialog must still give back after an accepted hostile payload. */
  const dialogs: [
    save: string,
    load: string,
    extraKeys: string[],
    check: (now: Record<string, unknown>, emu: Emulator, current: Record<string, unknown>) => void,
  ][] = [
    [
      'settingsSave',
      'settingsLoad',
      [],
      (now, emu, current) => {
        expect(Object.keys(now).sort()).toEqual(Object.keys(current).sort());
        expect(['fr', 'en']).toContain(now.lang);
        if (now.lang !== 'fr') call(emu, 'settingsSave', current); // the snapshots name French sheets
      },
    ],
    ['newsletterSettingsSave', 'newsletterSettingsLoad', ['apiKey', 'audienceId'], () => {}],
  ];

  it.each(dialogs)(
    '%s: refused with a message and nothing stored, or stored and still loadable',
    (save, load, extraKeys, check) => {
      const emu = restore();
      if (!emu.functionNames().includes(save)) return; // not in this build
      const current = call(emu, load, undefined) as Record<string, unknown>;
      const payload = fc.oneof(
        hostileValue,
        fc
          .tuple(fc.constantFrom(...Object.keys(current), ...extraKeys), hostileValue)
          .map(([key, value]) => ({ ...current, [key]: value })),
      );
      fc.assert(
        fc.property(payload, (settings) => {
          const before = snapshot(emu);
          const result = call(emu, save, settings) as Record<string, unknown>;
          if (result.ok === true) {
            check(call(emu, load, undefined) as Record<string, unknown>, emu, current);
            return;
          }
          expect(result.ok).toBe(false);
          expectClearText(result.message);
          expect(snapshot(emu)).toBe(before);
        }),
        { numRuns: 60 },
      );
    },
  );

  it('habitsSearch: an answer or a message, never an exception', () => {
    const emu = restore();
    if (!emu.functionNames().includes('habitsSearch')) return; // not in this build
    fc.assert(
      fc.property(hostileValue, (productType) => {
        const result = call(emu, 'habitsSearch', productType) as Record<string, unknown>;
        if (result.ok === false) expectClearText(result.message);
        else expect(Array.isArray(result.buyers)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

// ---------------------------------------------------------------- every entry point (decision 019)

/**
 * Decision 019: any editor can call any top-level function of the script with JSON-like
 * arguments (google.script.run from a dialog's console). Every entry point is walked with
 * hostile arguments: one that expects an object refuses anything else with a message and writes
 * nothing; none answers with an unhandled TypeError; and no message, answer, alert, toast or log
 * line repeats more than ~40 characters of an input (a 10 MB argument once became a 10 MB
 * message in the execution log).
 */
describe('every entry point with hostile arguments', () => {
  /** A run of this marker longer than 40 characters in any text is an echo of the input. */
  const HUGE = 'Z'.repeat(10_000_000);
  const ECHO = /Z{41}/;
  const NON_OBJECTS: [string, unknown][] = [
    ['42', 42],
    ['"abc"', 'abc'],
    ['[]', []],
    ['null', null],
    ['true', true],
    ['a 10 MB string', HUGE],
  ];
  const ARGS: [string, unknown][] = [
    ...NON_OBJECTS,
    ['{}', {}],
    [
      'an object of huge fields',
      { range: HUGE, changeType: 'INSERT_ROW', months: [HUGE], fingerprint: HUGE, code: HUGE },
    ],
  ];
  /** Entry points whose one argument is an object: a non-object is refused, nothing written. */
  const OBJECT_ARGUMENT = [
    'settingsSave',
    'newsletterSettingsSave',
    'formSave',
    'foldCommissionDetails',
    'speedReport',
  ];

  it('a non-object is refused where an object is expected, with a message and nothing written', () => {
    const emu = restore();
    for (const name of OBJECT_ARGUMENT) {
      if (!emu.functionNames().includes(name)) continue; // not in this build
      for (const [label, arg] of NON_OBJECTS) {
        const before = snapshot(emu);
        const reply = invokeServerFunction(emu, name, [arg]);
        const value = reply.ok ? (reply.value as Record<string, unknown>) : null;
        expect([name, label, reply.ok, value?.ok]).toEqual([name, label, true, false]);
        const message =
          typeof value?.message === 'string'
            ? value.message
            : (value?.errors as { message: string }[] | undefined)?.[0]?.message;
        expectClearText(message);
        expect([name, label, snapshot(emu) === before]).toEqual([name, label, true]);
      }
    }
  });

  it('no entry point answers with a raw error or repeats more than 40 characters of an input', () => {
    const emu = restore();
    for (const name of emu.functionNames()) {
      for (const [label, arg] of ARGS) {
        const ui = emu.ui.events.length;
        const logs = emu.logs.entries.length;
        const toasts = emu.toasts.length;
        const reply = invokeServerFunction(emu, name, [arg]);
        const texts = [
          reply.ok ? JSON.stringify(reply.value ?? null) : reply.error.message,
          ...emu.ui.events.slice(ui).map((e) => JSON.stringify(e)),
          ...emu.logs.entries.slice(logs).map((e) => e.message),
          ...emu.toasts.slice(toasts).map((t) => JSON.stringify(t)),
        ];
        for (const text of texts)
          expect([name, label, ECHO.test(text)]).toEqual([name, label, false]);
        if (!reply.ok) {
          expect([name, label, reply.error.message]).toEqual([
            name,
            label,
            expect.not.stringMatching(RAW_ERROR),
          ]);
          expect(reply.error.message.length).toBeLessThan(400);
        }
      }
    }
  }, 120_000);

  it.each(['anonymizeClient', 'exportClientData', 'showCommissionReport'])(
    '%s: a 10 MB answer typed in its prompt is not repeated in the alert',
    (name) => {
      const emu = restore();
      emu.ui.answerNextPrompt(HUGE);
      const reply = invokeServerFunction(emu, name, []);
      const alerts = emu.ui.ofKind('alert').map((a) => a.prompt);
      expect(alerts.length + (reply.ok ? 0 : 1)).toBeGreaterThan(0);
      for (const text of [...alerts, reply.ok ? '' : reply.error.message])
        expect(ECHO.test(text)).toBe(false);
    },
  );

  it('computeCommissions with a 10 MB string: refused by a short message, nothing logged of it', () => {
    const emu = restore();
    const reply = invokeServerFunction(emu, 'computeCommissions', [HUGE]);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.message).toBe(
      `Mois invalide : « ${'Z'.repeat(39)}… ». Utilisez le format AAAA-MM, par exemple 2026-10.`,
    );
    expect(emu.logs.entries.every((e) => e.message.length < 1_000)).toBe(true);
  });
});
