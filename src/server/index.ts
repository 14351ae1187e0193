/**
 * Entry points: the global functions Apps Script sees (menus, triggers, google.script.run).
 * Only entry points live here; everything else is in plain modules. Every export becomes a
 * top-level function of dist/Code.js (scripts/build.mjs).
 */
export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createMenu('Fiche Client')
    .addItem('Client form', 'showClientForm')
    .addToUi();
}
