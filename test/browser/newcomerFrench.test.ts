/**
 * The README's newcomer path in the French preview, with no English on the way (decision 022):
 * start from the sample, the client form (open, load, a refused save, a new client), the watch list
 * (menu and trigger button), the commissions (menu with a bad month then a good one, trigger
 * button), export to Excel in French (`;`, Windows-1252 on the way back) and import back, and
 * the import refusals a newcomer meets (a quote not closed, unknown columns, no header, a code
 * twice). Every text the person is shown — toasts, alerts, questions, errors, the reply of
 * every sidebar call, the dialogs' and the sidebar's texts — is checked for English words.
 * The message tables are checked key by key in test/shared/messageTables.test.ts; this catches
 * text that never went through them. Needs the built bundle (npm run build).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSample } from '../../preview/sample';
import { PreviewSession, type Answer } from '../../preview/session';
import { newClientSave, windows1252 } from './previewFixtures';

const TODAY = '2026-11-16';
const noon = new Date(`${TODAY}T12:00:00-05:00`).getTime();
let dir = '';
beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'fiche-newcomer-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Words that are English and not French (nor names, codes or units the product shows in both
 * languages): function words and the words of error messages.
 */
const ENGLISH = new Set(
  (
    'the and is are was were of with from this that which not cannot must should would could ' +
    'has have been into your you please failed error unknown invalid missing file line row rows ' +
    'column columns sheet sheets found empty quoted field closed header saved run check before ' +
    'after only every there no yes cancel save saving loading while when where what why how ' +
    'client’s settings data download copy'
  ).split(' '),
);

/** The English words of a text (quoted data, addresses and URLs left out). */
export function englishWords(text: string): string[] {
  const plain = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/«[^»]*»/g, ' ') // a value quoted back to the person is their data
    .replace(/"[^"]*"/g, ' ');
  return [...new Set(plain.toLowerCase().match(/[a-z’']+/g) ?? [])].filter((w) => ENGLISH.has(w));
}

/** The texts a page shows: its text nodes, and the strings its script sets as textContent. */
function pageTexts(html: string): string[] {
  const noScript = html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ');
  const nodes = noScript
    .split(/<[^>]*>/)
    .map((s) => s.trim())
    .filter(Boolean);
  const set = [...html.matchAll(/(?:textContent|placeholder|title)\s*=\s*("(?:[^"\\]|\\.)*")/g)]
    .map((m) => {
      try {
        return JSON.parse(m[1]!) as string;
      } catch {
        return '';
      }
    })
    .filter(Boolean);
  return [...nodes, ...set];
}

/** Every string inside a value (an rpc reply), with where it was. */
function strings(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
  return [];
}

test('the English detector finds English and leaves French alone', () => {
  expect(englishWords('Import refusé : Line 4: a quoted field is not closed')).toEqual([
    'line',
    'quoted',
    'field',
    'is',
    'not',
    'closed',
  ]);
  expect(englishWords('Unknown columns: Code client;Nom')).toEqual(['unknown', 'columns']);
  expect(
    englishWords('Aucun code tapé : rien n’a été changé. « the file » reste, a@b.ca aussi.'),
  ).toEqual([]);
});

test('the newcomer’s path in French shows no English', async () => {
  const session = new PreviewSession(
    buildSample({ lang: 'fr', today: TODAY, clients: 12 }),
    path.join(dir, 'workbook.json'),
    noon,
  );
  const shown: [string, string][] = [];
  const see = (where: string, text: unknown) => {
    if (typeof text === 'string' && text.trim()) shown.push([where, text]);
  };
  const rpc = async (fn: string, args: unknown[]) => {
    const reply = await session.rpc(fn, args);
    // Its texts, not its keys and codes (kind: 'invalid', field: 'general.email').
    if (!reply.ok) see(fn, reply.message);
    else
      for (const [at, s] of strings(reply.value))
        if (!/\.(kind|field|version|lang|code|key|value)$/.test(at)) see(`${fn}${at}`, s);
    return reply;
  };
  const menu = async (item: string, answers: Answer[] = []) => {
    const r = await session.clickMenu(`Fiche Client > ${item}`, answers);
    if (r.question) see(`${item}: question`, `${r.question.title}\n${r.question.prompt}`);
    return r;
  };
  const attempt = async (where: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (e) {
      see(where, e instanceof Error ? e.message : String(e));
    }
  };

  // The client form in the sidebar.
  await menu('Fiche client');
  const open = (await rpc('formOpen', [{}])) as { ok: true; value: { code?: string } };
  const codes = session.emulator.spreadsheet
    .displayValues('Clients')
    .slice(1)
    .map((r) => r[0]!);
  await rpc('formLoad', [codes[0]]);
  expect(open.ok).toBe(true);
  const bad = newClientSave('N-0001', 'Nouvelle cliente');
  bad.record.general.email = 'pas une adresse';
  await rpc('formSave', [bad]);
  await rpc('formSave', [{ ...bad.record, general: { ...bad.record.general, code: '=1+1' } }]);
  await rpc('formSave', [newClientSave('N-0001', 'Nouvelle cliente')]);

  // The watch list, from the menu and from the trigger button.
  await menu('Actualiser la liste de surveillance');
  await attempt('daily', () => session.fireTrigger('daily', null));

  // The commissions: a month that is no month, then the month before.
  await menu('Rapport des commissions…', [{ kind: 'prompt', button: 'OK', text: '2026-13' }]);
  await menu('Rapport des commissions…', [{ kind: 'prompt', button: 'OK', text: '2026-10' }]);
  await attempt('monthly', () => session.fireTrigger('monthly', '2026-12-01'));
  // Settings, as its page loads it, and a value out of range.
  await menu('Paramètres…');
  const settings = (await rpc('settingsLoad', [])) as { ok: true; value: object };
  await rpc('triggerStatusLoad', []);
  await rpc('headroomLoad', []);
  await rpc('mailAddressesLoad', []);
  await rpc('settingsSave', [{ ...settings.value, graceDays: -1 }]);
  await rpc('settingsSave', [{ ...settings.value, retentionMonths: 0 }]);

  // Export for Excel in French, and back; then the files a newcomer gets wrong.
  const csv = session.exportCsv('Clients', ';');
  const asked = await session.importCsv('Clients', csv);
  see('import question', asked.question?.prompt);
  await session.importCsv('Clients', csv, [{ kind: 'alert', button: 'YES' }]);
  const header = csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
  const excel = windows1252(csv.replace(/^\uFEFF/, ''));
  see('import 1252', (await session.importCsv('Clients', excel)).question?.prompt);
  for (const [what, file] of [
    ['unclosed quote', `${header}\r\n"C-9;Nom\r\n`],
    ['unknown columns', `Code;Inconnue\r\nC-9;x\r\n`],
    ['no header', ''],
    ['code twice', `${header}\r\nC-9;A\r\nC-9;B\r\n`],
  ] as const)
    await attempt(what, () => session.importCsv('Clients', file));

  for (const a of session.activitySince(0)) {
    if (a.kind === 'toast') see('toast', `${a.title}\n${a.message}`);
    else if (a.kind === 'alert') see('alert', `${a.title}\n${a.prompt}`);
    else if (a.kind === 'error' || a.kind === 'mail') see(a.kind, a.message);
    else {
      see(`${a.kind} title`, a.title);
      for (const text of pageTexts(session.frame(a.frame) ?? '')) see(a.kind, text);
    }
  }
  // The walk itself reached every step: the refusals were said.
  const all = shown.map(([, s]) => s).join('\n');
  expect(all).toMatch(/Import refusé/);
  expect(all).toMatch(/Rapport des commissions\nMois invalide : « 2026-13 »/);
  expect(all).toMatch(/Jours de grâce \(0 à 365\)/);
  expect(all).toMatch(/Cellules utilisées/);
  expect(shown.length).toBeGreaterThan(30);
  const english = shown
    .map(([where, text]) => ({ where, words: englishWords(text), text: text.slice(0, 160) }))
    .filter((x) => x.words.length > 0);
  if (process.env.SHOW_TEXTS) console.log(shown.map(([w, t]) => `${w}: ${t}`).join('\n'));
  expect(english).toEqual([]);
});
