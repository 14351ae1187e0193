/**
 * The preview page: menus from onOpen, the toolbar (clock, time-driven triggers, CSV), the grid,
 * the sheet tabs, the sidebar frame, and what the script shows (toasts, alerts, dialogs).
 * Every action is a POST to the preview server, which answers with the new view and what the
 * script showed since the page's last look (`seq`).
 */
import { translator, type TextTable } from '../src/shared/text';
import type { Activity, Answer, Question } from './session';
import type { PageView } from './view';
import { Grid } from './pageGrid';
import { ask, closeHtmlDialog, showAlert, showHtmlDialog, toast } from './pageDialogs';

interface Reply {
  view: PageView;
  activity: Activity[];
  seq: number;
  question?: Question;
}

const TEXT = {
  date: {
    fr: 'Régler l’horloge émulée à une date',
    en: 'Set the emulated clock to a date',
  },
  triggers: {
    fr: 'Déclencheurs :',
    en: 'Triggers:',
  },
  dailyTitle: {
    fr: 'Exécute maintenant la liste de surveillance, comme le déclencheur horaire le fait chaque jour à 6 h',
    en: 'Runs the watch list now, as the hourly trigger does every day at 6:00',
  },
  monthlyTitle: {
    fr: 'Exécute maintenant les commissions du mois précédent la date de l’horloge, comme le déclencheur horaire le fait le 1er à 5 h',
    en: 'Runs the commissions of the month before the clock’s date now, as the hourly trigger does on day 1 at 5:00',
  },
  exportTitle: {
    fr: 'Télécharger les valeurs de cette feuille en CSV',
    en: 'Download this sheet’s values as CSV',
  },
  importTitle: {
    fr: 'Remplacer les lignes de cette feuille par celles d’un CSV (même en-tête ; demande d’abord, garde une sauvegarde)',
    en: 'Replace this sheet’s rows with a CSV’s (same header; asks first, keeps a backup)',
  },
  restore: {
    fr: 'Restaurer',
    en: 'Restore',
  },
  restoreTitle: {
    fr: 'Ramener le classeur tel qu’il était avant l’import dans « {sheet} »',
    en: 'Bring back the workbook as it was before the import into “{sheet}”',
  },
  clock: {
    fr: 'Aujourd’hui (émulé) : {d}',
    en: 'Today (emulated): {d}',
  },
  pinned: {
    fr: 'Horloge fixée au {d}',
    en: 'Clock set to {d}',
  },
  reset: {
    fr: 'Heure réelle',
    en: 'Real time',
  },
  daily: {
    fr: 'Surveillance (quotidien)',
    en: 'Watch list (daily)',
  },
  monthly: {
    fr: 'Commissions (mensuel)',
    en: 'Commissions (monthly)',
  },
  export: {
    fr: 'Exporter',
    en: 'Export',
  },
  import: {
    fr: 'Importer…',
    en: 'Import…',
  },
  computed: {
    fr: 'La colonne « {h} » est calculée par le script : la modifier quand même ?',
    en: 'The “{h}” column is computed by the script: edit it anyway?',
  },
  protectedTitle: {
    fr: 'Cellule protégée',
    en: 'Protected cell',
  },
  hiddenRows: {
    fr: '{n} lignes de plus ne sont pas affichées (exportez en CSV pour tout voir).',
    en: '{n} more rows are not shown (export as CSV to see them all).',
  },
  failed: {
    fr: 'Erreur',
    en: 'Error',
  },
} as const satisfies TextTable;

let view: PageView | null = null;
let seq = 0;
let sidebarFrame: string | null = null;
let lastGrid = '';

const lang = (): 'fr' | 'en' => view?.lang ?? 'fr';
const say = translator(TEXT);
const text = (key: keyof typeof TEXT, vars: Record<string, string | number> = {}): string =>
  say(key, lang(), vars);

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing`);
  return node as T;
}

async function call(path: string, body?: Record<string, unknown>): Promise<Reply> {
  document.body.style.cursor = 'progress';
  try {
    const res = await fetch(
      path,
      body === undefined
        ? {}
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ...body, since: seq }),
          },
    );
    const json = (await res.json()) as Reply & { error?: string };
    if (!res.ok) throw new Error(json.error ?? res.statusText);
    return json;
  } finally {
    document.body.style.cursor = '';
  }
}

/** Runs an action; when the script asks a question, asks the user and runs it again with the answer. */
async function act(path: string, body: Record<string, unknown>): Promise<void> {
  const answers: Answer[] = [];
  try {
    for (;;) {
      const reply = await call(path, { ...body, answers });
      // A menu item, a trigger or a sheet change may move the selection; typing does not.
      if (path !== '/api/edit') grid.followServerSelection();
      if (!reply.question) return await apply(reply);
      answers.push(await ask(reply.question, lang()));
    }
  } catch (e) {
    toast('error', text('failed'), e instanceof Error ? e.message : String(e));
  }
}

/** The view: since the last look, or from now (nothing replayed) when `fromNow`. */
async function refresh(fromNow = false): Promise<void> {
  await apply(await call(fromNow ? '/api/view' : `/api/view?since=${seq}`));
}

/** Opening (or reloading) the page is opening the spreadsheet: onOpen runs (a POST: it acts). */
async function openSpreadsheet(): Promise<void> {
  await apply(await call('/api/open', {}));
}

async function apply(reply: Reply): Promise<void> {
  // Replies can cross (a frame's call ends while a menu action runs): show each activity once.
  const fresh = reply.activity.filter((a) => a.seq > seq);
  seq = Math.max(seq, reply.seq);
  view = reply.view;
  render();
  for (const a of fresh) await show(a);
}

async function show(a: Activity): Promise<void> {
  switch (a.kind) {
    case 'toast':
      return toast('toast', a.title, a.message);
    case 'mail':
      return toast('mail', '✉', a.message);
    case 'error':
      return toast('error', text('failed'), a.message, 10);
    case 'alert':
      return showAlert(a.title, a.prompt);
    case 'sidebar':
      sidebarFrame = a.frame;
      byId('sidebar-title').textContent = a.title;
      byId<HTMLIFrameElement>('sidebar-frame').src = `/frame/${encodeURIComponent(a.frame)}`;
      byId('sidebar').hidden = false;
      return;
    case 'dialog':
      return showHtmlDialog(a.frame, a.title, a.width, a.height);
  }
}

// ---------------------------------------------------------------- drawing

const grid = new Grid(byId<HTMLTableElement>('grid'), {
  select: (row, col) => {
    // Only the server's selection changes: no redraw, so a double-click can follow.
    if (view) void call('/api/select', { sheet: view.grid.sheet, row, col }).catch(() => undefined);
  },
  edit: async (row, col, value) => {
    if (view) await act('/api/edit', { sheet: view.grid.sheet, row, col, value });
  },
  confirmComputed: async (header) =>
    (
      await ask(
        {
          kind: 'alert',
          title: text('protectedTitle'),
          prompt: text('computed', { h: header }),
          buttons: 'OK_CANCEL',
        },
        lang(),
      )
    ).button === 'OK',
});

function render(): void {
  if (!view) return;
  document.documentElement.lang = view.lang;
  byId('title').textContent = view.title;
  document.title = `${view.title} — preview`;
  renderMenus(view);
  renderTabs(view);
  const clock = byId('clock');
  clock.textContent = text(view.clockPinned ? 'pinned' : 'clock', { d: view.today });
  clock.classList.toggle('pinned', view.clockPinned);
  const date = byId('date');
  date.title = text('date');
  date.setAttribute('aria-label', text('date'));
  byId('clock-reset').textContent = text('reset');
  byId('triggers-label').textContent = text('triggers');
  labelled('run-daily', 'daily', 'dailyTitle');
  labelled('run-monthly', 'monthly', 'monthlyTitle');
  labelled('export', 'export', 'exportTitle');
  labelled('import-label', 'import', 'importTitle');
  const restore = byId('restore');
  restore.hidden = !view.backup;
  restore.textContent = text('restore');
  restore.title = text('restoreTitle', { sheet: view.backup?.sheet ?? '' });
  // Redraw the grid only when it changed: a background refresh (a sidebar call ending) must
  // not close the cell the user is typing in, nor move what they are looking at.
  const drawn = JSON.stringify(view.grid);
  if (drawn !== lastGrid) grid.render(view.grid);
  lastGrid = drawn;
  const hidden = byId('hidden-rows');
  hidden.hidden = view.grid.hiddenRows === 0;
  hidden.textContent = text('hiddenRows', { n: view.grid.hiddenRows });
}

function labelled(id: string, label: keyof typeof TEXT, title: keyof typeof TEXT): void {
  const node = byId(id);
  node.textContent = text(label);
  node.title = text(title);
}

function renderTabs(v: PageView): void {
  const tabs = v.sheets.map((name) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.setAttribute('role', 'tab');
    b.setAttribute('aria-selected', String(name === v.grid.sheet));
    b.textContent = name;
    // Clicking the current tab changes nothing (the selection stays), as in Sheets.
    if (name !== v.grid.sheet)
      b.addEventListener('click', () => void act('/api/select', { sheet: name }));
    return b;
  });
  byId('tabs').replaceChildren(...tabs);
}

function renderMenus(v: PageView): void {
  const bar = byId('menubar');
  const open = bar.querySelector('.menu');
  if (open) return; // leave an open menu alone
  bar.replaceChildren(
    ...v.menus.map((m) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'menu-button';
      button.textContent = m.name;
      button.setAttribute('aria-haspopup', 'menu');
      button.setAttribute('aria-expanded', 'false');
      button.addEventListener('click', (e) => {
        e.stopPropagation();
        closeMenus();
        button.setAttribute('aria-expanded', 'true');
        const menu = document.createElement('div');
        menu.className = 'menu';
        menu.setAttribute('role', 'menu');
        menu.style.left = `${button.offsetLeft}px`;
        for (const item of m.items) {
          if (!item) {
            menu.append(document.createElement('hr'));
            continue;
          }
          const entry = document.createElement('button');
          entry.type = 'button';
          entry.setAttribute('role', 'menuitem');
          entry.textContent = item.caption;
          entry.addEventListener('click', () => {
            closeMenus();
            void act('/api/menu', { path: item.path });
          });
          menu.append(entry);
        }
        bar.append(menu);
        menu.querySelector('button')?.focus();
      });
      return button;
    }),
  );
}

function closeMenus(): void {
  document.querySelectorAll('#menubar .menu').forEach((m) => m.remove());
  document
    .querySelectorAll('#menubar [aria-expanded]')
    .forEach((b) => b.setAttribute('aria-expanded', 'false'));
}

// ---------------------------------------------------------------- wiring

document.addEventListener('click', closeMenus);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') closeMenus();
});

byId('run-daily').addEventListener(
  'click',
  () => void act('/api/trigger', { kind: 'daily', date: byId<HTMLInputElement>('date').value }),
);
byId('run-monthly').addEventListener(
  'click',
  () => void act('/api/trigger', { kind: 'monthly', date: byId<HTMLInputElement>('date').value }),
);
byId('date').addEventListener('change', () => {
  const date = byId<HTMLInputElement>('date').value;
  if (date) void act('/api/clock', { date });
});
byId('clock-reset').addEventListener('click', () => {
  byId<HTMLInputElement>('date').value = '';
  void act('/api/clock', { date: null });
});
byId('export').addEventListener('click', () => {
  if (!view) return;
  const a = document.createElement('a');
  a.href = `/api/csv?sheet=${encodeURIComponent(view.grid.sheet)}`;
  a.download = `${view.grid.sheet}.csv`;
  a.click();
});
byId<HTMLInputElement>('import').addEventListener('change', async (e) => {
  const input = e.target as HTMLInputElement;
  const file = input.files?.[0];
  input.value = '';
  if (file && view) await act('/api/import', { sheet: view.grid.sheet, text: await file.text() });
});
byId('restore').addEventListener('click', () => void act('/api/restore', {}));
byId('sidebar-close').addEventListener('click', () => {
  byId('sidebar').hidden = true;
  sidebarFrame = null;
});

// Messages from the script's frames (google.script.run done, google.script.host.close()).
window.addEventListener('message', (e: MessageEvent) => {
  if (e.origin !== window.location.origin) return;
  const data = e.data as { source?: string; type?: string; frame?: string } | null;
  if (data?.source !== 'fiche-preview' || !data.frame) return;
  if (data.type === 'rpc-done') void refresh(true);
  else if (data.type === 'close') {
    if (data.frame === sidebarFrame) byId('sidebar-close').click();
    closeHtmlDialog(data.frame);
  }
});

void openSpreadsheet();
