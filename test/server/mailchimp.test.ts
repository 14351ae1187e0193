import { createHash } from 'node:crypto';
import { subscriberHash } from '../../src/server/newsletter/mailchimp';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

test('the subscriber hash is the MD5 of the trimmed, lowercased address in UTF-8', () => {
  expect(subscriberHash('  Anne.Lavoie@Example.COM ')).toBe(md5('anne.lavoie@example.com'));
  expect(subscriberHash('hélène@café.example')).toBe(md5('hélène@café.example'));
});
