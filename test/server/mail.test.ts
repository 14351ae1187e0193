/**
 * platform/mail.ts against the emulator's MailApp (emulator/mail.ts: the quota counts every
 * address of to, cc and bcc, as Google does). Before decision 018, the product counted one a
 * message, so a message to several addresses was attempted past the quota and failed.
 */
import { Clock } from '../../emulator/clock';
import { Mailbox, MailAppImpl } from '../../emulator/mail';
import { plainLine } from '../../src/server/platform/input';
import {
  greetingName,
  isOneAddress,
  recipientCount,
  sendWithinQuota,
  type Mail,
  type MailReport,
} from '../../src/server/platform/mail';

function services(quota: number): Mailbox {
  const box = new Mailbox(quota);
  Object.assign(globalThis, {
    MailApp: new MailAppImpl(box, 'owner@example.com', new Clock('2026-11-15T12:00:00Z')),
    Utilities: { newBlob: (text: string) => ({ text }) },
  });
  return box;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).MailApp;
  delete (globalThis as Record<string, unknown>).Utilities;
});

const mail = (to: string, extra: Partial<Mail> = {}): Mail => ({
  to,
  subject: 's',
  body: 'b',
  ...extra,
});
const report = (): MailReport => ({ sent: 0, overQuota: 0, failed: [] });

describe('the daily quota is counted by recipient', () => {
  test('every address of to, cc and bcc counts', () => {
    expect(recipientCount(mail('a@x.ca'))).toBe(1);
    expect(recipientCount(mail('a@x.ca, b@x.ca', { cc: 'c@x.ca', bcc: 'd@x.ca,e@x.ca' }))).toBe(5);
  });

  test('a message with more recipients than are left is not attempted; a smaller one still goes', () => {
    const box = services(3);
    const r = report();
    sendWithinQuota(
      [
        mail('a@x.ca, b@x.ca'),
        mail('c@x.ca, d@x.ca'),
        mail('e@x.ca', { cc: 'f@x.ca' }),
        mail('g@x.ca'),
      ],
      r,
    );
    expect(r).toEqual({ sent: 2, overQuota: 2, failed: [] });
    expect(box.sent.map((m) => [...m.to, ...m.cc])).toEqual([['a@x.ca', 'b@x.ca'], ['g@x.ca']]);
  });

  test('cc and bcc are sent and spend the quota', () => {
    const box = services(2);
    const r = report();
    sendWithinQuota([mail('a@x.ca', { bcc: 'b@x.ca' }), mail('c@x.ca')], r);
    expect(r).toEqual({ sent: 1, overQuota: 1, failed: [] });
    expect(box.sent[0]).toMatchObject({ to: ['a@x.ca'], bcc: ['b@x.ca'] });
  });
});

describe('one address, plain names', () => {
  test.each([
    ['sal@example.com', true],
    ['  sal@example.com ', true],
    ['sal@example.com, outsider@evil.example', false],
    ['sal@example.com;outsider@evil.example', false],
    ['sal@example.com outsider@evil.example', false],
    ['Sal <sal@example.com>', false],
    ['sal@example', false],
    ['sal@@example.com', false],
    ['', false],
    [`${'a'.repeat(250)}@x.ca`, false],
  ])('%j is one address: %s', (text, ok) => expect(isOneAddress(text)).toBe(ok));

  test('a greeting shows one line of at most 40 characters, without invisible characters', () => {
    expect(greetingName('Alice')).toBe('Alice');
    expect(greetingName('Sal\n\nCliquez ici : http://evil.example')).toBe(
      'Sal Cliquez ici : http://evil.example',
    );
    expect(greetingName('\u202egnp.exe Bob\u200b')).toBe('gnp.exe Bob');
    const long = greetingName('x'.repeat(10_000));
    expect([...long]).toHaveLength(40);
    expect(long.endsWith('…')).toBe(true);
    expect(plainLine('🙂'.repeat(50), 10)).toBe(`${'🙂'.repeat(9)}…`);
  });
});
