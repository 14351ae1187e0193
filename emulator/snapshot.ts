/**
 * A state to restore many times: `emulator.snapshot()`, then `createEmulator({ state: snapshot })`
 * as often as needed. Restoring the JSON of exportState() parses every cell again (a set-up
 * workbook holds about 70,000: formats and validations down every column); a snapshot parses
 * them once and each restore copies the parsed sheets, several times faster. The tests that
 * rerun a job from one fixture at every service call restore thousands of times.
 */
import type { EmulatorState } from './emulator';
import { EmulatedSpreadsheet } from './spreadsheet';
import type { Worlds } from './switches';

export class StateSnapshot {
  /** The state as exportState() gave it; never changed, and the spreadsheet is read from here only once. */
  readonly state: EmulatorState;
  private readonly parsed: EmulatedSpreadsheet;

  /** `fresh`: the state is the snapshot's own (exportState() just made it), not copied again. */
  constructor(state: EmulatorState, fresh = false) {
    this.state = fresh ? state : structuredClone(state);
    this.parsed = EmulatedSpreadsheet.fromJSON(this.state.spreadsheet);
  }

  /** A spreadsheet as the state holds it, of its own: what restores share nothing. */
  spreadsheet(worlds?: Partial<Worlds>): EmulatedSpreadsheet {
    return this.parsed.clone(worlds);
  }
}
