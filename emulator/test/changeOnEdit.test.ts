/**
 * Emulator.changeOnEdit: whether a user's edit also fires the installable change triggers with
 * changeType EDIT. The references disagree (the change event lists EDIT among its types;
 * ScriptApp.EventType calls a typed value "an edit instead of a change"), so both worlds are
 * modelled: the bench counts trigger runtime in the stricter one.
 */
import { createEmulator } from '../index';

const CODE = `
function onEditInstalled(e) { return 'edit'; }
function onChangeInstalled(e) { return e.changeType + ' by ' + e.user.getEmail(); }
function install() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(ss).onEdit().create();
  ScriptApp.newTrigger('onChangeInstalled').forSpreadsheet(ss).onChange().create();
}
`;

function installed(changeOnEdit?: boolean) {
  const emu = createEmulator({
    now: '2026-03-10T15:00:00Z',
    user: 'ann@example.com',
    changeOnEdit,
  });
  emu.loadBundleCode(CODE);
  emu.run('install');
  return emu;
}

describe('a typed value and the change trigger', () => {
  it('on: the edit trigger, then the change trigger with changeType EDIT, each an execution', () => {
    const emu = installed(true);
    const runs = emu.entryPointRuns.length;
    const outcomes = emu.fireEdit({ range: { sheet: 'Sheet1', a1: 'A1' }, value: 'x' });
    expect(outcomes.map((o) => [o.handler, o.kind, o.result])).toEqual([
      ['onEditInstalled', 'trigger', 'edit'],
      ['onChangeInstalled', 'trigger', 'EDIT by ann@example.com'],
    ]);
    expect(emu.entryPointRuns.length - runs).toBe(2);
  });

  it('off (the default): the edit trigger only; a structural change still fires the change trigger', () => {
    const emu = installed();
    expect(emu.changeOnEdit).toBe(false);
    const outcomes = emu.fireEdit({ range: { sheet: 'Sheet1', a1: 'A1' }, value: 'x' });
    expect(outcomes.map((o) => o.handler)).toEqual(['onEditInstalled']);
    expect(emu.fireChange('INSERT_ROW').map((o) => o.result)).toEqual([
      'INSERT_ROW by ann@example.com',
    ]);
  });
});
