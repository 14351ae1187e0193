/** The workbook's menu, in the workbook language. Every item names a global of the bundle. */
import type { Lang } from '../../shared/contract';
import { t } from './messages';

/**
 * A menu item's caption as a title (a toast's, a dialog's): the job's name as the menu shows
 * it, without the "…" that says the item asks something first.
 */
export function menuCaption(label: Parameters<typeof t>[0], lang: Lang): string {
  return t(label, lang).replace(/…$/, '');
}

export const MENU_ITEMS = [
  { label: 'menuClientForm', fn: 'showClientForm' },
  { label: 'menuRefreshWatch', fn: 'refreshWatchList' },
  { label: 'menuCommissionReport', fn: 'showCommissionReport' },
  { label: 'menuFoldDetails', fn: 'showCommissionDetailsFold' },
  { label: 'menuClientStatement', fn: 'showClientStatement' },
  null,
  { label: 'menuMailchimpSync', fn: 'syncMailchimp' },
  { label: 'menuAudienceExport', fn: 'showAudienceExport' },
  { label: 'menuRefreshHabits', fn: 'refreshBuyingHabits' },
  null,
  { label: 'menuExportClient', fn: 'exportClientData' },
  { label: 'menuAnonymize', fn: 'anonymizeClient' },
  null,
  { label: 'menuSetup', fn: 'setupWorkbook' },
  { label: 'menuSettings', fn: 'showSettings' },
  { label: 'menuNewsletterSettings', fn: 'showNewsletterSettings' },
] as const;

/**
 * `setUp: false` (a workbook never set up, a copy not set up here, or an add-on's onOpen before
 * authorization): Set up workbook comes first (decision 011).
 */
export function addMenu(
  ui: GoogleAppsScript.Base.Ui,
  lang: Lang,
  opts: { setUp: boolean } = { setUp: true },
): void {
  const menu = ui.createMenu(t('menuTitle', lang));
  if (!opts.setUp) menu.addItem(t('menuSetup', lang), 'setupWorkbook').addSeparator();
  for (const item of MENU_ITEMS) {
    if (item && !opts.setUp && item.fn === 'setupWorkbook') continue;
    if (item) menu.addItem(t(item.label, lang), item.fn);
    else menu.addSeparator();
  }
  // Help: Check this spreadsheet (how Google behaves here, and its speed), the sample workbook
  // for an empty workbook, and About (the version and where to get a new one).
  menu
    .addSeparator()
    .addSubMenu(
      ui
        .createMenu(t('menuHelp', lang))
        .addItem(t('menuCheckSpreadsheet', lang), 'showSpreadsheetCheck')
        .addItem(t('menuLoadSample', lang), 'loadSampleWorkbook')
        .addItem(t('menuAbout', lang), 'showAbout'),
    );
  menu.addToUi();
}
