/**
 * A problem found by a domain rule, reported to the user with its sheet and row in their
 * language (the sheet layer turns it into a CellProblem with the localized sheet and header).
 */
import type { SheetKey } from '../shared/contract';
import type { Bilingual } from './cells';

export interface RowProblem {
  sheet: SheetKey;
  /** 1-based sheet row; null when the input carried none. */
  row: number | null;
  /** Column key of the contract (e.g. 'ratePct'). */
  column: string;
  message: Bilingual;
}
