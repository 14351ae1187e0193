import { createCacheService } from './cache';
import type { Emulator, Execution } from './emulator';
import { scriptError } from './errors';
import type { SpreadsheetLike } from './events';
import { NO_UI_CONTEXT } from './execution';
import { createHtmlService } from './html';
import { clockDate } from './loader';
import { createLockService } from './lock';
import { createConsole, createLogger } from './logger';
import { createMailApp } from './mail';
import { restricted } from './permissions';
import { createPropertiesService } from './properties';
import { createSession } from './session';
import { createSpreadsheetApp } from './spreadsheet';
import { formatDateJava } from './time';
import { createScriptApp } from './triggers';
import { createUi } from './ui';
import { createUrlFetchApp } from './urlfetch';
import { createUtilities } from './utilities';
import { utcOnlyIntl } from './intl';

/** The global names a bundle sees: the services, and a Date on the emulated clock. */
export type ServiceGlobals = Record<string, unknown> & {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  HtmlService: ReturnType<typeof createHtmlService>;
  PropertiesService: ReturnType<typeof createPropertiesService>;
  CacheService: ReturnType<typeof createCacheService>;
  LockService: ReturnType<typeof createLockService>;
  ScriptApp: ReturnType<typeof createScriptApp>;
  Session: ReturnType<typeof createSession>;
  Utilities: ReturnType<typeof createUtilities>;
  MailApp: ReturnType<typeof createMailApp>;
  UrlFetchApp: ReturnType<typeof createUrlFetchApp>;
  Logger: ReturnType<typeof createLogger>;
  console: ReturnType<typeof createConsole>;
  Date: DateConstructor;
  /** Only in the intlTimeZones 'utcOnly' world (switches.ts); else the vm's own Intl. */
  Intl?: typeof Intl;
};

/** Builds the service objects of one execution. */
export function buildGlobals(emu: Emulator, exec: Execution): ServiceGlobals {
  const calls = exec.counter;
  const now = (): Date => emu.clock.now();
  const limit = <T extends object>(name: string, service: T): T =>
    exec.kind === 'simpleTrigger' ? restricted(name, service) : service;
  const ui = limit('Ui', createUi(emu.ui, calls));
  // SpreadsheetApp.getUi() answers with our Ui (counted there as SpreadsheetApp.getUi), and is
  // refused where there is no user interface: a time-driven trigger.
  const spreadsheetApp = createSpreadsheetApp(
    {
      calls,
      now,
      activeUserEmail: () => exec.user,
      ui: () => {
        if (exec.kind === 'clock') throw scriptError(NO_UI_CONTEXT);
        return ui as unknown as GoogleAppsScript.Base.Ui;
      },
    },
    emu.spreadsheet,
  );
  let globals: ServiceGlobals | null = null;
  const scriptApp = createScriptApp(
    {
      store: emu.triggers,
      calls,
      clock: emu.clock,
      user: exec.effectiveUser,
      timeZone: emu.timeZone,
      spreadsheetId: (ss) => exec.uncounted(() => (ss as SpreadsheetLike).getId()),
    },
    'emulated-script-id',
  );
  globals = {
    SpreadsheetApp: spreadsheetApp,
    // Template scriptlets run on the server: they see the services and the script's functions.
    HtmlService: createHtmlService(calls, emu.distDir, () => ({
      ...(globals ?? {}),
      ...exec.loadedFunctions(),
    })),
    PropertiesService: createPropertiesService(emu.properties, exec.effectiveUser, calls),
    CacheService: createCacheService(emu.caches, exec.effectiveUser, emu.clock, calls),
    LockService: createLockService(emu.locks, exec.id, exec.effectiveUser, emu.clock, calls),
    ScriptApp: limit('ScriptApp', scriptApp),
    Session: createSession(
      {
        activeUser: exec.user,
        effectiveUser: exec.effectiveUser,
        timeZone: emu.timeZone,
        locale: emu.locale,
      },
      calls,
    ),
    Utilities: createUtilities(calls, emu.clock, formatDateJava),
    MailApp: limit('MailApp', createMailApp(emu.mailbox, exec.effectiveUser, emu.clock, calls)),
    UrlFetchApp: limit(
      'UrlFetchApp',
      createUrlFetchApp(emu.urlFetch, calls, exec.effectiveUser, emu.clock),
    ),
    Logger: createLogger(emu.logs, now, calls),
    console: createConsole(emu.logs, now, calls),
    Date: clockDate(emu.clock),
  };
  if (emu.worlds.intlTimeZones === 'utcOnly') globals.Intl = utcOnlyIntl(Intl);
  return globals;
}
