/** Shared setup of the spreadsheet emulator tests (not a test file itself). */
import { CallCounter } from '../calls';
import { DEFAULT_WORLDS } from '../switches';
import {
  EmulatedSpreadsheet,
  createSpreadsheetApp,
  type EmulatedSpreadsheetOptions,
} from '../spreadsheet';

export function setup(opts: EmulatedSpreadsheetOptions = {}) {
  const calls = new CallCounter();
  const doc = new EmulatedSpreadsheet({
    id: 'doc-1',
    name: 'Fiche client',
    locale: 'en_US',
    timeZone: 'America/Montreal',
    ...opts,
    // The emulator's own tests describe its default worlds unless they choose one (never the
    // EMULATOR_WORLDS of a world run).
    worlds: { ...DEFAULT_WORLDS, ...opts.worlds },
  });
  const app = createSpreadsheetApp(
    {
      calls,
      now: () => new Date('2026-11-28T12:00:00Z'),
      activeUserEmail: () => 'owner@example.com',
    },
    doc,
  );
  const ss = app.getActiveSpreadsheet();
  const sheet = ss.getSheets()[0]!;
  calls.reset();
  return { calls, doc, app, ss, sheet };
}
