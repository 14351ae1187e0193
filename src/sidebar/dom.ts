/**
 * DOM building without HTML strings: every text goes through text nodes, so a client name
 * like "<img onerror=…>" is shown, never parsed.
 */
type AttrValue = string | number | boolean | null | undefined;
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A DOM id from a record path: 'salespeople.0.ratePct' → 'f-salespeople-0-ratePct'. */
export function fieldId(path: string): string {
  return 'f-' + path.replace(/[^A-Za-z0-9_-]/g, '-');
}
