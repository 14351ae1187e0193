import type { ClientRecord, FormLists } from '../shared/formApi';

/** What a tab panel is built from. The panel edits `record` in place. */
export interface PanelData {
  record: ClientRecord;
  lists: FormLists;
  defaults: { termDays: number };
  isNew: boolean;
}
