/** The workbook's menu, in the workbook language. Every item names a global of the bundle. */
import type { Lang } from '../../shared/contract';
import { t } from './messages';

export const MENU_ITEMS = [
  { label: 'menuClientForm', fn: 'showClientForm' },
  { label: 'menuRefreshWatch', fn: 'refreshWatchList' },
  { label: 'menuCommissionReport', fn: 'showCommissionReport' },
  { label: 'menuFoldDetails', fn: 'showCommissionDetailsFold' },
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

export function addMenu(ui: GoogleAppsScript.Base.Ui, lang: Lang): void {
  const menu = ui.createMenu(t('menuTitle', lang));
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(t(item.label, lang), item.fn);
    else menu.addSeparator();
  }
  // Help › Check this spreadsheet (issues 15 and 21): how Google behaves here, and its speed.
  menu
    .addSeparator()
    .addSubMenu(
      ui
        .createMenu(t('menuHelp', lang))
        .addItem(t('menuCheckSpreadsheet', lang), 'showSpreadsheetCheck'),
    );
  menu.addToUi();
}
