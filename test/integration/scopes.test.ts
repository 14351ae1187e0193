/**
 * Decision 007: whatever would fail in a real spreadsheet for lack of an OAuth scope fails here
 * first. The built bundle runs under the shipped manifest (dist/appsscript.json, explicit
 * oauthScopes) and every entry point is exercised on a workbook with data: every menu item,
 * every trigger handler, every google.script.run call of the sidebar and the dialogs. Any
 * permission error (thrown, caught into an alert or a log, or in a trigger) fails the test; so
 * does a declared scope no call needed (least privilege), and a result the page would receive
 * as null. The kinds the run called are the list emulator/FIDELITY.md documents.
 * Run `npm run build` first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  createEmulator,
  createScriptRunBridge,
  SCOPES,
  type Emulator,
  type Manifest,
} from '../../emulator';
import { fidelityMarkdown, fidelityKindsOf } from '../../emulator/fidelity';
import type {
  ClientRecord,
  FormLoadResult,
  FormOpenResult,
  SaveResult,
} from '../../src/shared/formApi';
import { MULTI_ACCOUNT_PATTERN } from '../../src/shared/pageFailure';
import { workbook, type TestWorkbook } from './harness';
import { API_KEY, AUDIENCE, FakeMailchimp } from './newsletterFake';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const SHIPPED = JSON.parse(readFileSync(path.join(DIST, 'appsscript.json'), 'utf8')) as Manifest;
const ENTRY_POINTS = JSON.parse(
  readFileSync(path.join(DIST, 'entry-points.json'), 'utf8'),
) as string[];
const FIDELITY_FILE = path.join(ROOT, 'emulator/FIDELITY.md');

const without = (scope: string): Manifest => ({
  ...SHIPPED,
  oauthScopes: (SHIPPED.oauthScopes ?? []).filter((s) => s !== scope),
});

function lastDialogHtml(emu: Emulator): string {
  const d = emu.ui.events.filter((e) => e.kind === 'modalDialog').at(-1);
  return d && 'html' in d ? d.html : '';
}

/** One google.script.run call as the page makes it: resolves with what its handlers got. */
function pageCall(
  emu: Emulator,
  name: string,
  ...args: unknown[]
): Promise<{ ok: true; value: unknown } | { ok: false; error: Error }> {
  return new Promise((resolve) => {
    const run = createScriptRunBridge(emu)
      .withSuccessHandler((value) => resolve({ ok: true, value }))
      .withFailureHandler((error) => resolve({ ok: false, error }));
    (run[name] as (...a: unknown[]) => void)(...args);
  });
}

function seed(wb: TestWorkbook): void {
  wb.addRecords('en', 'lists', [
    {
      salespeople: 'Julie Roy',
      salespersonEmails: 'julie@example.com',
      accountManagers: 'Sophie Côté',
      accountManagerEmails: 'sophie@example.com',
      productTypes: 'Seeds',
    },
    { salespeople: 'Marc Roy', salespersonEmails: 'marc@example.com', productTypes: 'Tools' },
  ]);
  wb.addRecords('en', 'clients', [
    {
      code: 'C1',
      name: 'Anne Lavoie',
      email: 'anne@example.com',
      accountManager: 'Sophie Côté',
      newsletter: true,
      consentType: 'express',
      consentDate: '2026-06-01',
      consentSource: 'signed form',
      nextFollowUp: '2026-11-10',
      followUp: 'Call back about seeds',
    },
    { code: 'C2', name: 'Ferme Bellevue', email: 'info@bellevue.ca' },
    { code: 'C3', name: 'Jardins Dupuis', accountManager: 'Sophie Côté' },
  ]);
  wb.addRecords('en', 'terms', [
    { clientCode: 'C1', creditLimit: 1000, termDays: 30 },
    { clientCode: 'C2', termDays: 15, watchReason: 'dispute' },
  ]);
  wb.addRecords('en', 'commissions', [
    { clientCode: 'C1', salesperson: 'Julie Roy', commissionType: 'sales', ratePct: 5 },
    { clientCode: 'C2', salesperson: 'Marc Roy', commissionType: 'margin', ratePct: 10 },
  ]);
  wb.addRecords('en', 'crmLog', [
    { clientCode: 'C1', date: '2026-10-01', kind: 'discussion', from: 'Julie', subject: 'Price' },
  ]);
  wb.addRecords('en', 'invoices', [
    {
      number: 'F-1',
      date: '2026-10-03',
      clientCode: 'C1',
      productType: 'Seeds',
      amount: 250,
      cost: 100,
    },
    {
      number: 'F-2',
      date: '2026-08-02',
      clientCode: 'C2',
      productType: 'Tools',
      amount: 90,
      cost: 40,
      dueDate: '2026-09-01',
    },
    { number: 'F-3', date: '2026-10-20', clientCode: 'C3', productType: 'Seeds', amount: 60 },
  ]);
}

type Page = 'sidebar' | 'settings' | 'newsletterSettings' | 'fold' | 'check' | 'statement';

export interface Exercise {
  emu: Emulator;
  /** Every permission error, failure or lost result seen, as text. */
  problems: string[];
  /** google.script.run calls made, by page. */
  pageCalls: Record<Page, string[]>;
  /** The dialogs' and sidebar's HTML as shown. */
  pages: Record<Page, string>;
}

/**
 * Every entry point of the bundle on a workbook with data, as users and Google would start
 * them; nothing fails the run early: every problem is collected.
 */
async function exerciseEverything(manifest?: Manifest): Promise<Exercise> {
  // Two days before the month's end: the hourly trigger then runs the daily jobs, then the
  // monthly one, in 44 executions rather than the 380 of a fortnight (each evaluates the bundle).
  const wb = workbook({
    locale: 'en_US',
    setup: false,
    manifest,
    now: '2026-11-29T12:00:00-05:00',
  });
  const emu = wb.emu;
  const problems: string[] = [];
  const step = (label: string, fn: () => unknown): void => {
    try {
      fn();
    } catch (e) {
      problems.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const pageCalls: Exercise['pageCalls'] = {
    sidebar: [],
    settings: [],
    newsletterSettings: [],
    fold: [],
    check: [],
    statement: [],
  };
  const page = async (
    which: keyof Exercise['pageCalls'],
    name: string,
    ...args: unknown[]
  ): Promise<unknown> => {
    pageCalls[which].push(name);
    const r = await pageCall(emu, name, ...args);
    if (!r.ok) {
      problems.push(`google.script.run.${name}: ${r.error.message}`);
      return undefined;
    }
    if (r.value === null || typeof r.value !== 'object')
      problems.push(`google.script.run.${name} returned ${JSON.stringify(r.value)}`);
    else if ('ok' in r.value && r.value.ok === false)
      problems.push(`google.script.run.${name} refused: ${JSON.stringify(r.value)}`);
    return r.value;
  };
  const mailchimp = new FakeMailchimp();
  emu.setUrlFetchHandler(mailchimp.handler);

  // Someone who has not authorized opens it (an add-on's AuthMode.NONE): the menu, no error.
  for (const o of emu.fireOpen(emu.user, { authMode: 'NONE' }))
    if (o.error) problems.push(`onOpen (NONE): ${String(o.error)}`);
  // The owner opens the new workbook: the simple onOpen adds the menu and the Welcome sheet.
  for (const o of emu.fireOpen()) if (o.error) problems.push(`onOpen: ${String(o.error)}`);
  const menu = emu.ui.menuItems();
  const clickAll = new Map(menu.map((i) => [i.functionName, i.path]));
  const click = (fn: string, before: () => void = () => {}) =>
    step(`menu ${fn}`, () => {
      const item = clickAll.get(fn);
      if (!item) throw new Error(`no menu item runs ${fn}`);
      before();
      emu.clickMenu(item);
      clickAll.delete(fn);
    });

  click('setupWorkbook');
  seed(wb);

  // Settings dialog: loads, then saves with notifications and statements on (mail paths).
  click('showSettings');
  const settingsHtml = lastDialogHtml(emu);
  const settings = (await page('settings', 'settingsLoad')) as Record<string, unknown>;
  await page('settings', 'settingsSave', {
    graceDays: Number(settings?.graceDays ?? 0),
    defaultTermDays: Number(settings?.defaultTermDays ?? 30),
    lang: 'en',
    notifyWatch: true,
    sendStatements: true,
    retentionMonths: 1, // the workbook-size block's field, saved by the same button
  });
  // Its workbook-size block: the figure, and the months of commission details kept.
  await page('settings', 'triggerStatusLoad');
  await page('settings', 'headroomLoad');
  await page('settings', 'mailAddressesLoad');

  // Newsletter settings dialog: the Mailchimp key and audience, the follow-up digest on.
  click('showNewsletterSettings');
  const newsletterHtml = lastDialogHtml(emu);
  await page('newsletterSettings', 'newsletterSettingsLoad');
  await page('newsletterSettings', 'newsletterSettingsSave', {
    apiKey: API_KEY,
    audienceId: AUDIENCE,
    followUpDigest: true,
  });

  // The client form in the sidebar, on the selected client: open, switch, edit, save, create.
  click('showClientForm', () => emu.spreadsheet.setActiveRange('Clients', 'B2'));
  const sidebarHtml = emu.ui.lastSidebar()?.html ?? '';
  const open = (await page('sidebar', 'formOpen', {})) as FormOpenResult | undefined;
  const loaded = (await page('sidebar', 'formLoad', 'C2')) as FormLoadResult | undefined;
  if (loaded && 'record' in loaded) {
    const original = loaded.record;
    const edited: ClientRecord = {
      ...original,
      crm: { ...original.crm, needs: 'Organic seeds in spring' },
    };
    await page('sidebar', 'formSave', { record: edited, isNew: false, original });
    const created: ClientRecord = {
      ...original,
      version: '',
      general: { ...original.general, code: open?.nextCode ?? 'C4', name: 'New client' },
      salespeople: [],
      crm: { ...original.crm, discussions: [], emails: [] },
    };
    const saved = (await page('sidebar', 'formSave', {
      record: created,
      isNew: true,
      autoCode: true,
    })) as SaveResult | undefined;
    if (saved && !saved.ok) problems.push(`new client not saved: ${JSON.stringify(saved)}`);
  } else problems.push(`formLoad C2: ${JSON.stringify(loaded)}`);
  await page('sidebar', 'habitsSearch', 'Seeds');
  // The type-ahead's list again (decision 021: a client created since the form opened).
  await page('sidebar', 'formClients');
  // The Termes tab's button: the open client's statement (État de compte) in a dialog.
  await page('sidebar', 'statementShow', 'C2');

  click('refreshWatchList');
  click('refreshBuyingHabits');
  emu.ui.answerNextPrompt('2026-10');
  // (a paid-out month would ask to confirm: unanswered, an alert takes its first button, YES)
  click('showCommissionReport');
  // An older month, paid out: the fold dialog offers its lines, and removes them.
  step('a paid-out month to fold', () => {
    emu.run('computeCommissions', '2026-08');
    wb.rows('Commission report').forEach((r, i) => {
      if (r['Month'] === '2026-08') wb.setCell('Commission report', i + 2, 'Paid out', true);
    });
  });
  click('showCommissionDetailsFold');
  const foldHtml = lastDialogHtml(emu);
  const request = /"request":(\{"months":\[[^\]]*\],"fingerprint":"[0-9a-f]+"\})/.exec(foldHtml);
  if (request) await page('fold', 'foldCommissionDetails', JSON.parse(request[1]!));
  else problems.push('the fold dialog offered nothing to fold');
  // Help › Check this spreadsheet: the probes, then the dialog's round trip, the mail test and
  // the completed report.
  click('showSpreadsheetCheck');
  const checkHtml = lastDialogHtml(emu);
  const checkData = /var d=(\{.*?\});var \$=/s.exec(checkHtml);
  await page('check', 'speedPing');
  await page('check', 'checkMailTest');
  if (checkData)
    await page('check', 'checkReportComplete', {
      report: (JSON.parse(checkData[1]!) as { report: unknown }).report,
      page: { roundTrip: [400], roundTripServer: [1], pageLoad: [800] },
    });
  else problems.push('the check dialog embeds no report');
  // A menu built before Check this spreadsheet replaced Measure speed still names this one.
  step('old menu item', () => emu.run('showSpeedCheck'));
  // The client statement from the menu, on the selected row's client, then e-mailed to it.
  click('showClientStatement', () => emu.spreadsheet.setActiveRange('Clients', 'B3'));
  const statementHtml = lastDialogHtml(emu);
  await page('statement', 'statementEmail', 'C2');
  click('syncMailchimp');
  click('showAudienceExport');
  // Help: the sample (refused here: the workbook has rows; loaded in sample.test.ts) and About.
  click('loadSampleWorkbook');
  click('showAbout');
  emu.ui.answerNextPrompt('C1');
  emu.ui.answerNextAlert('YES');
  click('exportClientData');
  emu.ui.answerNextPrompt('C3');
  emu.ui.answerNextPrompt('C3'); // the code typed to confirm
  click('anonymizeClient');
  for (const fn of clickAll.keys()) problems.push(`menu item ${fn} was not clicked`);
  // Set up again: repairs an existing workbook and keeps its triggers (idempotent path).
  step('setup again', () =>
    emu.clickMenu(menu.find((i) => i.functionName === 'setupWorkbook')!.path),
  );

  // The installed edit trigger: an invoice marked paid.
  step('edit trigger', () => {
    wb.setCell('Invoices', 3, 'Paid on', '2026-11-14');
    emu.fireEdit({ range: { sheet: 'Invoices', a1: 'H3' }, value: '2026-11-14' });
  });
  // The installed change trigger: a column inserted (it clears the edit trigger's column cache).
  step('change trigger', () => {
    for (const o of emu.fireChange('INSERT_COLUMN'))
      if (o.error) problems.push(`onChangeTrigger: ${String(o.error)}`);
  });
  // Run from the script editor (the monthly trigger's work, for a given month).
  step('computeCommissions', () => emu.run('computeCommissions', '2026-09'));
  // The hourly trigger: the next mornings (daily refresh, habits and digest), then day 1
  // (monthly). And the clock triggers of older versions, still entry points until Set up runs.
  step('daily jobs', () => emu.advanceTo('2026-11-30T08:00:00-05:00'));
  step('monthly job', () => emu.advanceTo('2026-12-01T08:00:00-05:00'));
  for (const legacy of ['onDailyTrigger', 'onKnowingDailyTrigger', 'onMonthlyTrigger'])
    step(legacy, () => emu.runIn(emu.execution(emu.user, 'clock'), legacy, [{ authMode: 'FULL' }]));

  for (const f of emu.triggerFailures)
    problems.push(
      `trigger ${f.handler}: ${f.error instanceof Error ? f.error.message : String(f.error)}`,
    );
  // A permission error caught by the product and shown or logged is still a failure.
  const shown = [
    ...emu.ui.events.map((e) => JSON.stringify(e)),
    ...emu.toasts.map((t) => t.message),
    ...emu.logs.entries.map((e) => e.message),
  ];
  // Every page carries the multi-account refusal's pattern (PERMISSION_DENIED…) to recognise it.
  for (const text of shown)
    if (/permission/i.test(text.split(MULTI_ACCOUNT_PATTERN).join('')))
      problems.push(`shown or logged: ${text.slice(0, 300)}`);
  for (const n of emu.scriptRunNulls)
    problems.push(
      `google.script.run.${n.name} returned a ${n.what} at ${n.path}: the page got null`,
    );
  return {
    emu,
    problems,
    pageCalls,
    pages: {
      sidebar: sidebarHtml,
      settings: settingsHtml,
      newsletterSettings: newsletterHtml,
      fold: foldHtml,
      check: checkHtml,
      statement: statementHtml,
    },
  };
}

let shipped: Exercise;
beforeAll(async () => {
  shipped = await exerciseEverything();
});

describe('the shipped manifest and every entry point', () => {
  it('the shipped manifest declares explicit scopes, which the emulator enforces', () => {
    expect(shipped.emu.manifest?.oauthScopes).toEqual(SHIPPED.oauthScopes);
    expect(shipped.emu.scopes.declaredScopes?.sort()).toEqual([...SHIPPED.oauthScopes!].sort());
  });

  it('runs every entry point without a permission error, failure or lost result', () => {
    expect(shipped.problems).toEqual([]);
  });

  it('exercised every entry point of dist/entry-points.json', () => {
    const ran = new Set(shipped.emu.entryPointRuns.map((r) => r.name));
    expect(ENTRY_POINTS.filter((name) => !ran.has(name))).toEqual([]);
    // …each as Google starts it.
    const kinds = (name: string) =>
      new Set(shipped.emu.entryPointRuns.filter((r) => r.name === name).map((r) => r.kind));
    expect(kinds('onOpen')).toContain('simpleTrigger');
    expect(kinds('onEditTrigger')).toContain('trigger');
    expect(kinds('onChangeTrigger')).toContain('trigger');
    for (const clock of [
      'onHourlyTrigger',
      'onDailyTrigger',
      'onKnowingDailyTrigger',
      'onMonthlyTrigger',
    ])
      expect(kinds(clock)).toContain('clock');
    for (const call of [
      'formOpen',
      'formLoad',
      'formSave',
      'formClients',
      'habitsSearch',
      'settingsSave',
    ])
      expect(kinds(call)).toContain('scriptRun');
  });

  it('made every google.script.run call the sidebar and the dialogs contain', () => {
    // The calls a page can make: the entry points its code names (minified sidebar: as the
    // string callServer passes; dialogs: as google.script.run….name( ).
    const named = (html: string, asCall: boolean) =>
      ENTRY_POINTS.filter((n) =>
        asCall ? html.includes(`.${n}(`) : new RegExp(`["'\`]${n}["'\`]`).test(html),
      ).sort();
    expect(named(shipped.pages.sidebar, false)).toEqual(
      [...new Set(shipped.pageCalls.sidebar)].sort(),
    );
    expect(named(shipped.pages.settings, true)).toEqual(shipped.pageCalls.settings.sort());
    expect(named(shipped.pages.newsletterSettings, true)).toEqual(
      shipped.pageCalls.newsletterSettings.sort(),
    );
    expect(named(shipped.pages.fold, true)).toEqual(shipped.pageCalls.fold.sort());
    expect(named(shipped.pages.check, true)).toEqual(shipped.pageCalls.check.sort());
    expect(named(shipped.pages.statement, true)).toEqual(shipped.pageCalls.statement.sort());
  });

  it('the mails, fetches and triggers of the run happened (the run did real work)', () => {
    expect(shipped.emu.triggers.triggers.map((t) => t.handler).sort()).toEqual([
      'onChangeTrigger',
      'onEditTrigger',
      'onHourlyTrigger',
    ]);
    expect(shipped.emu.urlFetches.length).toBeGreaterThan(0);
    expect(shipped.emu.mails.length).toBeGreaterThan(0);
  });

  it('least privilege: every declared scope was needed by some call of the run', () => {
    expect(shipped.emu.scopes.unneeded()).toEqual([]);
  });
});

describe('a manifest missing a scope fails as Google would', () => {
  const denied = (kind: string, scope: string) =>
    `Specified permissions are not sufficient to call ${kind}. Required permissions: ${scope}`;

  it('without userinfo.email, setupWorkbook and formSave throw the permission error', async () => {
    const bare = workbook({ locale: 'en_US', manifest: without(SCOPES.userEmail), setup: false });
    expect(() => bare.run('setupWorkbook')).toThrow(
      denied('Session.getEffectiveUser', SCOPES.userEmail),
    );
    // A workbook set up and filled under the full manifest, then the sidebar's save without it.
    const full = workbook({ locale: 'en_US' });
    seed(full);
    const loaded = full.run('formLoad', 'C1');
    if (!('record' in loaded)) throw new Error(`formLoad: ${JSON.stringify(loaded)}`);
    const emu = createEmulator({
      state: full.emu.exportState(),
      manifest: without(SCOPES.userEmail),
    });
    emu.loadBundle();
    const original = loaded.record;
    const record = { ...original, crm: { ...original.crm, needs: 'More seeds' } };
    const r = await pageCall(emu, 'formSave', { record, isNew: false, original });
    expect(r.ok ? r.value : r.error.message).toBe(
      denied('Session.getActiveUser', SCOPES.userEmail),
    );
  });

  it('removing any declared scope makes the full run fail with Google’s text', async () => {
    const ex = await exerciseEverything(without(SCOPES.sendMail));
    expect(ex.problems.join('\n')).toContain(
      denied('MailApp.getRemainingDailyQuota', SCOPES.sendMail),
    );
  });

  it('a scope declared but never needed is reported', async () => {
    const extra = `${'https://www.googleapis.com/auth/'}drive.file`;
    const ex = await exerciseEverything({
      ...SHIPPED,
      oauthScopes: [...SHIPPED.oauthScopes!, extra],
    });
    expect(ex.problems).toEqual([]);
    expect(ex.emu.scopes.unneeded()).toEqual([extra]);
  });
});

describe('emulator/FIDELITY.md', () => {
  it('lists exactly the Apps Script methods the product calls (UPDATE_FIDELITY=1 rewrites it)', () => {
    const kinds = Object.keys(shipped.emu.scopes.kinds());
    const markdown = fidelityMarkdown(kinds);
    if (process.env.UPDATE_FIDELITY === '1') writeFileSync(FIDELITY_FILE, markdown);
    const documented = fidelityKindsOf(readFileSync(FIDELITY_FILE, 'utf8'));
    expect(kinds.filter((k) => !documented.includes(k))).toEqual([]);
    expect(documented.filter((k) => !kinds.includes(k))).toEqual([]);
    expect(readFileSync(FIDELITY_FILE, 'utf8')).toBe(markdown);
  });
});
