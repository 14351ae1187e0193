/**
 * The readable side of a Law 25 access export (decision 022): the client's data as a page a
 * person can read, in their own language (the Clients row's Language column; the workbook's
 * when blank), every field under its label — the contract's columns by their header in that
 * language, the team's own columns by their header as typed. The JSON file of the same data
 * goes beside it (privacy.ts): the page is for the person, the JSON for a machine.
 *
 * A whole standalone HTML file (no script, no outside resource, styles for printing): every
 * value and every header is escaped, so a name or a note typed in a cell stays text. Built from
 * ClientData only (no Apps Script call), so it is tested as a function.
 */
import {
  CHOICES,
  SHEETS,
  SHEET_KEYS,
  choiceFromText,
  choiceLabel,
  normalizeHeader,
  type ChoiceKey,
  type ColumnDef,
  type Lang,
  type SheetKey,
} from '../../shared/contract';
import { translator, type TextTable } from '../../shared/text';
import { localStamp } from '../../domain/schedule';
import { escapeHtml } from '../commissions/statements';
import type { ClientData } from './privacy';

const TEXT = {
  title: {
    fr: 'Renseignements personnels détenus sur vous',
    en: 'Personal information we hold about you',
  },
  client: { fr: 'Client {code} : {name}', en: 'Client {code}: {name}' },
  prepared: {
    fr: 'Préparé le {day} en réponse à votre demande d’accès (Loi 25, Québec). Voici tout ce que notre classeur de clients contient à votre sujet.',
    en: 'Prepared on {day} in answer to your access request (Law 25, Quebec). This is everything our client workbook holds about you.',
  },
  record: { fr: 'Votre fiche', en: 'Your record' },
  rows: { fr: '{n} {n|ligne|lignes}', en: '{n} {n|line|lines}' },
  yes: { fr: 'Oui', en: 'Yes' },
  no: { fr: 'Non', en: 'No' },
  empty: { fr: '—', en: '—' },
  emptyNote: {
    fr: '« — » : rien n’est inscrit dans ce champ.',
    en: '“—”: nothing is recorded in this field.',
  },
  earlier: { fr: 'Vos demandes précédentes', en: 'Your earlier requests' },
  exportAction: { fr: 'Exportation des données', en: 'Data export' },
  anonymizeAction: { fr: 'Anonymisation', en: 'Anonymization' },
  json: {
    fr: 'Les mêmes renseignements, dans un format lisible par un programme (JSON), accompagnent cette page : {file}.',
    en: 'The same information, in a format a program can read (JSON), comes with this page: {file}.',
  },
} as const satisfies TextTable;

const say = translator(TEXT);

/** Rows shown in the client's record as a list of fields; other sheets as tables. */
const RECORD_SHEET: SheetKey = 'clients';

function sheetKeyOf(name: string): SheetKey | undefined {
  const n = normalizeHeader(name);
  return SHEET_KEYS.find(
    (k) => normalizeHeader(SHEETS[k].fr) === n || normalizeHeader(SHEETS[k].en) === n,
  );
}

/** The contract's column under this header (either language), if it is one. */
function columnOf(key: SheetKey | undefined, header: string): ColumnDef | undefined {
  if (!key) return undefined;
  const n = normalizeHeader(header);
  return (SHEETS[key].columns as readonly ColumnDef[]).find(
    (c) => normalizeHeader(c.fr) === n || normalizeHeader(c.en) === n,
  );
}

/** The client's language: their Language cell (`fromRecord`), else the workbook's. */
export function clientLanguage(
  data: ClientData,
  workbookLang: Lang,
): { lang: Lang; fromRecord: boolean } {
  const record = recordOf(data);
  if (record)
    for (const [header, value] of Object.entries(record.row))
      if (columnOf('clients', header)?.key === 'language') {
        const v = choiceFromText('language', String(value ?? ''));
        if (v) return { lang: v, fromRecord: true };
      }
  return { lang: workbookLang, fromRecord: false };
}

function recordOf(data: ClientData): { name: string; row: Record<string, unknown> } | null {
  for (const [name, rows] of Object.entries(data.sheets))
    if (sheetKeyOf(name) === RECORD_SHEET && rows[0]) return { name, row: rows[0] };
  return null;
}

/** An instant as the JSON holds it (ISO, UTC): shown as the day and time in the workbook's zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

function instantText(iso: string, timeZone: string): string {
  return ISO_INSTANT.test(iso) ? localStamp(new Date(iso), timeZone) : iso;
}

/** A cell as the person reads it, in their language (not escaped yet). */
function shown(
  value: unknown,
  column: ColumnDef | undefined,
  lang: Lang,
  timeZone: string,
): string {
  if (value === null || value === undefined || value === '') return say('empty', lang);
  if (typeof value === 'boolean') return say(value ? 'yes' : 'no', lang);
  if (typeof value === 'number')
    return lang === 'fr' ? String(value).replace('.', ',') : String(value);
  const text = instantText(String(value), timeZone);
  if (column?.kind === 'choice' && column.choices && column.choices in CHOICES) {
    const key = column.choices as ChoiceKey;
    const v = choiceFromText(key, text);
    if (v) return choiceLabel(key, v, lang);
  }
  return text;
}

/** The label of a column in the person's language: the contract's header, or the team's. */
function label(key: SheetKey | undefined, header: string, lang: Lang): string {
  const column = columnOf(key, header);
  return column ? column[lang] : header;
}

/**
 * The readable page of an access export, in `lang`; `day` is the export's, `jsonFile` names
 * the JSON beside it, and times are shown in `timeZone` (the spreadsheet's).
 */
export function accessPage(
  data: ClientData,
  lang: Lang,
  day: string,
  jsonFile: string,
  timeZone: string,
): string {
  const e = escapeHtml;
  const record = recordOf(data);
  const nameHeader = record
    ? Object.keys(record.row).find((h) => columnOf('clients', h)?.key === 'name')
    : undefined;
  const name = record && nameHeader ? String(record.row[nameHeader] ?? '') : '';
  const parts: string[] = [
    `<h1>${e(say('title', lang))}</h1>`,
    `<p class="who">${e(say('client', lang, { code: data.client, name: name || say('empty', lang) }))}</p>`,
    `<p>${e(say('prepared', lang, { day }))}</p>`,
  ];
  if (record) {
    parts.push(`<h2>${e(say('record', lang))}</h2><dl>`);
    for (const [header, value] of Object.entries(record.row)) {
      const column = columnOf('clients', header);
      parts.push(
        `<dt>${e(label('clients', header, lang))}</dt><dd>${e(shown(value, column, lang, timeZone))}</dd>`,
      );
    }
    parts.push(`</dl><p class="note">${e(say('emptyNote', lang))}</p>`);
  }
  for (const [sheet, rows] of Object.entries(data.sheets)) {
    const key = sheetKeyOf(sheet);
    if (key === RECORD_SHEET || rows.length === 0) continue;
    const headers = Object.keys(rows[0]!);
    parts.push(
      `<h2>${e(key ? SHEETS[key][lang] : sheet)}</h2><p class="note">${e(say('rows', lang, { n: rows.length }))}</p>`,
      `<table><thead><tr>${headers.map((h) => `<th scope="col">${e(label(key, h, lang))}</th>`).join('')}</tr></thead><tbody>`,
      ...rows.map(
        (row) =>
          `<tr>${headers.map((h) => `<td>${e(shown(row[h], columnOf(key, h), lang, timeZone))}</td>`).join('')}</tr>`,
      ),
      `</tbody></table>`,
    );
  }
  if (data.privacyLog.length > 0) {
    parts.push(`<h2>${e(say('earlier', lang))}</h2><ul>`);
    for (const entry of data.privacyLog) {
      const action =
        entry.action === 'export'
          ? say('exportAction', lang)
          : entry.action === 'anonymize'
            ? say('anonymizeAction', lang)
            : entry.action;
      parts.push(`<li>${e(instantText(entry.at, timeZone))} — ${e(action)}</li>`);
    }
    parts.push(`</ul>`);
  }
  parts.push(`<p class="note">${e(say('json', lang, { file: jsonFile }))}</p>`);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<title>${e(say('title', lang))} — ${e(data.client)}</title><style>
body{font:14px/1.45 Arial,sans-serif;margin:24px auto;max-width:900px;color:#202124;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #dadce0}
.who{font-size:16px;font-weight:bold}.note{color:#5f6368}
dl{display:grid;grid-template-columns:minmax(160px,max-content) 1fr;gap:4px 16px}dt{font-weight:bold}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #dadce0;padding:4px 6px;text-align:left;vertical-align:top;white-space:pre-wrap;overflow-wrap:anywhere}
th{background:#f1f3f4}@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}
</style></head><body>
${parts.join('\n')}
</body></html>`;
}
