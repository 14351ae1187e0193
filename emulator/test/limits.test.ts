/**
 * The published limits of Sheets and Apps Script the emulator enforces, each with the text real
 * scripts get (sources next to each behaviour: spreadsheet/limits.ts, properties.ts, cache.ts,
 * triggers.ts, mail.ts, urlfetch.ts, quotas.ts).
 */
import { CallCounter } from '../calls';
import { Clock } from '../clock';
import { CACHE_TTL_TOO_LARGE, CacheStores, createCacheService } from '../cache';
import { createEmulator } from '../index';
import {
  BODY_TOO_LARGE,
  EMAIL_QUOTA_ERROR,
  Mailbox,
  TOO_MANY_ATTACHMENTS,
  TOO_MANY_RECIPIENTS,
  createMailApp,
} from '../mail';
import { PROPERTY_QUOTA_ERROR, PropertyStores, createPropertiesService } from '../properties';
import { EmulatedSpreadsheet } from '../spreadsheet';
import { CELL_TOO_LONG, TOO_MANY_CELLS, TOO_MANY_COLUMNS } from '../spreadsheet/limits';
import { TOO_MANY_TRIGGERS, TriggerStore, createScriptApp } from '../triggers';
import {
  POST_TOO_LARGE,
  URLFETCH_QUOTA_ERROR,
  URL_TOO_LONG,
  UrlFetchLog,
  createUrlFetchApp,
} from '../urlfetch';
import { setup } from './spreadsheetHarness';

const START = '2026-03-10T14:00:00Z';
const HOUR = 3_600_000;

const sumOfGrids = (doc: EmulatedSpreadsheet): number =>
  doc.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);

describe('Sheets: 10,000,000 cells per spreadsheet', () => {
  test('every grid cell counts; growth past the limit throws and changes nothing', () => {
    const { doc, ss, sheet } = setup();
    expect(doc.gridCells).toBe(26_000); // a new spreadsheet: one sheet of 1000 × 26
    // 1000 rows × 10,000 columns: exactly the limit, allowed ("above the limit" is refused).
    sheet.insertColumnsAfter(26, 10_000 - 26);
    expect(doc.gridCells).toBe(10_000_000);
    expect(() => sheet.insertRowsAfter(1000, 1)).toThrow(TOO_MANY_CELLS);
    expect(() => sheet.insertRows(1)).toThrow(TOO_MANY_CELLS);
    expect(() => sheet.insertColumnBefore(1)).toThrow(TOO_MANY_CELLS);
    expect(() => ss.insertSheet('More')).toThrow(TOO_MANY_CELLS);
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), ss.getSheets().length]).toEqual([
      1000, 10_000, 1,
    ]);
    // A range past the grid's edge is refused by getRange, as in Sheets: no auto-growth.
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    // Deleting columns makes room for a new sheet (26,000 cells).
    sheet.deleteColumns(9_000, 1000);
    ss.insertSheet('More');
    expect(doc.gridCells).toBe(1000 * 9000 + 26_000);
    expect(doc.gridCells).toBe(sumOfGrids(doc));
  });

  test('appendRow grows the grid and throws at the limit, leaving it as it was', () => {
    const { doc, sheet } = setup();
    sheet.insertColumnsAfter(26, 10_000 - 26);
    sheet.getRange(1000, 1).setValue('last');
    expect(() => sheet.appendRow(['x'])).toThrow(TOO_MANY_CELLS);
    expect([sheet.getMaxRows(), sheet.getLastRow(), doc.gridCells]).toEqual([
      1000, 1000, 10_000_000,
    ]);
    sheet.deleteRows(2, 1); // 10,000 cells freed: room for one more row
    sheet.appendRow(['x']);
    expect([sheet.getMaxRows(), sheet.getLastRow()]).toEqual([1000, 1000]);
    expect(sheet.getRange(1000, 1).getValue()).toBe('x');
    // A row wider than the grid widens it: 1000 × 10,001 is over the limit.
    expect(() => sheet.appendRow(new Array(10_001).fill('y'))).toThrow(TOO_MANY_CELLS);
    expect(doc.gridCells).toBe(10_000_000);
  });

  test('the running total follows sheets inserted, deleted, restored and seeded', () => {
    const { doc, ss } = setup();
    const extra = ss.insertSheet('Extra');
    extra.insertRowsAfter(1000, 500);
    doc.seed('Seeded', [['a', 'b', 'c']], 'AB2000'); // grows to 2000 rows × 30 (AB:AD)
    expect(doc.gridCells).toBe(26_000 + 1500 * 26 + 2000 * 30);
    ss.deleteSheet(extra);
    expect(doc.gridCells).toBe(sumOfGrids(doc));
    const restored = EmulatedSpreadsheet.fromJSON(doc.toJSON());
    expect(restored.gridCells).toBe(26_000 + 2000 * 30);
    expect(() => restored.seed('Huge', [['x']], 'A400000')).toThrow(TOO_MANY_CELLS);
    expect(restored.gridCells).toBe(26_000 + 2000 * 30 + 26_000); // the sheet, not its growth
  });
});

describe('Sheets: 18,278 columns per sheet, 50,000 characters per cell', () => {
  test('a sheet may not pass column ZZZ', () => {
    const { sheet } = setup();
    sheet.deleteRows(11, 990); // 10 rows, so the cell limit is far
    sheet.insertColumnsAfter(26, 18_278 - 26);
    expect(sheet.getMaxColumns()).toBe(18_278);
    expect(sheet.getRange('ZZZ1').getColumn()).toBe(18_278);
    expect(() => sheet.insertColumnAfter(18_278)).toThrow(TOO_MANY_COLUMNS);
    expect(() => sheet.appendRow(new Array(18_279).fill(1))).toThrow(TOO_MANY_COLUMNS);
    expect(sheet.getMaxColumns()).toBe(18_278);
  });

  test('more than 50,000 characters in a cell refuses the whole write', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('x'.repeat(50_000));
    expect(sheet.getRange('A1').getValue()).toHaveLength(50_000);
    expect(() => sheet.getRange('A2:B2').setValues([['ok', 'y'.repeat(50_001)]])).toThrow(
      CELL_TOO_LONG,
    );
    expect(sheet.getRange('A2').getValue()).toBe('');
    expect(() => sheet.appendRow(['ok', 'z'.repeat(50_001)])).toThrow(CELL_TOO_LONG);
    expect([sheet.getLastRow(), sheet.getMaxRows()]).toEqual([1, 1000]);
    expect(CELL_TOO_LONG).toBe(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });
});

describe('PropertiesService: 9 KB a value, 500 KB a store (keys and values)', () => {
  const props = () =>
    createPropertiesService(
      new PropertyStores(),
      'a@x.com',
      new CallCounter(),
    ).getScriptProperties();

  test('a key and value over 9 KB together are refused, at 9 KB accepted', () => {
    const p = props();
    p.setProperty('k', 'v'.repeat(9 * 1024 - 1)); // 1 + 9215 bytes
    expect(() => p.setProperty('k2', 'v'.repeat(9 * 1024 - 1))).toThrow(PROPERTY_QUOTA_ERROR);
    // UTF-8 bytes, not characters: 4,700 'é' are 9,400 bytes.
    expect(() => p.setProperty('e', 'é'.repeat(4700))).toThrow(PROPERTY_QUOTA_ERROR);
    expect(p.getKeys()).toEqual(['k']);
  });

  test('the store refuses a write past 500 KB of keys and values, all or nothing', () => {
    const p = props();
    const batch: Record<string, string> = {};
    for (let i = 0; i < 100; i++) batch[`key${String(i).padStart(3, '0')}`] = 'x'.repeat(5114);
    p.setProperties(batch); // 100 × (6 + 5114) = 512,000 bytes = 500 KB exactly
    expect(() => p.setProperty('z', '')).toThrow(PROPERTY_QUOTA_ERROR);
    expect(() => p.setProperties({ a: '1', b: '2' })).toThrow(PROPERTY_QUOTA_ERROR);
    expect(p.getKeys()).toHaveLength(100);
    p.deleteProperty('key000');
    p.setProperty('z', 'room again');
  });
});

describe('CacheService limits', () => {
  const cacheOn = (clock: Clock) =>
    createCacheService(new CacheStores(), 'a@x.com', clock, new CallCounter()).getScriptCache();

  test('an expiration above 21,600 s is refused (stricter choice), 21,600 s kept 6 hours', () => {
    const clock = new Clock(START);
    const cache = cacheOn(clock);
    expect(() => cache.put('k', 'v', 21_601)).toThrow(CACHE_TTL_TOO_LARGE);
    expect(() => cache.putAll({ a: '1' }, 86_400)).toThrow(CACHE_TTL_TOO_LARGE);
    expect(cache.get('k')).toBeNull();
    cache.put('k', 'v', 21_600);
    clock.advance(6 * HOUR - 1);
    expect(cache.get('k')).toBe('v');
    clock.advance(1);
    expect(cache.get('k')).toBeNull();
  });

  test('past 1,000 items the cache keeps the 900 farthest from expiration', () => {
    const clock = new Clock(START);
    const cache = cacheOn(clock);
    const batch: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) cache.put(`k${i}`, 'v', 1000 + i);
    cache.put('soon', 'v', 600); // the 1,001st item, and the nearest to expiry
    for (let i = 0; i < 1000; i++) batch[`k${i}`] = '';
    const kept = Object.keys(cache.getAll([...Object.keys(batch), 'soon']));
    expect(kept).toHaveLength(900);
    expect(kept[0]).toBe('k100');
    expect(kept).not.toContain('soon');
    expect(kept).not.toContain('k99');
  });

  test('expired items do not count towards the cap; a batch over 100 KB stores nothing', () => {
    const clock = new Clock(START);
    const cache = cacheOn(clock);
    const batch: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) batch[`k${i}`] = 'v';
    cache.putAll(batch, 60);
    clock.advance(61_000);
    cache.put('fresh', 'v');
    expect(cache.get('fresh')).toBe('v');
    expect(() => cache.putAll({ a: 'ok', b: 'x'.repeat(100 * 1024 + 1) })).toThrow(
      'Argument too large: value',
    );
    expect(cache.get('a')).toBeNull();
  });
});

describe('Triggers: 20 per user per script', () => {
  test('the 21st trigger of one user is refused; another user still has 20', () => {
    const store = new TriggerStore();
    const clock = new Clock(START);
    const app = (user: string) =>
      createScriptApp(
        {
          store,
          calls: new CallCounter(),
          clock,
          user,
          timeZone: 'America/Toronto',
          spreadsheetId: () => 'sheet-id',
        },
        'script-id',
      );
    for (let i = 0; i < 20; i++)
      app('ann@x.com').newTrigger(`h${i}`).timeBased().everyHours(1).create();
    expect(() => app('ann@x.com').newTrigger('h').timeBased().everyHours(1).create()).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    expect(TOO_MANY_TRIGGERS).toMatch(/^This script has too many triggers\./);
    app('bob@x.com').newTrigger('h').timeBased().everyHours(1).create();
    const ann = app('ann@x.com');
    ann.deleteTrigger(ann.getProjectTriggers()[0]!);
    ann.newTrigger('h').timeBased().everyHours(1).create();
    expect(store.triggers).toHaveLength(21);
  });
});

describe('MailApp limits', () => {
  const mailer = (box = new Mailbox(), clock = new Clock(START)) => ({
    box,
    clock,
    mail: createMailApp(box, 'own@x.com', clock, new CallCounter()),
  });
  const list = (n: number) => Array.from({ length: n }, (_, i) => `r${i}@x.com`).join(',');

  test('50 recipients per message (to, cc and bcc together); a refused message costs nothing', () => {
    const { mail, box } = mailer();
    mail.sendEmail({ to: list(30), cc: list(10), bcc: list(10), subject: 's', body: 'b' });
    expect(mail.getRemainingDailyQuota()).toBe(50);
    expect(() => mail.sendEmail({ to: list(50), bcc: 'x@x.com', subject: 's', body: 'b' })).toThrow(
      TOO_MANY_RECIPIENTS,
    );
    expect(mail.getRemainingDailyQuota()).toBe(50);
    expect(box.sent).toHaveLength(1);
    expect(TOO_MANY_RECIPIENTS).toBe('Limit Exceeded: Email Recipients Per Message.');
  });

  test('body 200 KB (consumer), plain and HTML together; 250 attachments', () => {
    const { mail } = mailer();
    mail.sendEmail('a@x.com', 's', 'b'.repeat(200 * 1024));
    expect(() => mail.sendEmail('a@x.com', 's', 'b'.repeat(200 * 1024 + 1))).toThrow(
      BODY_TOO_LARGE,
    );
    expect(() =>
      mail.sendEmail({
        to: 'a@x.com',
        subject: 's',
        body: 'b'.repeat(150_000),
        htmlBody: 'h'.repeat(60_000),
      }),
    ).toThrow('Limit Exceeded: Email Body Size.');
    expect(() =>
      mail.sendEmail({
        to: 'a@x.com',
        subject: 's',
        body: 'b',
        attachments: new Array(251).fill({}),
      }),
    ).toThrow(TOO_MANY_ATTACHMENTS);
    expect(mail.getRemainingDailyQuota()).toBe(99);
  });

  test('the day restarts 24 hours after its first mail, not at midnight', () => {
    const { mail, clock } = mailer(new Mailbox(2));
    mail.sendEmail('a@x.com', 's', 'b'); // 14:00 UTC: the day runs to 14:00 tomorrow
    clock.advance(10 * HOUR);
    mail.sendEmail('b@x.com', 's', 'b'); // midnight passes
    clock.advance(13 * HOUR);
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(() => mail.sendEmail('c@x.com', 's', 'b')).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(EMAIL_QUOTA_ERROR).toBe('Service invoked too many times for one day: email.');
    clock.advance(HOUR);
    expect(mail.getRemainingDailyQuota()).toBe(2);
    mail.sendEmail('c@x.com', 's', 'b');
  });

  test('Workspace: 1,500 recipients a day and a 400 KB body, through the emulator option', () => {
    const { mail } = mailer(new Mailbox(undefined, 'workspace'));
    expect(mail.getRemainingDailyQuota()).toBe(1500);
    mail.sendEmail('a@x.com', 's', 'b'.repeat(400 * 1024));
    expect(() => mail.sendEmail('a@x.com', 's', 'b'.repeat(400 * 1024 + 1))).toThrow(
      BODY_TOO_LARGE,
    );
    const emu = createEmulator({ now: START, account: 'workspace' });
    expect(emu.mailbox.dailyQuota).toBe(1500);
    expect(emu.urlFetch.quota.limit).toBe(100_000);
    const consumer = createEmulator({ now: START });
    expect([consumer.mailbox.dailyQuota, consumer.urlFetch.quota.limit]).toEqual([100, 20_000]);
  });
});

describe('UrlFetchApp limits', () => {
  const fetcher = (log = new UrlFetchLog(), clock = new Clock(START), user = 'own@x.com') => {
    log.handler = () => ({ status: 200, body: 'ok' });
    return { log, clock, app: createUrlFetchApp(log, new CallCounter(), user, clock) };
  };

  test('a URL of more than 2 KB is refused, not sent, not counted', () => {
    const { app, log } = fetcher();
    const base = 'https://api.example.com/?q=';
    app.fetch(base + 'a'.repeat(2048 - base.length));
    expect(() => app.fetch(base + 'a'.repeat(2049 - base.length))).toThrow(URL_TOO_LONG);
    expect(URL_TOO_LONG).toBe('Limit Exceeded: URLFetch URL Length.');
    expect(log.requests).toHaveLength(1);
    expect(log.quota.remaining('own@x.com', new Date(START).getTime())).toBe(20_000 - 1);
  });

  test('a payload over 50 MB is refused', () => {
    const { app, log } = fetcher();
    expect(() =>
      app.fetch('https://api.example.com/', {
        method: 'post',
        payload: 'x'.repeat(50 * 1024 * 1024 + 1),
      }),
    ).toThrow(POST_TOO_LARGE);
    expect(log.requests).toHaveLength(0);
  });

  test('daily calls per user, fetchAll counting each request, reset 24 h after the first', () => {
    const { app, clock, log } = fetcher(new UrlFetchLog('consumer', 3));
    app.fetch('https://a.example.com/');
    clock.advance(12 * HOUR);
    expect(() =>
      app.fetchAll(['https://a.example.com/', 'https://b.example.com/', 'https://c.example.com/']),
    ).toThrow(URLFETCH_QUOTA_ERROR);
    expect(log.requests).toHaveLength(1); // the batch that did not fit sent nothing
    app.fetchAll(['https://a.example.com/', 'https://b.example.com/']);
    expect(() => app.fetch('https://a.example.com/')).toThrow(
      'Service invoked too many times for one day: urlfetch.',
    );
    // Another user has their own quota.
    fetcher(log, clock, 'bob@x.com').app.fetch('https://a.example.com/');
    clock.advance(12 * HOUR);
    app.fetch('https://a.example.com/');
    expect(new UrlFetchLog().quota.limit).toBe(20_000);
    expect(new UrlFetchLog('workspace').quota.limit).toBe(100_000);
  });
});
