/**
 * The "E-mail addresses" warning of the Settings dialog (decision 018): the Lists e-mail cells that
 * hold text but not exactly one valid address. Such a person gets no watch notice, statement or
 * digest until the cell is fixed (notifications.ts listEmails refuses the cell), so the team is
 * told where, by cell. A block of its own (markup and script), inserted in the Settings page by
 * one line; its text is computed on the server in the workbook language and set with
 * textContent.
 */
import { translator, type TextTable } from '../../shared/text';
import { loadSettings } from '../platform/settings';
import { WorkbookError } from '../platform/errors';
import { badListAddresses } from './notifications';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const TEXT = {
  bad: {
    fr: '{n|Cette cellule|Ces cellules} de la feuille Listes ne {n|contient|contiennent} pas une seule adresse courriel valide : {cells}. Personne n’y reçoit d’avis, de relevé ni de rappel tant qu’elle n’en contient pas exactement une.',
    en: '{n|This cell|These cells} of the Lists sheet {n|does|do} not hold exactly one valid e-mail address: {cells}. No notice, statement or digest goes there until each holds exactly one.',
  },
} as const satisfies TextTable;
const say = translator(TEXT);

/** At most this many cells are named; the rest are counted. */
const MAX_NAMED = 20;

export interface MailAddressesView {
  /** '' when every e-mail cell of Lists holds one valid address (or is blank). */
  warning: string;
}

export function mailAddressesView(spreadsheet: Spreadsheet): MailAddressesView {
  const lang = loadSettings(spreadsheet).lang;
  let cells: string[];
  try {
    cells = badListAddresses(spreadsheet, lang);
  } catch (e) {
    if (e instanceof WorkbookError) return { warning: '' }; // no Lists sheet: nothing to warn of
    throw e;
  }
  if (cells.length === 0) return { warning: '' };
  const named = cells.slice(0, MAX_NAMED).join(', ');
  return {
    warning: say('bad', lang, {
      n: cells.length,
      cells: cells.length > MAX_NAMED ? `${named} … (+${cells.length - MAX_NAMED})` : named,
    }),
  };
}

/** The block's markup and script (no user text in it). */
export function mailAddressesBlock(): string {
  return `<p id="mailAddressesWarn" role="alert" style="color:#d93025;font-weight:bold"></p>
<script>
google.script.run.withSuccessHandler(function(v){document.getElementById('mailAddressesWarn').textContent=v.warning;}).mailAddressesLoad();
</script>`;
}
