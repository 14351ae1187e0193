import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CallCounter } from '../calls';
import { Clock } from '../clock';
import { createCacheService, CacheStores } from '../cache';
import { createHtmlService } from '../html';
import { createConsole, createLogger, LogBook } from '../logger';
import { createMailApp, EMAIL_QUOTA_ERROR, Mailbox } from '../mail';
import { createPropertiesService, PROPERTY_QUOTA_ERROR, PropertyStores } from '../properties';
import { createSession } from '../session';
import { createUi, UiLog } from '../ui';
import { createUrlFetchApp, UrlFetchLog } from '../urlfetch';
import { createUtilities } from '../utilities';
import { formatDateJava } from '../time';

const START = '2026-03-10T14:00:00Z';

describe('PropertiesService', () => {
  const setup = () => {
    const calls = new CallCounter();
    const stores = new PropertyStores();
    return {
      calls,
      stores,
      as: (user: string) => createPropertiesService(stores, user, calls),
    };
  };

  it('stores strings, shares script and document stores, keeps user stores apart', () => {
    const { as } = setup();
    const ann = as('ann@example.com');
    const bob = as('bob@example.com');
    ann.getDocumentProperties().setProperty('grace', 3 as unknown as string);
    expect(bob.getDocumentProperties().getProperty('grace')).toBe('3');
    ann
      .getScriptProperties()
      .setProperties({ a: true, b: 'x' } as unknown as Record<string, string>);
    expect(bob.getScriptProperties().getProperties()).toEqual({ a: 'true', b: 'x' });
    ann.getUserProperties().setProperty('lang', 'fr');
    expect(bob.getUserProperties().getProperty('lang')).toBeNull();
    expect(as('ann@example.com').getUserProperties().getProperty('lang')).toBe('fr');
  });

  it('deletes, lists keys, and replaces all with deleteAllOthers', () => {
    const props = setup().as('a@x.com').getScriptProperties();
    props.setProperties({ a: '1', b: '2', c: '3' });
    props.deleteProperty('b');
    expect(props.getKeys().sort()).toEqual(['a', 'c']);
    props.setProperties({ z: '26' }, true);
    expect(props.getProperties()).toEqual({ z: '26' });
    props.deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
  });

  it('refuses a value over 9 KB and a store over 500 KB, leaving the store unchanged', () => {
    const props = setup().as('a@x.com').getDocumentProperties();
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024))).toThrow(PROPERTY_QUOTA_ERROR);
    expect(props.getProperty('big')).toBeNull();
    let n = 0;
    expect(() => {
      for (;;) props.setProperty(`k${n++}`, 'y'.repeat(9000));
    }).toThrow(PROPERTY_QUOTA_ERROR);
    // 500 KB / ~9 KB per entry: the 57th write breaks the limit and is not kept.
    expect(n).toBe(57);
    expect(props.getKeys()).toHaveLength(56);
  });

  it('counts each call as Class.method', () => {
    const { as, calls } = setup();
    const p = as('a@x.com').getDocumentProperties();
    p.setProperty('a', '1');
    p.getProperty('a');
    p.getProperty('b');
    expect(calls.snapshot()).toEqual({
      'Properties.getProperty': 2,
      'Properties.setProperty': 1,
      'PropertiesService.getDocumentProperties': 1,
    });
  });
});

describe('CacheService', () => {
  const setup = () => {
    const clock = new Clock(START);
    const calls = new CallCounter();
    const stores = new CacheStores();
    return { clock, calls, as: (u: string) => createCacheService(stores, u, clock, calls) };
  };

  it('expires entries on the emulated clock (default 600 s, max 21600 s)', () => {
    const { clock, as } = setup();
    const cache = as('a@x.com').getScriptCache();
    cache.put('short', 'v');
    cache.put('long', 'w', 21600);
    clock.advance(599_000);
    expect(cache.get('short')).toBe('v');
    clock.advance(1_000);
    expect(cache.get('short')).toBeNull();
    clock.advance(21600_000 - 600_000 - 1);
    expect(cache.get('long')).toBe('w');
    clock.advance(1);
    expect(cache.get('long')).toBeNull();
  });

  it('getAll, putAll, remove, removeAll, and per-user caches', () => {
    const { as } = setup();
    const doc = as('a@x.com').getDocumentCache();
    doc.putAll({ a: 1, b: 2, c: 3 }, 60);
    expect(doc.getAll(['a', 'b', 'zz'])).toEqual({ a: '1', b: '2' });
    doc.remove('a');
    doc.removeAll(['b']);
    expect(doc.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
    as('a@x.com').getUserCache().put('me', 'a');
    expect(as('b@x.com').getUserCache().get('me')).toBeNull();
  });

  it('counts the values getAll returns and putAll stores (the bench prices each)', () => {
    const { as, calls } = setup();
    const doc = as('a@x.com').getDocumentCache();
    const m = calls.measure(() => {
      doc.putAll({ a: 1, b: 2, c: 3 }, 60);
      doc.getAll(['a', 'b', 'missing']);
    });
    expect(m.calls).toEqual({ 'Cache.putAll': 1, 'Cache.getAll': 1 });
    expect(m.cacheValues).toEqual({ read: 2, written: 3 });
  });

  it('limits keys to 250 characters and values to 100 KB', () => {
    const cache = setup().as('a@x.com').getScriptCache();
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => cache.get('k'.repeat(251))).toThrow('Argument too large: key');
    expect(() => cache.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    cache.put('k'.repeat(250), 'v'.repeat(100 * 1024));
    expect(cache.get('k'.repeat(250))).toHaveLength(100 * 1024);
  });
});

describe('Ui', () => {
  it('records menus with separators and sub-menus, listable by path', () => {
    const log = new UiLog();
    const calls = new CallCounter();
    const ui = createUi(log, calls);
    const sub = ui.createMenu('Reports').addItem('Commissions…', 'computeCommissions');
    ui.createMenu('Fiche Client')
      .addItem('Client form', 'showClientForm')
      .addSeparator()
      .addSubMenu(sub)
      .addToUi();
    expect(log.menuItems()).toEqual([
      { path: 'Fiche Client > Client form', functionName: 'showClientForm' },
      { path: 'Fiche Client > Reports > Commissions…', functionName: 'computeCommissions' },
    ]);
    expect(log.menus.get('Fiche Client')?.items[1]).toEqual({ kind: 'separator' });
    expect(calls.snapshot()).toEqual({
      'Menu.addItem': 2,
      'Menu.addSeparator': 1,
      'Menu.addSubMenu': 1,
      'Menu.addToUi': 1,
      'Ui.createMenu': 2,
    });
  });

  it('answers alerts and prompts from the queue, else OK / CLOSE', () => {
    const log = new UiLog();
    const ui = createUi(log, new CallCounter());
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    log.answerNextAlert('NO');
    expect(ui.alert('Title', 'Delete?', ui.ButtonSet.YES_NO)).toBe('NO');
    const closed = ui.prompt('Month?');
    expect([closed.getSelectedButton(), closed.getResponseText()]).toEqual(['CLOSE', '']);
    log.answerNextPrompt('2026-02');
    const r = ui.prompt('Commissions', 'Month (YYYY-MM)', ui.ButtonSet.OK_CANCEL);
    expect([r.getSelectedButton(), r.getResponseText()]).toEqual(['OK', '2026-02']);
    log.answerNextAlert('YES');
    expect(() => ui.alert('x', ui.ButtonSet.OK_CANCEL)).toThrow(/not a button of OK_CANCEL/);
    expect(log.ofKind('alert').map((a) => [a.title, a.prompt, a.buttons, a.answer])).toEqual([
      ['', 'Saved', 'OK', 'OK'],
      ['Title', 'Delete?', 'YES_NO', 'NO'],
    ]);
    expect(log.ofKind('prompt')[1]).toMatchObject({ title: 'Commissions', text: '2026-02' });
  });

  it('shows sidebars and dialogs from an HtmlOutput', () => {
    const log = new UiLog();
    const calls = new CallCounter();
    const ui = createUi(log, calls);
    const html = createHtmlService(calls, '/nowhere', () => ({}));
    ui.showSidebar(html.createHtmlOutput('<p>hi</p>').setTitle('Fiche client'));
    ui.showModalDialog(html.createHtmlOutput('<b>x</b>').setWidth(400).setHeight(300), 'Report');
    expect(log.lastSidebar()).toEqual({
      kind: 'sidebar',
      title: 'Fiche client',
      html: '<p>hi</p>',
    });
    expect(log.ofKind('modalDialog')[0]).toMatchObject({
      title: 'Report',
      width: 400,
      height: 300,
    });
  });
});

describe('HtmlService', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'html-'));
  writeFileSync(path.join(dir, 'Sidebar.html'), '<main>form</main>');
  writeFileSync(
    path.join(dir, 'Page.html'),
    '<h1><?= title ?></h1><? for (var i = 0; i < n; i++) { ?><i><?= i ?></i><? } ?><?!= raw ?>',
  );
  const calls = new CallCounter();
  const html = createHtmlService(calls, dir, () => ({ n: 2 }));

  it('reads <name>.html from the dist directory, with or without the extension', () => {
    expect(html.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<main>form</main>');
    expect(html.createHtmlOutputFromFile('Sidebar.html').getContent()).toBe('<main>form</main>');
    expect(() => html.createHtmlOutputFromFile('Nope')).toThrow(
      'No HTML file named Nope was found.',
    );
  });

  it('evaluates templates: printing scriptlets escape, force-printing ones do not', () => {
    const t = html.createTemplateFromFile('Page');
    t.title = '<Dupont & fils>';
    t.raw = '<hr>';
    expect(t.evaluate().getContent()).toBe(
      '<h1>&lt;Dupont &amp; fils&gt;</h1><i>0</i><i>1</i><hr>',
    );
  });

  it('HtmlOutput setters chain and read back', () => {
    const out = html
      .createHtmlOutput('a')
      .append('b')
      .appendUntrusted('<c>')
      .setTitle('T')
      .setWidth(300)
      .setSandboxMode(html.SandboxMode.IFRAME)
      .setXFrameOptionsMode(html.XFrameOptionsMode.ALLOWALL);
    expect([out.getContent(), out.getTitle(), out.getWidth(), out.getXFrameOptionsMode()]).toEqual([
      'ab&lt;c&gt;',
      'T',
      300,
      'ALLOWALL',
    ]);
    expect(calls.snapshot()['HtmlOutput.setTitle']).toBe(1);
  });
});

describe('Utilities', () => {
  const clock = new Clock(START);
  const calls = new CallCounter();
  const u = createUtilities(calls, clock, formatDateJava);

  it('computeDigest returns Java signed bytes', () => {
    const md5 = u.computeDigest(u.DigestAlgorithm.MD5, 'abc');
    // md5("abc") = 900150983cd24fb0d6963f7d28e17f72
    expect(md5.slice(0, 4)).toEqual([-112, 1, 80, -104]);
    expect(md5.every((b) => b >= -128 && b <= 127)).toBe(true);
    const sha = u.computeDigest(u.DigestAlgorithm.SHA_256, 'é', u.Charset.UTF_8);
    expect(sha).toHaveLength(32);
    expect(u.computeDigest(u.DigestAlgorithm.SHA_1, [97, 98, 99])).toEqual(
      u.computeDigest(u.DigestAlgorithm.SHA_1, 'abc'),
    );
  });

  it('base64 round trips, web-safe alphabet', () => {
    expect(u.base64Encode('Québec')).toBe('UXXDqWJlYw==');
    expect(u.base64Decode('UXXDqWJlYw==')).toEqual(u.newBlob('Québec').getBytes());
    expect(u.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
    expect(u.base64DecodeWebSafe('-_8=')).toEqual([-5, -1]);
    expect(u.newBlob(u.base64Decode(u.base64Encode('Montréal'))).getDataAsString()).toBe(
      'Montréal',
    );
  });

  it('formatDate goes through the Java pattern formatter in the given zone', () => {
    expect(
      u.formatDate(new Date('2026-03-10T03:30:00Z'), 'America/Toronto', 'yyyy-MM-dd HH:mm'),
    ).toBe('2026-03-09 23:30');
    expect(calls.snapshot()['Utilities.formatDate']).toBe(1);
  });

  it('formatString, sleep on the emulated clock, uuid, parseCsv', () => {
    expect(u.formatString('%s owes %.2f$ (%d%%) %05d', 'Dupont', 12.5, 7.9, 42)).toBe(
      'Dupont owes 12.50$ (7%) 00042',
    );
    const before = clock.millis();
    u.sleep(1500);
    expect(clock.millis() - before).toBe(1500);
    expect(() => u.sleep(300_001)).toThrow('Invalid argument: milliseconds');
    expect(u.getUuid()).toMatch(/^[0-9a-f-]{36}$/);
    expect(u.parseCsv('a,"b ""q"", c"\n1,2\r\n')).toEqual([
      ['a', 'b "q", c'],
      ['1', '2'],
    ]);
  });
});

describe('Session', () => {
  it('reports users, time zone and locale', () => {
    const calls = new CallCounter();
    const s = createSession(
      {
        activeUser: 'ann@x.com',
        effectiveUser: 'own@x.com',
        timeZone: 'America/Toronto',
        locale: 'fr-CA',
      },
      calls,
    );
    expect(s.getActiveUser().getEmail()).toBe('ann@x.com');
    expect(s.getEffectiveUser().getEmail()).toBe('own@x.com');
    expect(s.getScriptTimeZone()).toBe('America/Toronto');
    expect(s.getActiveUserLocale()).toBe('fr_CA');
    expect(s.getTemporaryActiveUserKey()).toBe(s.getTemporaryActiveUserKey());
    expect(calls.snapshot()).toMatchObject({ 'Session.getActiveUser': 1, 'User.getEmail': 2 });
  });
});

describe('MailApp', () => {
  it('records mails in both call forms and counts every recipient against the daily quota', () => {
    const clock = new Clock(START);
    const box = new Mailbox(5);
    const mail = createMailApp(box, 'own@x.com', clock, new CallCounter());
    mail.sendEmail('a@x.com', 'Watch list', 'body', { cc: 'b@x.com, c@x.com', name: 'Fiche' });
    mail.sendEmail({ to: 'd@x.com', subject: 'S', htmlBody: '<b>h</b>' });
    expect(box.sent.map((m) => [m.to, m.cc, m.subject, m.htmlBody])).toEqual([
      [['a@x.com'], ['b@x.com', 'c@x.com'], 'Watch list', null],
      [['d@x.com'], [], 'S', '<b>h</b>'],
    ]);
    expect(mail.getRemainingDailyQuota()).toBe(1);
    expect(() => mail.sendEmail('a@x.com, e@x.com', 's', 'b')).toThrow(EMAIL_QUOTA_ERROR);
    expect(box.sent).toHaveLength(2);
    clock.advance(24 * 3600_000);
    expect(mail.getRemainingDailyQuota()).toBe(5);
  });

  it('uses the consumer quota of 100 by default; rejects bad and missing addresses', () => {
    const mail = createMailApp(new Mailbox(), 'own@x.com', new Clock(START), new CallCounter());
    expect(mail.getRemainingDailyQuota()).toBe(100);
    expect(() => mail.sendEmail('not an address', 's', 'b')).toThrow(
      'Invalid email: not an address',
    );
    expect(() => mail.sendEmail({ to: '', subject: 's', body: 'b' })).toThrow(
      'Failed to send email: no recipient',
    );
  });
});

describe('UrlFetchApp', () => {
  it('records requests, answers from the handler, throws the real text on >= 400 unless muted', () => {
    const log = new UrlFetchLog();
    const calls = new CallCounter();
    const fetch = createUrlFetchApp(log, calls, 'own@x.com', new Clock(START));
    expect(() => fetch.fetch('https://api.example.com/x')).toThrow(
      'Address unavailable: https://api.example.com/x',
    );
    log.handler = (req) =>
      req.url.endsWith('/missing')
        ? { status: 404, body: '{"error":"nope"}' }
        : {
            status: 200,
            body: 'ok',
            headers: { 'Set-Cookie': ['a=1', 'b=2'], 'Content-Type': 'text/plain' },
          };
    const r = fetch.fetch('https://api.example.com/ok', {
      method: 'post',
      payload: { q: 'Café' },
      headers: { Authorization: 'Bearer t' },
    });
    expect([r.getResponseCode(), r.getContentText()]).toEqual([200, 'ok']);
    expect(r.getHeaders()['Set-Cookie']).toBe('b=2');
    expect(r.getAllHeaders()['Set-Cookie']).toEqual(['a=1', 'b=2']);
    expect(() => fetch.fetch('https://api.example.com/missing')).toThrow(
      'Request failed for https://api.example.com returned code 404. Truncated server response: {"error":"nope"} (use muteHttpExceptions option to examine full response)',
    );
    const muted = fetch.fetch('https://api.example.com/missing', { muteHttpExceptions: true });
    expect(muted.getResponseCode()).toBe(404);
    expect(log.requests.map((q) => [q.method, q.url, q.payload])).toEqual([
      ['GET', 'https://api.example.com/x', null],
      ['POST', 'https://api.example.com/ok', 'q=Caf%C3%A9'],
      ['GET', 'https://api.example.com/missing', null],
      ['GET', 'https://api.example.com/missing', null],
    ]);
    expect(
      fetch.fetchAll(['https://a.example.com/', { url: 'https://b.example.com/' }]),
    ).toHaveLength(2);
    expect(calls.snapshot()['UrlFetchApp.fetch']).toBe(4);
    expect(calls.snapshot()['UrlFetchApp.fetchAll']).toBe(1);
  });
});

describe('Logger and console', () => {
  it('records lines without printing them', () => {
    const book = new LogBook(false);
    const now = () => new Date(START);
    const calls = new CallCounter();
    const logger = createLogger(book, now, calls);
    const con = createConsole(book, now, calls);
    const spy = jest.spyOn(process.stderr, 'write');
    logger.log('Client %s: %d invoices', '0042', 3);
    logger.log({ a: 1 });
    con.warn('careful', 2);
    expect(book.messages()).toEqual(['Client 0042: 3 invoices', '{"a":1}', 'careful 2']);
    expect(logger.getLog()).toBe('Client 0042: 3 invoices\n{"a":1}\n');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(calls.snapshot()).toEqual({ 'Logger.getLog': 1, 'Logger.log': 2, 'console.warn': 1 });
  });
});
