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
  ClientSummary,
  SaveResult,
} from '../../shared/formApi';
import { t } from '../platform/messages';
import { withBootData } from '../../shared/bootData';
import { listClients, loadClient, openForm } from './formRead';
import { saveClient } from './save';

/**
 * Menu: the client form in the sidebar, on the client of the selected row. What the form needs
 * (formOpen's result) is read in this execution and shipped inside the page (src/shared/
 * bootData.ts), so the form is ready without a second round trip; the page still calls formOpen
 * if it finds no data (an older page, or a page opened some other way).
 */
export function showClientForm(): void {
  const opened = openForm({});
  const page = HtmlService.createHtmlOutputFromFile('Sidebar').getContent();
  const html = HtmlService.createHtmlOutput(withBootData(page, opened)).setTitle(
    t('sidebarTitle', opened.lang),
  );
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

/** The type-ahead's list, fresh: asked when the list has no match, and every few minutes. */
export function formClients(): { clients: ClientSummary[] } {
  return listClients();
}
