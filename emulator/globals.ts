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
import { restricted, unauthorized } from './permissions';
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
  /**
   * Not an Apps Script service: the emulator's hook for the bundle's span() (src/server/platform/
   * span.ts), which groups the calls a step makes. Absent in Apps Script, where span() is free.
   */
  __ficheClientSpan: <T>(name: string, fn: () => T) => T;
  /** Only in the intlTimeZones 'utcOnly' world (switches.ts); else the vm's own Intl. */
  Intl?: typeof Intl;
};

/** Builds the service objects of one execution. */
export function buildGlobals(emu: Emulator, exec: Execution): ServiceGlobals {
  const calls = exec.counter;
  const now = (): Date => emu.clock.now();
  const workbook = emu.workbook(exec.spreadsheetId);
  // What the execution's authorization mode allows (permissions.ts).
  const limit = <T extends object>(name: string, service: T): T =>
    exec.authMode === 'NONE'
      ? unauthorized(name, restricted(name, service))
      : exec.authMode === 'LIMITED'
        ? restricted(name, service)
        : service;
  const email = (user: string): string => (emu.hiddenEmails.has(user) ? '' : user);
  const ui = limit('Ui', createUi(emu.ui, calls));
  // SpreadsheetApp.getUi() answers with our Ui (counted there as SpreadsheetApp.getUi), and is
  // refused where there is no user interface: a time-driven trigger.
  const spreadsheetApp = limit(
    'SpreadsheetApp',
    createSpreadsheetApp(
      {
        calls,
        now,
        activeUserEmail: () => email(exec.user),
        ui: () => {
          if (exec.kind === 'clock') throw scriptError(NO_UI_CONTEXT);
          return ui as unknown as GoogleAppsScript.Base.Ui;
        },
      },
      workbook.spreadsheet,
    ),
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
      documentId: exec.spreadsheetId,
      clockInUserTriggers: emu.clockTriggersInUserTriggers,
    },
    'emulated-script-id',
  );
  globals = {
    SpreadsheetApp: spreadsheetApp,
    // Template scriptlets run on the server: they see the services and the script's functions.
    HtmlService: limit(
      'HtmlService',
      createHtmlService(calls, emu.distDir, () => ({
        ...(globals ?? {}),
        ...exec.loadedFunctions(),
      })),
    ),
    PropertiesService: limit(
      'PropertiesService',
      createPropertiesService(
        emu.properties,
        exec.effectiveUser,
        calls,
        workbook.documentProperties,
      ),
    ),
    CacheService: limit(
      'CacheService',
      createCacheService(emu.caches, exec.effectiveUser, emu.clock, calls, workbook.documentCache),
    ),
    LockService: limit(
      'LockService',
      createLockService(
        emu.locks,
        exec.id,
        exec.effectiveUser,
        emu.clock,
        calls,
        exec.spreadsheetId === emu.spreadsheet.id ? 'document' : `document:${exec.spreadsheetId}`,
      ),
    ),
    ScriptApp: limit('ScriptApp', scriptApp),
    Session: limit(
      'Session',
      createSession(
        {
          activeUser: email(exec.user),
          effectiveUser: email(exec.effectiveUser),
          timeZone: emu.timeZone,
          locale: emu.locale,
        },
        calls,
      ),
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
    __ficheClientSpan: (name, fn) => calls.step(String(name), fn),
  };
  if (emu.worlds.intlTimeZones === 'utcOnly') globals.Intl = utcOnlyIntl(Intl);
  return globals;
}
