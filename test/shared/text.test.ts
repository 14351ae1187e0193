import { fill, textsIn, translator } from '../../src/shared/text';

const TABLE = {
  watched: {
    fr: '{n} {n|client|clients} sous surveillance',
    en: '{n} {n|client|clients} under watch',
  },
  hello: { fr: 'Bonjour {name}', en: 'Hello {name}' },
} as const;

describe('one t(key, lang, params) for server, sidebar and preview', () => {
  const t = translator(TABLE);

  test('plural by language: French counts 0 and 1 as singular, English only 1', () => {
    expect([0, 1, 2].map((n) => t('watched', 'fr', { n }))).toEqual([
      '0 client sous surveillance',
      '1 client sous surveillance',
      '2 clients sous surveillance',
    ]);
    expect([0, 1, 2].map((n) => t('watched', 'en', { n }))).toEqual([
      '0 clients under watch',
      '1 client under watch',
      '2 clients under watch',
    ]);
  });

  test('values are inserted as they are, never read again as placeholders or patterns', () => {
    expect(t('hello', 'en', { name: '{n|a|b} $& {name}' })).toBe('Hello {n|a|b} $& {name}');
    expect(fill('{missing} stays', 'fr')).toBe('{missing} stays');
  });

  test('textsIn gives every text of a table in one language', () => {
    expect(textsIn(TABLE, 'fr')).toEqual({
      watched: '{n} {n|client|clients} sous surveillance',
      hello: 'Bonjour {name}',
    });
  });
});
