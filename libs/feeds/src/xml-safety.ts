import { FeedError } from './feed-error';
import { HTML_ENTITIES, XML_ENTITIES } from './html-text';

const MAX_DOCTYPE_CHARS = 64 * 1024;
const MAX_ENTITIES = 64;
const MAX_ENTITY_VALUE = 1024;
const MAX_EXPANSION_CHARS = 1024 * 1024;

/**
 * Makes feed XML safe and palatable for a strict parser before it sees it:
 * - the DOCTYPE is removed. Internal entities with a literal value (no references, no markup)
 *   are expanded here, with a cap on the total expansion; external entities (SYSTEM/PUBLIC),
 *   parameter entities and entities that refer to other entities (the "billion laughs"
 *   shape) are refused. Nothing is ever fetched or recursively expanded.
 * - HTML named entities (&nbsp;, &eacute;, ...) become numeric references; unknown names and
 *   stray ampersands ("AT&T") are escaped, so they read as the author wrote them.
 * CDATA sections are left untouched.
 */
export function prepareXml(text: string): string {
  let xml = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const declared = new Map<string, string>();
  const doctype = findDoctype(xml);
  if (doctype) {
    const subset = xml.slice(doctype.start, doctype.end);
    for (const [name, value] of readEntities(subset)) declared.set(name, value);
    // Keep the line count so that parser errors point at the right line.
    xml = xml.slice(0, doctype.start) + subset.replace(/[^\n]/g, '') + xml.slice(doctype.end);
  }
  let expanded = 0;
  return mapOutsideCdata(xml, (part) =>
    part.replace(/&(?:(#\d+|#x[0-9a-fA-F]+)|([A-Za-z_][\w.-]*));|&/g, (m, num: string, name: string) => {
      if (num) return m;
      if (!name) return '&amp;';
      if (XML_ENTITIES.has(name)) return m;
      const value = declared.get(name);
      if (value !== undefined) {
        expanded += value.length;
        if (expanded > MAX_EXPANSION_CHARS) throw unsafe('entity expansion exceeds 1 MiB');
        return value;
      }
      const cp = HTML_ENTITIES.get(name);
      return cp === undefined ? `&amp;${name};` : `&#${cp};`;
    }),
  );
}

function unsafe(why: string): FeedError {
  return new FeedError('malformed', `XML document is malformed: ${why} (refused for safety)`);
}

/** Finds `<!DOCTYPE ...>` before the root element, honouring quotes and an internal subset. */
function findDoctype(xml: string): { start: number; end: number } | null {
  const m = /<!DOCTYPE\b/i.exec(xml.slice(0, 64 * 1024));
  if (!m) return null;
  const firstElement = xml.search(/<[A-Za-z_]/);
  if (firstElement !== -1 && firstElement < m.index) return null;
  let quote = '';
  let inSubset = false;
  const limit = Math.min(xml.length, m.index + MAX_DOCTYPE_CHARS);
  for (let i = m.index + m[0].length; i < limit; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (inSubset && xml.startsWith('<!--', i)) {
      const close = xml.indexOf('-->', i + 4);
      if (close === -1) break;
      i = close + 2;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') inSubset = true;
    else if (c === ']') inSubset = false;
    else if (c === '>' && !inSubset) return { start: m.index, end: i + 1 };
  }
  throw new FeedError('malformed', 'XML document is malformed: the DOCTYPE declaration is unterminated or too long');
}

function* readEntities(doctype: string): Generator<[string, string]> {
  const decls = doctype.match(/<!ENTITY\b[^>]*>/gi) ?? [];
  if (decls.length > MAX_ENTITIES) throw unsafe(`more than ${MAX_ENTITIES} entity declarations`);
  for (const decl of decls) {
    const m = /^<!ENTITY\s+(%\s*)?([A-Za-z_][\w.:-]*)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[\s\S]*)\s*>$/i.exec(decl);
    if (!m) throw unsafe('an entity declaration could not be read');
    const [, parameter, name, dq, sq, external] = m;
    if (external) throw unsafe(`external entity "${name}" declared`);
    if (parameter) throw unsafe(`parameter entity "${name}" declared`);
    const value = dq ?? sq ?? '';
    if (/[&%<]/.test(value)) throw unsafe(`entity "${name}" refers to other entities or markup`);
    if (value.length > MAX_ENTITY_VALUE) throw unsafe(`entity "${name}" is longer than ${MAX_ENTITY_VALUE} characters`);
    yield [name, value.replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/>/g, '&gt;')];
  }
}

function mapOutsideCdata(xml: string, fn: (part: string) => string): string {
  if (!xml.includes('<![CDATA[')) return fn(xml);
  let out = '';
  let pos = 0;
  while (pos < xml.length) {
    const open = xml.indexOf('<![CDATA[', pos);
    if (open === -1) break;
    const close = xml.indexOf(']]>', open + 9);
    out += fn(xml.slice(pos, open));
    if (close === -1) {
      // Unterminated CDATA: leave it for the parser to report.
      out += xml.slice(open);
      return out;
    }
    out += xml.slice(open, close + 3);
    pos = close + 3;
  }
  return out + fn(xml.slice(pos));
}
