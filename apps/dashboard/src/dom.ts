/**
 * The only way this dashboard builds DOM. Strings always become text nodes (never HTML), and
 * `href`/`src` accept only http(s) URLs, so a feed title like `<img onerror=…>` shows literally.
 */

export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (ev: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);

/**
 * `url` if it is an http(s) URL (relative ones resolved against `base`), a same-origin path as
 * given, else null: `javascript:`, `data:`, `vbscript:` and anything unparsable are refused.
 */
export function safeHref(url: unknown, base?: string): string | null {
  if (typeof url !== 'string') return null;
  const trimmed = url.trim();
  if (!trimmed) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(trimmed)) return null;
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return trimmed;
  let parsed: URL;
  try {
    parsed = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href;
}

/** `el('a', { href, class: 'x', onclick }, 'text', child)`; strings go through textContent. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') {
      if (!name.startsWith('on')) throw new Error(`function for non-event attribute ${name}`);
      node.addEventListener(name.slice(2).toLowerCase(), value);
      continue;
    }
    if (name.startsWith('on')) throw new Error(`inline handler attribute ${name} is not allowed`);
    if (URL_ATTRS.has(name.toLowerCase())) {
      const safe = safeHref(String(value), globalThis.location?.href);
      if (safe) node.setAttribute(name, safe);
      continue;
    }
    if (name === 'class') node.className = String(value);
    else if (name === 'value' && 'value' in node) (node as HTMLInputElement).value = String(value);
    else if (name === 'checked' && 'checked' in node) (node as HTMLInputElement).checked = Boolean(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends children; strings and numbers become text nodes. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === 'string' || typeof child === 'number') parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child);
  }
}

/** Replaces all children of `parent`. */
export function setChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A link that opens outside the dashboard, or plain text when the URL is not http(s). */
export function extLink(url: string | null | undefined, text: string, attrs: Attrs = {}): HTMLElement {
  const href = safeHref(url ?? null, globalThis.location?.href);
  if (!href) return el('span', attrs, text);
  return el('a', { ...attrs, href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

let idCounter = 0;
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from index.html`);
  return node as T;
}

/** Announces a short status message to screen readers and shows it as a toast. */
export function toast(message: string, kind: 'info' | 'error' = 'info'): void {
  const host = document.getElementById('toasts');
  if (!host) return;
  const item = el('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  host.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}
