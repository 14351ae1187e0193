/**
 * One way to say things in the workbook's language, for the server, the sidebar and the preview:
 * a table of texts, each `{ fr, en }`, and `t(key, lang, params)`. Placeholders are `{name}`;
 * `{name|one|other}` picks the singular or plural form by the number `name` (French counts 0
 * and 1 as singular, "0 client"; English only 1).
 */
import type { Lang } from './contract';

export type Text = Readonly<Record<Lang, string>>;
export type TextTable = Readonly<Record<string, Text>>;
export type Params = Readonly<Record<string, string | number>>;

/** French counts 0 and 1 as singular ("0 client"), English only 1. */
function isSingular(n: number, lang: Lang): boolean {
  return lang === 'fr' ? Math.abs(n) < 2 : n === 1;
}

/** `text` with its placeholders filled from `params` (unknown ones are left as they are). */
export function fill(text: string, lang: Lang, params: Params = {}): string {
  return text
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (m, name: string, one: string, other: string) =>
      name in params ? (isSingular(Number(params[name]), lang) ? one : other) : m,
    )
    .replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The `t(key, lang, params)` of a table: its keys are checked by the compiler. */
export function translator<T extends TextTable>(
  table: T,
): (key: keyof T & string, lang: Lang, params?: Params) => string {
  return (key, lang, params = {}) => fill(table[key]![lang], lang, params);
}

/** Every text of a table in one language, for pages built from many of them at once. */
export function textsIn<T extends TextTable>(table: T, lang: Lang): Record<keyof T, string> {
  const out = {} as Record<keyof T, string>;
  for (const key of Object.keys(table) as (keyof T)[]) out[key] = table[key]![lang];
  return out;
}
