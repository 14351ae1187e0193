/**
 * The emulator's switches: every behaviour the reference leaves open (the ⚠ behaviours of
 * FIDELITY.md) that the product depends on, with each plausible world and its source. The first
 * world of each switch is the emulator's default. The team's real spreadsheet says which world
 * it is in (Fiche Client › Help › Check this spreadsheet, src/server/measure/), and
 * `npm run fidelity -- --report FILE` runs the tests below under the worlds a report observed.
 * CI runs each switch's tests in every world (`npm run test:worlds`).
 *
 * Choosing a world: `createEmulator({ worlds: { editEventBounds: 'absent' } })`, or for a whole
 * test run the environment variable EMULATOR_WORLDS="editEventBounds=absent,intlTimeZones=utcOnly"
 * (an explicit option wins over the variable, the variable over the default).
 */

export interface World<Id extends string = string> {
  id: Id;
  /** What Google does in this world. */
  what: string;
  /** Why this world is plausible (a reference page, an issue, a measurement). */
  source: string;
}

export interface SwitchDef<Id extends string = string> {
  /** The behaviour the reference leaves open. */
  behaviour: string;
  /** The emulator's default first. */
  worlds: readonly [World<Id>, ...World<Id>[]];
  /** The check report's field that settles it (src/shared/checkReport.ts). */
  reportField: string;
  /** How the product stays right in every world. */
  product: string;
  /** Test files (from the repository root) whose outcome depends on this switch: CI runs them in every world. */
  tests: readonly string[];
}

function def<const Id extends string>(d: SwitchDef<Id>): SwitchDef<Id> {
  return d;
}

export const SWITCHES = {
  plainTextFormulas: def({
    behaviour:
      'A string starting with = or + written by setValues into a cell formatted as plain text (@)',
    worlds: [
      {
        id: 'text',
        what: 'stays the text written (the cell’s format wins)',
        source:
          'Plain text format keeps what is typed as text (https://support.google.com/docs/answer/56470); the emulator’s only reading before the switches',
      },
      {
        id: 'formula',
        what: 'becomes a formula (= and +, as typed into an automatic cell), whatever the format',
        source:
          "Range.setValue: “If it begins with '=' it is interpreted as a formula” (https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)), no word on formats; “+1 514…” typed shows #ERROR! in Sheets",
      },
    ],
    reportField: 'probes.textWrites (format @, written =1+1 and +1 514 555 0101: formula or value)',
    product:
      "workbook/write.ts: text starting with = + or ' bound for a plain-text cell is written with the apostrophe mark while that cell is briefly given a number format, then its own format is put back: right whether or not @ cells parse",
    tests: [
      'test/integration/textWorlds.test.ts',
      'test/integration/spreadsheetCheck.test.ts',
      'test/integration/keptCells.test.ts',
    ],
  }),
  plainTextApostrophe: def({
    behaviour: 'A leading apostrophe written by setValues into a plain-text (@) cell',
    worlds: [
      {
        id: 'kept',
        what: 'stays in the cell as a character (the cell stores what is written)',
        source:
          'the stricter reading of https://support.google.com/docs/answer/3094044, which names the apostrophe as the text mark of automatic cells only',
      },
      {
        id: 'swallowed',
        what: 'is taken as the text mark and dropped, as in an automatic cell',
        source:
          'Range.setValue reads strings as typed input (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption USER_ENTERED), where the apostrophe is always the mark',
      },
    ],
    reportField: "probes.textWrites (format @, written '0042: value '0042 or 0042)",
    product: 'the same write as plainTextFormulas: never an apostrophe sent to an @ cell',
    tests: ['test/integration/textWorlds.test.ts', 'test/integration/spreadsheetCheck.test.ts'],
  }),
  textFormatName: def({
    behaviour: 'What getNumberFormat(s) returns for a plain-text cell (set as @ or as @STRING@)',
    worlds: [
      {
        id: 'asWritten',
        what: 'the pattern as it was set: @ or @STRING@',
        source: 'Range.setNumberFormat stores a pattern; both spellings are used by scripts',
      },
      {
        id: 'at',
        what: 'always @',
        source:
          'the Sheets API’s TEXT pattern is @ (https://developers.google.com/sheets/api/guides/formats)',
      },
      {
        id: 'atString',
        what: 'always @STRING@ (e.g. after Format › Number › Plain text)',
        source:
          '@STRING@ is the plain-text pattern scripts set in answers on Stack Overflow; what the menu’s Plain text reads back as is not published',
      },
    ],
    reportField: 'probes.textWrites (formatRead of the @ and @STRING@ columns)',
    product: 'workbook/write.ts isTextFormat: any pattern with @ outside quotes is plain text',
    tests: ['test/integration/textWorlds.test.ts', 'test/integration/spreadsheetCheck.test.ts'],
  }),
  editEventBounds: def({
    behaviour: 'e.range.rowStart / rowEnd / columnStart / columnEnd on the edit event',
    worlds: [
      {
        id: 'present',
        what: 'plain numbers on e.range, free to read',
        source:
          'JSON.stringify(e) shows them (Kanshi Tanaike, https://tanaikech.github.io/page/80; https://theappsscriptlab.com/category/apps-script)',
      },
      {
        id: 'absent',
        what: 'missing: only the documented fields',
        source:
          'not in the reference’s edit event (https://developers.google.com/apps-script/guides/triggers/events#edit)',
      },
    ],
    reportField: 'probes.editEvent.range (the bound names the edit trigger recorded)',
    product:
      'watch/editTrigger.ts reads the bounds from e.range.getRow() etc. when absent; the cheap exit (another sheet) needs none',
    tests: [
      'test/integration/editTriggerCost.test.ts',
      'test/integration/watchTriggers.test.ts',
      'test/integration/columnMoves.test.ts',
      'test/integration/spreadsheetCheck.test.ts',
    ],
  }),
  intlTimeZones: def({
    behaviour: 'Intl.DateTimeFormat with the spreadsheet’s IANA time zone in Apps Script’s V8',
    worlds: [
      {
        id: 'all',
        what: 'every IANA zone works',
        source:
          'Apps Script runs Chrome’s V8 (https://developers.google.com/apps-script/guides/v8-runtime), built with full ICU',
      },
      {
        id: 'utcOnly',
        what: 'only UTC: any other zone throws RangeError "Invalid time zone specified: …"',
        source:
          'a V8 built with small ICU knows UTC alone (https://nodejs.org/api/intl.html#options-for-building-nodejs); the reference does not say which ICU data Apps Script ships',
      },
    ],
    reportField: 'probes.intl (Intl for the spreadsheet’s zone, against Utilities.formatDate)',
    product:
      'domain/time.ts falls back to offsets from Utilities.formatDate (platform/zoneFallback.ts), sampled a week apart and bisected at each change',
    tests: [
      'test/integration/timeZones.test.ts',
      'test/integration/clientWatch.test.ts',
      'test/integration/spreadsheetCheck.test.ts',
    ],
  }),
  dialogDownloads: def({
    behaviour: 'A download started in an HtmlService dialog (a Blob and <a download>)',
    worlds: [
      {
        id: 'allowed',
        what: 'the file is saved',
        source: 'what every Apps Script export dialog relies on; the reference says nothing',
      },
      {
        id: 'blocked',
        what: 'silently blocked (the frame is sandboxed without allow-downloads)',
        source:
          'Chrome 83+: “Download is disallowed. The frame … is sandboxed, but the flag ‘allow-downloads’ is not set” (https://www.chromestatus.com/feature/5706745674465280)',
      },
    ],
    reportField: 'probes.download.arrived (the person says whether the JSON arrived)',
    product:
      'platform/pages.ts: every file offered can also be copied from the dialog; the fold’s Remove needs the person to tick that they kept the lines, never the download click',
    tests: ['test/browser/dialogs.test.ts'],
  }),
  columnMoveChange: def({
    behaviour: 'What a column moved by hand sends to the triggers',
    worlds: [
      {
        id: 'OTHER',
        what: 'onChange with OTHER; onEdit over the moved column (rows 1 to the last) when it holds data',
        source:
          'the change types of https://developers.google.com/apps-script/guides/triggers/events#change name no move; theappsscriptlab.com: a move with data fires onEdit and onChange',
      },
      {
        id: 'EDIT',
        what: 'onChange with EDIT; the same onEdit',
        source: 'a move is a change of cell contents; theappsscriptlab.com’s table',
      },
      {
        id: 'EDIT_SILENT',
        what: 'onChange with EDIT and no onEdit (as for a column moved without data)',
        source: 'theappsscriptlab.com: a move without data fires onChange only',
      },
    ],
    reportField:
      'not probed by the check (it needs a person to move a column): all worlds are tested',
    product:
      'watch/editTrigger.ts decides from the edited columns’ own header cells, never from cached positions',
    tests: ['test/integration/columnMoves.test.ts', 'test/integration/editTriggerCost.test.ts'],
  }),
  mailQuotaCounts: def({
    behaviour: 'What MailApp.getRemainingDailyQuota counts down',
    worlds: [
      {
        id: 'recipients',
        what: 'one per recipient (to, cc and bcc)',
        source:
          'quotas page: “Email recipients per day” (https://developers.google.com/apps-script/guides/services/quotas)',
      },
      {
        id: 'messages',
        what: 'one per message',
        source:
          'getRemainingDailyQuota: “the number of remaining emails a user can send” (https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota())',
      },
    ],
    reportField: 'probes.mail (quota before and after one message to two addresses)',
    product: 'platform/mail.ts counts recipients: never more than the quota in either world',
    tests: [
      'test/integration/watchTriggers.test.ts',
      'test/integration/commissionStatements.test.ts',
      'test/integration/spreadsheetCheck.test.ts',
    ],
  }),
  cacheValueLimit: def({
    behaviour: 'The largest value CacheService accepts',
    worlds: [
      {
        id: '102400',
        what: '102,400 bytes (100 × 1024)',
        source:
          'measured: https://justin.poehnelt.com/posts/exploring-apps-script-cacheservice-limits',
      },
      {
        id: '100000',
        what: '100,000 bytes',
        source:
          'the reference’s “100KB” read in decimal (https://developers.google.com/apps-script/reference/cache/cache)',
      },
    ],
    reportField: 'probes.cache (the sizes accepted and refused)',
    product: 'platform/documentCache.ts splits values into parts of at most 99,900 bytes',
    tests: [
      'test/integration/formCache.test.ts',
      'test/integration/formCacheReview.test.ts',
      'test/integration/spreadsheetCheck.test.ts',
    ],
  }),
} as const;

export type SwitchName = keyof typeof SWITCHES;
export const SWITCH_NAMES = Object.keys(SWITCHES) as SwitchName[];

type WorldIdOf<S> = S extends SwitchDef<infer Id> ? Id : never;
export type Worlds = { -readonly [K in SwitchName]: WorldIdOf<(typeof SWITCHES)[K]> };

/** The emulator's own choice for each switch (the first world). */
export const DEFAULT_WORLDS: Worlds = Object.fromEntries(
  SWITCH_NAMES.map((name) => [name, SWITCHES[name].worlds[0].id]),
) as Worlds;

export const WORLDS_ENV = 'EMULATOR_WORLDS';

/** Whether `world` is one of the switch's worlds. */
export function isWorld<K extends SwitchName>(name: K, world: unknown): world is Worlds[K] {
  return (SWITCHES[name].worlds as readonly World[]).some((w) => w.id === world);
}

/**
 * "name=world,name=world" (EMULATOR_WORLDS) as worlds; throws on an unknown switch or world,
 * naming the choices, so a typo never runs the tests in the default world unnoticed.
 */
export function parseWorlds(text: string): Partial<Worlds> {
  const out: Partial<Record<SwitchName, string>> = {};
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const [name = '', world = ''] = item.split('=').map((s) => s.trim());
    if (!(SWITCH_NAMES as string[]).includes(name))
      throw new Error(
        `${WORLDS_ENV}: unknown switch "${name}" (switches: ${SWITCH_NAMES.join(', ')})`,
      );
    const key = name as SwitchName;
    if (!isWorld(key, world))
      throw new Error(
        `${WORLDS_ENV}: "${world}" is not a world of ${name} (worlds: ${SWITCHES[key].worlds.map((w) => w.id).join(', ')})`,
      );
    out[key] = world;
  }
  return out as Partial<Worlds>;
}

/** "name=world,…" of the switches that differ from the default (EMULATOR_WORLDS's form). */
export function formatWorlds(worlds: Partial<Worlds>): string {
  return SWITCH_NAMES.filter((n) => worlds[n] !== undefined)
    .map((n) => `${n}=${worlds[n]}`)
    .join(',');
}

/** The worlds in force: the defaults, then EMULATOR_WORLDS, then what is given explicitly. */
export function resolveWorlds(
  explicit: Partial<Worlds> = {},
  env: string | undefined = typeof process === 'object' ? process.env[WORLDS_ENV] : undefined,
): Worlds {
  const fromEnv = env ? parseWorlds(env) : {};
  const out = { ...DEFAULT_WORLDS, ...fromEnv };
  for (const name of SWITCH_NAMES) {
    const w = explicit[name];
    if (w === undefined) continue;
    if (!isWorld(name, w)) throw new Error(`Emulator: "${String(w)}" is not a world of ${name}`);
    (out as Record<SwitchName, string>)[name] = w;
  }
  return out;
}

/** The test files that depend on some switch (what `npm run fidelity` runs). */
export function switchTestFiles(names: readonly SwitchName[] = SWITCH_NAMES): string[] {
  return [...new Set(names.flatMap((n) => SWITCHES[n].tests))].sort();
}
