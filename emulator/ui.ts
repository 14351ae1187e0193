import type { CallCounter } from './calls';
import { counted, uncountedView } from './counting';
import { scriptError } from './errors';

/**
 * SpreadsheetApp.getUi(): menus, sidebars, dialogs, alerts and prompts.
 * Reference: https://developers.google.com/apps-script/reference/base/ui
 * Enums are compared by identity in scripts (`response == ui.Button.OK`); strings with the enum
 * name give the same comparisons and print the same way (String(ui.Button.OK) === 'OK').
 */
export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
export type ButtonName = (typeof Button)[keyof typeof Button];
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;
export type ButtonSetName = (typeof ButtonSet)[keyof typeof ButtonSet];

const BUTTONS_OF: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export interface MenuItem {
  kind: 'item';
  caption: string;
  functionName: string;
}
export interface MenuSeparator {
  kind: 'separator';
}
export interface SubMenu {
  kind: 'submenu';
  name: string;
  items: MenuEntry[];
}
export type MenuEntry = MenuItem | MenuSeparator | SubMenu;
export interface RecordedMenu {
  name: string;
  items: MenuEntry[];
}

/** Anything with the HtmlOutput reading methods (ours, or a test double). */
export interface HtmlLike {
  getContent(): string;
  getTitle(): string;
  getWidth?(): number | null;
  getHeight?(): number | null;
}

export type UiEvent =
  | { kind: 'sidebar'; title: string; html: string }
  | {
      kind: 'modalDialog' | 'modelessDialog';
      title: string;
      html: string;
      width: number | null;
      height: number | null;
    }
  | { kind: 'alert'; title: string; prompt: string; buttons: ButtonSetName; answer: ButtonName }
  | {
      kind: 'prompt';
      title: string;
      prompt: string;
      buttons: ButtonSetName;
      answer: ButtonName;
      text: string;
    };

export interface PromptAnswer {
  button: ButtonName;
  text?: string;
}

/**
 * What the user saw and did, across all executions (toasts are on the document:
 * Emulator.toasts). Tests queue answers for the next alerts and
 * prompts; without one, an alert is answered with its first button (OK, or YES) and a prompt is
 * closed (CLOSE, empty text), as a user who dismisses the dialog would.
 */
export class UiLog {
  readonly events: UiEvent[] = [];
  /** Menus added with addToUi, by name; adding a menu with the same name replaces it (as in Sheets). */
  readonly menus = new Map<string, RecordedMenu>();
  private readonly alertAnswers: ButtonName[] = [];
  private readonly promptAnswers: PromptAnswer[] = [];

  answerNextAlert(button: ButtonName): void {
    this.alertAnswers.push(button);
  }

  answerNextPrompt(text: string, button: ButtonName = 'OK'): void {
    this.promptAnswers.push({ button, text });
  }

  /** Menu items as "Menu > Sub > Caption" → function name, to list or invoke them. */
  menuItems(): { path: string; functionName: string }[] {
    const out: { path: string; functionName: string }[] = [];
    const walk = (prefix: string, items: MenuEntry[]): void => {
      for (const item of items) {
        if (item.kind === 'item')
          out.push({ path: `${prefix} > ${item.caption}`, functionName: item.functionName });
        else if (item.kind === 'submenu') walk(`${prefix} > ${item.name}`, item.items);
      }
    };
    for (const menu of this.menus.values()) walk(menu.name, menu.items);
    return out;
  }

  ofKind<K extends UiEvent['kind']>(kind: K): Extract<UiEvent, { kind: K }>[] {
    return this.events.filter((e): e is Extract<UiEvent, { kind: K }> => e.kind === kind);
  }

  /** The last sidebar shown, if any. */
  lastSidebar(): Extract<UiEvent, { kind: 'sidebar' }> | undefined {
    return this.ofKind('sidebar').at(-1);
  }

  takeAlertAnswer(buttons: ButtonSetName): ButtonName {
    const allowed = BUTTONS_OF[buttons];
    const queued = this.alertAnswers.shift();
    if (queued === undefined) return allowed[0] ?? 'OK';
    if (queued !== 'CLOSE' && !allowed.includes(queued))
      throw new Error(`Emulator: queued alert answer ${queued} is not a button of ${buttons}`);
    return queued;
  }

  takePromptAnswer(buttons: ButtonSetName): PromptAnswer {
    const queued = this.promptAnswers.shift();
    if (queued === undefined) return { button: 'CLOSE', text: '' };
    if (queued.button !== 'CLOSE' && !BUTTONS_OF[buttons].includes(queued.button))
      throw new Error(
        `Emulator: queued prompt answer ${queued.button} is not a button of ${buttons}`,
      );
    return queued;
  }
}

class Menu {
  private readonly items: MenuEntry[] = [];
  constructor(
    private readonly name: string,
    private readonly log: UiLog | null,
  ) {}

  addItem(caption: string, functionName: string): this {
    if (typeof caption !== 'string' || typeof functionName !== 'string')
      throw scriptError('Invalid argument: caption');
    this.items.push({ kind: 'item', caption, functionName });
    return this;
  }

  addSeparator(): this {
    this.items.push({ kind: 'separator' });
    return this;
  }

  addSubMenu(menu: Menu): this {
    this.items.push({ kind: 'submenu', name: menu.name, items: menu._snapshot() });
    return this;
  }

  addToUi(): void {
    if (!this.log) throw scriptError('Emulator: a sub-menu cannot be added to the UI by itself');
    this.log.menus.set(this.name, { name: this.name, items: this._snapshot() });
  }

  _snapshot(): MenuEntry[] {
    return structuredClone(this.items);
  }
}

class PromptResponse {
  constructor(
    private readonly text: string,
    private readonly button: ButtonName,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): ButtonName {
    return this.button;
  }
}

function isButtonSet(x: unknown): x is ButtonSetName {
  return typeof x === 'string' && x in BUTTONS_OF;
}

export class Ui {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    private readonly log: UiLog,
    private readonly calls: CallCounter,
  ) {}

  createMenu(caption: string): Menu {
    return counted(this.calls, 'Menu', new Menu(String(caption), this.log));
  }

  /** Add-on menus are named after the add-on; this project is bound, so it is the same as createMenu. */
  createAddonMenu(): Menu {
    return counted(this.calls, 'Menu', new Menu('Add-on', this.log));
  }

  showSidebar(output: HtmlLike): void {
    const html = uncountedView(output); // read by Google's host, not by the script
    this.log.events.push({ kind: 'sidebar', title: html.getTitle(), html: html.getContent() });
  }

  showModalDialog(html: HtmlLike, title: string): void {
    this.dialog('modalDialog', html, title);
  }

  showModelessDialog(html: HtmlLike, title: string): void {
    this.dialog('modelessDialog', html, title);
  }

  private dialog(kind: 'modalDialog' | 'modelessDialog', output: HtmlLike, title: string): void {
    const html = uncountedView(output); // read by Google's host, not by the script
    this.log.events.push({
      kind,
      title: String(title),
      html: html.getContent(),
      width: html.getWidth?.() ?? null,
      height: html.getHeight?.() ?? null,
    });
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
  alert(a: string, b?: string, c?: string): ButtonName {
    const { title, prompt, buttons } = dialogArgs(a, b, c);
    const answer = this.log.takeAlertAnswer(buttons);
    this.log.events.push({ kind: 'alert', title, prompt, buttons, answer });
    return answer;
  }

  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons) */
  prompt(a: string, b?: string, c?: string): PromptResponse {
    const { title, prompt, buttons } = dialogArgs(a, b, c, 'OK');
    const answer = this.log.takePromptAnswer(buttons);
    const text = answer.text ?? '';
    this.log.events.push({ kind: 'prompt', title, prompt, buttons, answer: answer.button, text });
    return counted(this.calls, 'PromptResponse', new PromptResponse(text, answer.button));
  }
}

function dialogArgs(
  a: string,
  b: string | undefined,
  c: string | undefined,
  defaultSet: ButtonSetName = 'OK',
): { title: string; prompt: string; buttons: ButtonSetName } {
  if (c !== undefined) {
    if (!isButtonSet(c)) throw scriptError('Invalid argument: buttons');
    return { title: String(a), prompt: String(b ?? ''), buttons: c };
  }
  if (b !== undefined && isButtonSet(b)) return { title: '', prompt: String(a), buttons: b };
  if (b !== undefined) return { title: String(a), prompt: String(b), buttons: defaultSet };
  return { title: '', prompt: String(a), buttons: defaultSet };
}

export function createUi(log: UiLog, calls: CallCounter): Ui {
  return counted(calls, 'Ui', new Ui(log, calls));
}
