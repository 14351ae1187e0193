/**
 * Entry points: the global functions Apps Script sees (menus, triggers, google.script.run).
 * Only entry points live here, one line each, delegating to the feature that does the work (its
 * `entries.ts`). Every export becomes a top-level function of dist/Code.js (scripts/build.mjs),
 * so this file is the single registry of what menus, triggers and the pages may call; the
 * sidebar's server API type is derived from it (src/shared/formApi.ts `ServerApi`).
 */

// Dates fall back to Utilities.formatDate where Intl lacks the spreadsheet's time zone.
import './platform/zoneFallback';

// Menu, sidebar and the Settings dialog
export { onOpen, showSettings, settingsLoad, settingsSave, showAbout } from './settings/entries';
export { triggerStatusLoad } from './settings/entries';
export { setupWorkbook, loadSampleWorkbook } from './setup/entries';

// The client form (sidebar calls)
export { showClientForm, formOpen, formLoad, formSave, formClients } from './clientForm/entries';

// The watch list
export { refreshWatchList } from './watch/entries';
export { onEditTrigger, onChangeTrigger } from './watch/entries';
export { mailAddressesLoad } from './watch/entries';

// Commissions
export { computeCommissions, showCommissionReport } from './commissions/entries';
export { showCommissionDetailsFold, foldCommissionDetails } from './commissions/entries';

// The client statement (État de compte): menu, the form's button, the dialog's e-mail button
export { showClientStatement, statementShow, statementEmail } from './statement/entries';

// Newsletter (Mailchimp)
export { showNewsletterSettings, newsletterSettingsLoad } from './newsletter/entries';
export { newsletterSettingsSave, syncMailchimp, showAudienceExport } from './newsletter/entries';

// Knowing the client
export { refreshBuyingHabits, habitsSearch } from './knowing/entries';

// The scheduled jobs: the hourly dispatcher, and the clock triggers of older versions
export { onHourlyTrigger } from './schedule/entries';
export { onDailyTrigger, onKnowingDailyTrigger, onMonthlyTrigger } from './schedule/entries';

// Privacy (Law 25)
export { exportClientData, anonymizeClient } from './privacy/entries';

// Workbook size (Settings dialog)
export { headroomLoad } from './headroom/entries';

// Help › Check this spreadsheet (with the speed measurement)
export { showSpreadsheetCheck, showSpeedCheck, speedPing } from './measure/entries';
export { checkReportComplete, checkMailTest } from './measure/entries';
