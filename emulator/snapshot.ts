/**
 * A state to restore many times: `emulator.snapshot()`, then `createEmulator({ state: snapshot })`
 * as often as needed. Restoring the JSON of exportState() parses every cell again (a set-up
 * workbook holds about 70,000: formats and validations down every column); a snapshot holds the
 * sheets parsed, sharing their rows and cells, frozen, with the live sheets and every restore
 * (each copies a row or cell on its first write: SheetModel.ownRow). The tests that rerun a job
 * from one fixture at every service call restore thousands of times.
 */
import type { EmulatorState } from './emulator';
import { EmulatedSpreadsheet } from './spreadsheet';
import type { Worlds } from './switches';

/** What a state holds besides the spreadsheet. */
export type SavedRest = Omit<EmulatorState, 'spreadsheet'>;

export class StateSnapshot {
  private constructor(
    private readonly sheets: EmulatedSpreadsheet,
    /** Never changed: restores load copies of it. */
    readonly rest: SavedRest,
  ) {}

  /**
   * A snapshot of a live spreadsheet: its sheets as they are now (rows and cells shared, frozen;
   * a stored validation is never edited in place), `rest` taken as it is.
   */
  static ofLive(spreadsheet: EmulatedSpreadsheet, rest: SavedRest): StateSnapshot {
    return new StateSnapshot(spreadsheet.clone(), rest);
  }

  /** The state as exportState() would give it: a new copy at each call. */
  get state(): EmulatorState {
    return { ...structuredClone(this.rest), spreadsheet: this.sheets.toJSON() };
  }

  /** A spreadsheet as the snapshot holds it: no restore sees another's writes (copy on write). */
  spreadsheet(worlds?: Partial<Worlds>): EmulatedSpreadsheet {
    return this.sheets.clone(worlds);
  }
}
