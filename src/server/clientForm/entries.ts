/**
 * The client form's entry points of src/server/index.ts: the sidebar, and the calls it makes
 * through google.script.run. Each declares the payload the sidebar sends (the sidebar's types
 * derive from these signatures), and still validates it at runtime: the page is untrusted.
 */
import type {
  FormLoadResult,
  FormOpenRequest,
  FormOpenResult,
  FormSaveRequest,
  SaveResult,
} from '../../shared/formApi';
import { t } from '../platform/messages';
import { workbookLang } from '../platform/settings';
import { loadClient, openForm } from './formRead';
import { saveClient } from './save';

/** Menu: the client form in the sidebar, on the client of the selected row (formOpen finds it). */
export function showClientForm(): void {
  const lang = workbookLang(SpreadsheetApp.getActiveSpreadsheet());
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(t('sidebarTitle', lang));
  SpreadsheetApp.getUi().showSidebar(html);
}

export function formOpen(request?: FormOpenRequest): FormOpenResult {
  return openForm(request);
}

export function formLoad(code: string): FormLoadResult {
  return loadClient(code);
}

export function formSave(request: FormSaveRequest): SaveResult {
  return saveClient(request);
}
