/**
 * What `clasp push` sends: dist/Code.js must be a plain script whose top-level functions are the
 * entry points, and every name a menu, a trigger or the sidebar calls must be one of them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEmulator } from '../../emulator';
import { settingsPage } from '../../src/server/settings/settingsDialog';
import { workbook } from './harness';

const dist = path.join(__dirname, '..', '..', 'dist');
const code = readFileSync(path.join(dist, 'Code.js'), 'utf8');

describe('dist/Code.js', () => {
  it('contains no module syntax and no Node global', () => {
    expect(code).not.toMatch(/^\s*(export|import)\s/m);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/\bprocess\.(env|argv)/);
  });

  it('exposes the contract entry points as top-level functions in a vm with only the services', () => {
    const emu = createEmulator();
    emu.loadBundle();
    const names = emu.functionNames();
    for (const name of [
      'onOpen',
      'setupWorkbook',
      'showClientForm',
      'refreshWatchList',
      'computeCommissions',
    ])
      expect(names).toContain(name);
    for (const name of [
      'formOpen',
      'formLoad',
      'formSave',
      'onEditTrigger',
      'onDailyTrigger',
      'onMonthlyTrigger',
    ])
      expect(names).toContain(name);
    // Nothing of the bundle's internals leaks as a global function.
    expect(names.every((n) => /^[a-z][A-Za-z]+$/.test(n))).toBe(true);
  });

  it('is the manifest’s V8 script with minimal scopes', () => {
    const manifest = JSON.parse(readFileSync(path.join(dist, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('America/Toronto');
    expect(manifest.oauthScopes).toContain(
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    );
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
  });
});

describe('every name called from outside names a real global', () => {
  const wb = workbook({ locale: 'en_US' });
  const globals = new Set(wb.emu.functionNames());

  it('menu items (onOpen, both languages)', () => {
    wb.emu.fireOpen();
    const items = wb.emu.ui.menuItems();
    expect(items.length).toBeGreaterThanOrEqual(5);
    for (const item of items) expect(globals).toContain(item.functionName);
    expect(items.map((i) => i.path)).toContain('Fiche Client > Client form');
    const fr = workbook({ locale: 'fr_CA' });
    fr.emu.fireOpen();
    const frItems = fr.emu.ui.menuItems();
    expect(frItems.map((i) => i.path)).toContain('Fiche Client > Configurer le classeur');
    expect(frItems.map((i) => i.functionName)).toEqual(items.map((i) => i.functionName));
  });

  it('trigger handlers installed by setupWorkbook', () => {
    expect(wb.emu.triggers.triggers).toHaveLength(3);
    for (const t of wb.emu.triggers.triggers) expect(globals).toContain(t.handler);
  });

  it('google.script.run calls of the sidebar and of the settings dialog', () => {
    const sidebar = readFileSync(path.join(dist, 'Sidebar.html'), 'utf8');
    const sidebarCalls = [...new Set(sidebar.match(/\bform(Open|Load|Save)\b/g))];
    expect(sidebarCalls.sort()).toEqual(['formLoad', 'formOpen', 'formSave']);
    const settingsCalls = [
      ...new Set(settingsPage('fr').match(/\.(settings\w+|triggerStatusLoad)\(/g)),
    ].map((s) => s.slice(1, -1));
    expect(settingsCalls.sort()).toEqual(['settingsLoad', 'settingsSave', 'triggerStatusLoad']);
    for (const name of [...sidebarCalls, ...settingsCalls]) expect(globals).toContain(name);
  });

  it('Sidebar.html is self-contained: nothing loaded from the network', () => {
    const sidebar = readFileSync(path.join(dist, 'Sidebar.html'), 'utf8');
    expect(sidebar).not.toMatch(/<script[^>]+src=/i);
    expect(sidebar).not.toMatch(/<link[^>]+href=/i);
    expect(sidebar).not.toMatch(/@import/);
  });
});
