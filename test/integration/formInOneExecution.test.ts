/**
 * Decision 005: the menu's Client form ships what the form needs inside the sidebar page,
 * so the form is ready in that one execution (no formOpen round trip), and no text of the
 * workbook can break out of the data into markup or script.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BOOT_ELEMENT_ID, scriptSafeJson, withBootData } from '../../src/shared/bootData';
import type { FormOpenResult } from '../../src/shared/formApi';
import { emptyClientRecord } from '../../src/shared/schemas';
import { workbook } from './harness';

/** The JSON the page carries, read as a browser reads it: up to the first `</script`. */
function shipped(html: string): FormOpenResult {
  const start = html.indexOf(`<script type="application/json" id="${BOOT_ELEMENT_ID}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  const open = html.indexOf('>', start) + 1;
  const end = html.indexOf('</script', open);
  return JSON.parse(html.slice(open, end)) as FormOpenResult;
}

const HOSTILE = '</script><script>alert(1)</script><!-- <?= 1 ?> & a\u2028b';

test('the menu opens the form on the selected client in one execution, data in the page', () => {
  const wb = workbook({ locale: 'fr_CA' });
  const record = emptyClientRecord('C1');
  record.general.name = HOSTILE;
  expect(wb.run('formSave', { record, isNew: true }).ok).toBe(true);
  wb.emu.fireOpen();
  wb.emu.spreadsheet.setActiveRange('Clients', 'B2');
  const before = wb.emu.entryPointRuns.length;
  wb.emu.clickMenu('Fiche Client > Fiche client');
  // One execution: the menu's own; the page has what formOpen would have answered.
  expect(wb.emu.entryPointRuns.slice(before).map((r) => r.name)).toEqual(['showClientForm']);
  const html = wb.emu.ui.lastSidebar()?.html ?? '';
  const data = shipped(html);
  expect(data.record?.general).toMatchObject({ code: 'C1', name: HOSTILE });
  expect(data.today).toBe('2026-11-15'); // the harness's clock, in the spreadsheet's zone
  expect(data).toEqual(wb.run('formOpen', {}));
  // Nothing of the name reaches the page as markup: no second script, no comment, no scriptlet.
  const page = readFileSync(path.join(__dirname, '../../dist/Sidebar.html'), 'utf8');
  expect(html.split('<script').length).toBe(page.split('<script').length + 1);
  expect(html).not.toContain('</script><script>alert(1)');
  expect(html).not.toContain('<!-- <?=');
});

test('scriptSafeJson parses back to the same value and holds no <, > or &', () => {
  const value = { name: HOSTILE, list: ['a<b', 'c>d', 'e&f'] };
  const json = scriptSafeJson(value);
  expect(json).not.toMatch(/[<>&\u2028\u2029]/);
  expect(JSON.parse(json)).toEqual(value);
  expect(withBootData('<html><head></head><body></body></html>', 1)).toBe(
    `<html><head><script type="application/json" id="${BOOT_ELEMENT_ID}">1</script></head><body></body></html>`,
  );
});
