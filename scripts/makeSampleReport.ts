/**
 * Writes emulator/sample-check-report.json: a check report as Help › Check this spreadsheet
 * makes it, made here by the real bundle on the emulator, in worlds chosen to differ from the
 * emulator's defaults on two switches (an apostrophe swallowed in plain-text cells, a
 * download that did not arrive), so that `npm run fidelity -- --report` on it shows a
 * contradiction and runs the tests in that world. Not a measurement of Google: its `note` says
 * so. `npm run build && node --import tsx scripts/makeSampleReport.ts` rewrites it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createEmulator, invokeServerFunction } from '../emulator';
import type { CheckReport } from '../src/shared/checkReport';
import { ROOT } from './worldRuns';

const FILE = path.join(ROOT, 'emulator', 'sample-check-report.json');

function main(): void {
  const emu = createEmulator({
    now: '2026-11-16T14:30:00-05:00',
    locale: 'fr_CA',
    user: 'julie@exemple.ca',
    worlds: { plainTextApostrophe: 'swallowed' },
  });
  emu.loadBundle();
  emu.run('setupWorkbook');
  emu.spreadsheet.seed('Clients', [['C0001', 'Client 1']], 'A2');
  emu.spreadsheet.seed('Factures', [['F-1', '2026-11-02', 'C0001', '', 120]], 'A2');
  // A person types an amount: the edit trigger records the event's field names.
  emu.fireEdit({ range: { sheet: 'Factures', a1: 'E2' }, value: 120, oldValue: 100 });
  emu.fireOpen();
  emu.clickMenu('Fiche Client > Aide > Vérifier ce classeur');
  const dialog = emu.ui.events.filter((e) => e.kind === 'modalDialog').at(-1);
  const html = dialog && 'html' in dialog ? dialog.html : '';
  const data = /var d=(\{.*?\});var \$=/s.exec(html);
  if (!data) throw new Error('no check dialog');
  const report = (JSON.parse(data[1]!) as { report: CheckReport }).report;
  const call = (name: string, ...args: unknown[]): unknown => {
    const r = invokeServerFunction(emu, name, args);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  };
  const mail = (call('checkMailTest') as { mail: unknown }).mail;
  const done = call('checkReportComplete', {
    report,
    page: {
      roundTrip: [612, 540, 575],
      roundTripServer: [3, 2, 2],
      pageLoad: [930],
      mail,
      // In Google's frame the person answered that the file did not arrive.
      download: { measurable: true, arrived: false },
    },
  }) as { report: CheckReport };
  const sample: CheckReport = {
    ...done.report,
    note: 'Sample, not a measurement of Google: made by scripts/makeSampleReport.ts on the emulator with plainTextApostrophe=swallowed and the download answered “No”.',
  };
  writeFileSync(FILE, `${JSON.stringify(sample, null, 2)}\n`);
  process.stdout.write(`written: ${path.relative(process.cwd(), FILE)}\n`);
}

main();
