import { FeedError } from './feed-error';
import type { ParsedFeed, RawItem } from './feed.types';
import { decodeEntities } from './html-text';
import { parseJsonFeed } from './json-feed';
import { prepareXml } from './xml-safety';
import { XmlReader } from './xml-reader';

const NOT_A_FEED = 'not an RSS or Atom document';

/**
 * Parses RSS 0.9x/1.0 (RDF)/2.0 and Atom (one streaming pass of saxes, strict XML, read by the
 * rules of rss-parser 3.13, which parsed feeds before) and JSON Feed.
 * Throws FeedError 'not_a_feed' (an HTML page, JSON that is no JSON Feed, another XML
 * vocabulary) or 'malformed' (broken or truncated XML, refused DOCTYPE entities).
 */
export async function parseFeed(text: string, opts: { contentType?: string | null } = {}): Promise<ParsedFeed> {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body === '') throw new FeedError('not_a_feed', `${NOT_A_FEED} (the response is empty)`);
  const type = (opts.contentType ?? '').toLowerCase();
  if (body.startsWith('{') || (/[/+]json\b/.test(type) && !body.startsWith('<'))) return parseJsonFeed(body);
  if (!body.startsWith('<')) throw new FeedError('not_a_feed', `${NOT_A_FEED} (the response is not XML)`);

  const root = rootElementName(body);
  if (root === null) throw new FeedError('not_a_feed', `${NOT_A_FEED} (no root element)`);
  if (/^(html|head|body)$/i.test(root) || /^<!doctype\s+html\b/i.test(body)) {
    throw new FeedError('not_a_feed', `${NOT_A_FEED} (it is an HTML page)`);
  }
  if (!/^(rss|feed|rdf:rdf|rdf|channel)$/i.test(localOrPrefixed(root))) {
    throw new FeedError('not_a_feed', `${NOT_A_FEED} (the root element is <${root}>)`);
  }
  let xml = prepareXml(body);
  if (/feed$/i.test(root)) xml = dropUnreadableAtomDates(xml);
  let feed: FeedParts;
  try {
    feed = readFeed(xml);
  } catch (err) {
    if (!(err instanceof StructureError)) throw err;
    // rss-parser, which read feeds before, gave up on these: an RSS document without a channel
    // has no items, anything else is a broken feed.
    if (!/<(?:[\w.-]+:)?channel[\s>/]/.test(xml) && !/feed$/i.test(root)) feed = { items: [] };
    else throw new FeedError('malformed', `XML document is malformed: unexpected ${root} structure`);
  }
  return buildFeed(feed, xml, root);
}

/** rss-parser threw on an Atom date it could not read; such a date is no date at all. */
function dropUnreadableAtomDates(xml: string): string {
  return xml.replace(/<((?:[\w.-]+:)?(?:published|updated))>([^<]*)<\/\1>/g, (m, _tag: string, value: string) =>
    Number.isNaN(Date.parse(value.trim())) ? '' : m,
  );
}

/** Name of the first element, skipping the prolog (declaration, comments, PIs, DOCTYPE). */
function rootElementName(xml: string): string | null {
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<([A-Za-z_][\w.:-]*)/gi;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1]) return m[1];
    if (m.index > 1024 * 1024) break;
  }
  return null;
}

function localOrPrefixed(name: string): string {
  return name.toLowerCase() === 'rdf:rdf' ? name : name.replace(/^[\w.-]+:/, '');
}

/** What the XML pass yields: the feed-level fields and the items, or why there are none. */
interface FeedParts {
  title?: string | null;
  link?: string | null;
  language?: string | null;
  feedUrl?: string | null;
  items: RawItem[];
}

/**
 * An element as far as the feed needs it. `text` is all of its own character data (CDATA
 * included, children's text not); `kids` holds only the children that may matter.
 */
interface XNode {
  name: string;
  attrs: Record<string, string> | null;
  text: string;
  cdata: boolean;
  /** Children of any name, counted: an element with children is no text element. */
  nkids: number;
  kids: XNode[] | null;
}

/** A well-formed document without the structure a feed needs (rss-parser threw on it). */
class StructureError extends Error {}

const RSS_CHANNEL_FIELDS = new Set(['title', 'dc:title', 'link', 'language', 'atom:link']);
const RSS_ITEM_FIELDS = new Set([
  'title', 'dc:title', 'link', 'pubDate', 'dc:date', 'author', 'dc:creator', 'summary', 'description',
  'content:encoded', 'guid', 'category', 'dc:language',
]);
const ATOM_FEED_FIELDS = new Set(['title', 'link']);
const ATOM_ENTRY_FIELDS = new Set([
  'title', 'link', 'published', 'updated', 'author', 'content', 'summary', 'id', 'dc:date', 'dc:language',
]);

type Kind = 'rss' | 'rdf' | 'atom' | null;
/** How an element's children are treated: kept whole, looked up as fields, or skipped. */
const enum Keep {
  Skip,
  Whole,
  Root,
  Channel,
  Item,
  Entry,
}

interface Frame {
  node: XNode | null;
  keep: Keep;
}

/**
 * One streaming pass over the document: feed-level fields and each item/entry are read
 * straight into `RawItem`s, with the rules rss-parser 3.13 (over xml2js) applied before, so
 * that a feed reads as it did. Throws FeedError 'malformed' at the first well-formedness
 * error sax would have reported, and StructureError where rss-parser gave up.
 */
function readFeed(xml: string): FeedParts {
  const parser = new XmlReader();
  const stack: Frame[] = [];
  const items: RawItem[] = [];
  let kind: Kind = null;
  let root: XNode | null = null;
  let channel: XNode | null = null;
  let done = false;
  let broken = false;
  let ending = false;

  parser.on('error', (err) => {
    const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(err.message);
    const why = m ? m[3] : err.message;
    if (done) {
      // sax reported the root's mismatched close tag; anything after the root went unread.
      if (why !== 'unexpected close tag.') return;
    } else if (LENIENT.test(why)) return;
    const state = parser as unknown as { state: number; name: string };
    // sax let CDATA before the root pass (saxes's state 16: just after "<![CDATA[").
    if (why === 'text data outside of root node.' && state.state === 16) return;
    const detail = saxMessage(why, root !== null && !done, state);
    const at = ending ? endPosition(xml) : !root && why === 'text data outside of root node.' ? strayTextPosition(xml) : m ? { line: Number(m[1]), column: Number(m[2]) } : null;
    throw new FeedError('malformed', `XML document is malformed: ${detail}${at ? ` (line ${at.line}, column ${at.column})` : ''}`);
  });
  parser.on('opentag', (tag) => {
    if (done) return;
    const parent = stack.length ? stack[stack.length - 1] : null;
    let keep = Keep.Skip;
    if (!parent) {
      kind = tag.name === 'rss' ? 'rss' : tag.name === 'rdf:RDF' ? 'rdf' : tag.name === 'feed' ? 'atom' : null;
      keep = Keep.Root;
    } else {
      const p = parent.node;
      if (p) p.nkids++;
      switch (parent.keep) {
        case Keep.Whole:
          keep = Keep.Whole;
          break;
        case Keep.Root:
          if (tag.name === 'channel' && kind !== 'atom' && !channel) keep = Keep.Channel;
          else if (kind === 'rdf' && tag.name === 'item') keep = Keep.Item;
          else if (kind === 'atom') keep = tag.name === 'entry' ? Keep.Entry : ATOM_FEED_FIELDS.has(tag.name) ? Keep.Whole : Keep.Skip;
          break;
        case Keep.Channel:
          keep = kind === 'rss' && tag.name === 'item' ? Keep.Item : RSS_CHANNEL_FIELDS.has(tag.name) ? Keep.Whole : Keep.Skip;
          break;
        case Keep.Item:
          if (RSS_ITEM_FIELDS.has(tag.name)) keep = Keep.Whole;
          break;
        case Keep.Entry:
          if (ATOM_ENTRY_FIELDS.has(tag.name)) keep = Keep.Whole;
          break;
        default:
      }
    }
    let node: XNode | null = null;
    if (keep !== Keep.Skip) {
      node = { name: tag.name, attrs: nonEmpty(tag.attributes as Record<string, string>), text: '', cdata: false, nkids: 0, kids: null };
      const p = parent?.node;
      if (p && keep !== Keep.Item && keep !== Keep.Entry) (p.kids ??= []).push(node);
      if (keep === Keep.Root) root = node;
      else if (keep === Keep.Channel) channel = node;
    }
    stack.push({ node, keep });
  });
  parser.on('text', (t) => {
    if (done || !stack.length) return;
    const node = stack[stack.length - 1].node;
    if (node) node.text += t;
  });
  parser.on('cdata', (t) => {
    if (done || !stack.length) return;
    const node = stack[stack.length - 1].node;
    if (node) {
      node.text += t;
      node.cdata = true;
    }
  });
  parser.on('closetag', () => {
    if (done) return;
    const frame = stack.pop()!;
    if (!stack.length) done = true;
    if (frame.keep !== Keep.Item && frame.keep !== Keep.Entry) return;
    try {
      const item = frame.keep === Keep.Item ? rssItem(frame.node!) : atomEntry(frame.node!);
      if (item) items.push(item);
      else broken = true;
    } catch (err) {
      // Reported once the whole document is known to be well-formed, as rss-parser did.
      if (!(err instanceof StructureError)) throw err;
      broken = true;
    }
  });
  parser.write(xml);
  ending = true;
  parser.close();

  // The document is well-formed as far as sax was concerned: now its structure.
  const r = root as XNode | null;
  if (!r || !kind) throw new FeedError('not_a_feed', NOT_A_FEED);
  if (!r.attrs && r.nkids === 0 && r.text === '') throw new FeedError('not_a_feed', NOT_A_FEED);
  if (broken) throw new StructureError();
  if (kind === 'atom') {
    if (!r.attrs && r.nkids === 0) throw new StructureError();
    const links = kidsNamed(r, 'link');
    return {
      title: value(first(r, 'title')),
      link: nonBlank(linkHref(links, 'alternate', 0)),
      feedUrl: nonBlank(linkHref(links, 'self', 1)),
      items,
    };
  }
  const ch = channel as XNode | null;
  if (!ch) throw new StructureError();
  const atomLink = first(ch, 'atom:link');
  return {
    title: value(first(ch, 'title') ?? first(ch, 'dc:title')),
    link: value(first(ch, 'link')),
    language: value(first(ch, 'language')),
    feedUrl: atomLink?.attrs ? nonBlank(atomLink.attrs.href) : null,
    items,
  };
}

/** saxes errors for what sax (strict) let through: control characters, "]]>", the XML declaration. */
const LENIENT =
  /^(disallowed character\.|the string "\]\]>" is disallowed in char data\.|duplicate attribute: |XML declaration|the XML declaration|an XML declaration|version number must|encoding value must|standalone value must|expected the name|expected one of|did not expect any more|value required\.|value must be quoted\.|whitespace required\.|The character \? is disallowed|processing instruction|processing instructions are not allowed|disallowed character in processing instruction)/;

/** saxes's wording of an error, as sax worded it (users and tests know these messages). */
function saxMessage(why: string, rootOpen: boolean, state: { state: number; name: string }): string {
  if (why.startsWith('unclosed tag: ') || (why === 'unexpected end.' && rootOpen)) return 'unclosed root tag';
  if (why === 'disallowed character in closing tag.') {
    // saxes's states 43/44: in the tag name, after it.
    if (state.state === 44) return 'invalid characters in closing tag';
    return state.name === '' ? 'invalid tagname in closing tag.' : 'invalid tagname in closing tag';
  }
  const named = /^(unmatched closing tag: .*)\.$/.exec(why);
  if (named) return named[1];
  switch (why) {
    case 'malformed character entity.':
    case 'undefined entity.':
      return 'invalid character entity';
    case 'disallowed character in entity name.':
      return 'invalid character in entity name';
    case 'disallowed character in tag name':
      return 'unencoded <';
    case 'disallowed character in tag name.':
      return 'invalid character in tag name';
    case 'disallowed character in attribute name.':
      return 'invalid attribute name';
    case 'document must contain a root element.':
      return 'unexpected end';
    case 'weird empty close tag.':
      return 'invalid tagname in closing tag.';
    case 'text data outside of root node.':
      return why;
    default:
      return why.replace(/\.$/, '');
  }
}

/** sax reported an unclosed root where the text ends. */
function endPosition(xml: string): { line: number; column: number } {
  return positionAfter(xml, xml.length);
}

/** sax reported text before the root at its first character, saxes where it ends. */
function strayTextPosition(xml: string): { line: number; column: number } | null {
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![^>]*>|\s+|(\S)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) if (m[1]) return positionAfter(xml, m.index + 1);
  return null;
}

/** Line (from 1) and column of the end of `xml.slice(0, end)`, counted as sax counted them. */
function positionAfter(xml: string, end: number): { line: number; column: number } {
  let line = 1;
  for (let i = xml.indexOf('\n'); i !== -1 && i < end; i = xml.indexOf('\n', i + 1)) line++;
  return { line, column: end - xml.lastIndexOf('\n', end - 1) - 1 };
}

function nonEmpty(attrs: Record<string, string>): Record<string, string> | null {
  for (const _ in attrs) return attrs;
  return null;
}

function first(node: XNode, name: string): XNode | undefined {
  const kids = node.kids;
  if (kids) for (const k of kids) if (k.name === name) return k;
  return undefined;
}

function kidsNamed(node: XNode, name: string): XNode[] {
  return node.kids ? node.kids.filter((k) => k.name === name) : [];
}

// xml2js dropped character data that is only whitespace (unless it came from CDATA); an
// element with attributes or children then became an object, one without a text element.

/** Whether xml2js kept the element's own text. */
function hasText(n: XNode): boolean {
  return n.cdata || !BLANK.test(n.text);
}

/** Whether xml2js made the element an object without text (attributes and/or children only). */
function isObject(n: XNode): boolean {
  return !hasText(n) && (n.attrs !== null || n.nkids > 0);
}

const BLANK = /^\s*$/;

/** The element's own text, or null when it has none but whitespace. */
function value(n: XNode | undefined): string | null {
  return n && !BLANK.test(n.text) ? n.text : null;
}

function nonBlank(s: string | undefined | null): string | null {
  return typeof s === 'string' && s.trim() !== '' ? s : null;
}

/**
 * rss-parser's content: the element's own text when it has some, else the element written
 * back as XML (`<div ...>...</div>`, as xml2js's builder wrote it), else nothing.
 */
function content(n: XNode | undefined): string | null {
  if (!n) return null;
  if (hasText(n)) return value(n);
  return isObject(n) ? serialize(n, 'div') : null;
}

/**
 * rss-parser's link choice: the first link with that exact rel, else the link at `fallback`.
 * A link without attributes made it throw.
 */
function linkHref(links: XNode[], rel: string, fallback: number): string | undefined {
  for (const l of links) {
    if (!l.attrs) throw new StructureError();
    if (l.attrs.rel === rel) return l.attrs.href;
  }
  return links[fallback]?.attrs?.href;
}

function rssItem(it: XNode): RawItem {
  let title: XNode | undefined;
  let dcTitle: XNode | undefined;
  let link: XNode | undefined;
  let pubDate: XNode | undefined;
  let dcDate: XNode | undefined;
  let author: XNode | undefined;
  let creator: XNode | undefined;
  let summary: XNode | undefined;
  let description: XNode | undefined;
  let encoded: XNode | undefined;
  let guid: XNode | undefined;
  let language: XNode | undefined;
  const categories: string[] = [];
  for (const k of it.kids ?? []) {
    switch (k.name) {
      case 'title': title ??= k; break;
      case 'dc:title': dcTitle ??= k; break;
      case 'link': link ??= k; break;
      case 'pubDate': pubDate ??= k; break;
      case 'dc:date': dcDate ??= k; break;
      case 'author': author ??= k; break;
      case 'dc:creator': creator ??= k; break;
      case 'summary': summary ??= k; break;
      case 'description': description ??= k; break;
      case 'content:encoded': encoded ??= k; break;
      case 'guid': guid ??= k; break;
      case 'dc:language': language ??= k; break;
      case 'category': {
        const c = value(k);
        if (c) categories.push(c);
        break;
      }
      default:
    }
  }
  const about = it.attrs?.['rdf:about'];
  return {
    guid: (value(guid) ?? nonBlank(about))?.trim() || null,
    link: value(link)?.trim() || null,
    title: value(title ?? dcTitle),
    summary: value(summary) ?? content(description) ?? value(encoded),
    published: isoDate(pubDate && (isObject(pubDate) || pubDate.text !== '') ? pubDate : dcDate) ?? value(pubDate) ?? value(dcDate),
    author: value(creator) ?? value(author),
    language: value(language),
    categories,
  };
}

/** rss-parser's isoDate: the date as `new Date` reads it, when it reads it. */
function isoDate(n: XNode | undefined): string | null {
  if (!n || isObject(n)) return null;
  const d = new Date(n.text.trim());
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An Atom entry, or null where rss-parser threw on it. */
function atomEntry(e: XNode): RawItem | null {
  // An entry with neither attributes nor children was a string, and rss-parser read its
  // `link` as String.prototype.link.
  if (!e.attrs && e.nkids === 0) return null;
  let published: XNode | undefined;
  let updated: XNode | undefined;
  let author: XNode | undefined;
  let summary: XNode | undefined;
  let body: XNode | undefined;
  let title: XNode | undefined;
  let id: XNode | undefined;
  let dcDate: XNode | undefined;
  let language: XNode | undefined;
  const links: XNode[] = [];
  for (const k of e.kids ?? []) {
    switch (k.name) {
      case 'link': links.push(k); break;
      case 'title': title ??= k; break;
      case 'published': published ??= k; break;
      case 'updated': updated ??= k; break;
      case 'author': author ??= k; break;
      case 'content': body ??= k; break;
      case 'summary': summary ??= k; break;
      case 'id': id ??= k; break;
      case 'dc:date': dcDate ??= k; break;
      case 'dc:language': language ??= k; break;
      default:
    }
  }
  let href: string | undefined;
  let date: string | null;
  try {
    href = links.length ? linkHref(links, 'alternate', 0) : undefined;
    date = atomDate(published) ?? atomDate(updated);
  } catch {
    return null;
  }
  const name = author && author.kids ? first(author, 'name') : undefined;
  return {
    guid: value(id)?.trim() || null,
    link: nonBlank(href)?.trim() || null,
    title: value(title),
    summary: content(summary) ?? content(body),
    published: date ?? value(dcDate),
    author: value(name),
    language: value(language),
    categories: [],
  };
}

/** rss-parser read an Atom date that was plain text with `new Date` and threw when it could not. */
function atomDate(n: XNode | undefined): string | null {
  if (!n || n.attrs || n.nkids > 0 || n.text === '') return null;
  const d = new Date(n.text);
  if (Number.isNaN(d.getTime())) throw new StructureError();
  return d.toISOString();
}

/** xml2js's builder output for an element: own text first, then children grouped by name. */
function serialize(n: XNode, name: string): string {
  let out = `<${name}`;
  if (n.attrs) for (const [k, v] of Object.entries(n.attrs)) out += ` ${k}="${escapeAttr(v)}"`;
  let inner = hasText(n) ? escapeText(n.text) : '';
  const kids = n.kids;
  if (kids) {
    const names: string[] = [];
    for (const k of kids) if (!names.includes(k.name)) names.push(k.name);
    for (const kn of names) {
      for (const k of kids) {
        if (k.name !== kn) continue;
        inner += hasText(k) || isObject(k) ? serialize(k, kn) : k.text === '' ? `<${kn}/>` : `<${kn}>${escapeText(k.text)}</${kn}>`;
      }
    }
  }
  return inner === '' ? `${out}/>` : `${out}>${inner}</${name}>`;
}

function escapeText(s: string): string {
  checkChars(s);
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

function escapeAttr(s: string): string {
  checkChars(s);
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

/** xmlbuilder refused characters XML does not allow, and rss-parser failed with it. */
function checkChars(s: string): void {
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/.test(s)) throw new StructureError();
}

function buildFeed(out: FeedParts, xml: string, root: string): ParsedFeed {
  const header = headerOf(xml);
  const links = linkRels(header);
  const format = /feed$/i.test(root) ? 'atom' : /rdf$/i.test(root) ? 'rdf' : 'rss';
  const language = out.language ?? rootLanguage(header);
  for (const item of out.items) item.language ??= language;
  return {
    format,
    title: clean(out.title ?? null),
    link: out.link ?? null,
    language: language?.trim() || null,
    hub: links.get('hub') ?? null,
    self: links.get('self') ?? out.feedUrl ?? null,
    items: out.items,
  };
}

function clean(s: string | null): string | null {
  return s === null ? null : s.replace(/\s+/g, ' ').trim() || null;
}

/** The part of the document before the first item/entry: feed-level elements live there. */
function headerOf(xml: string): string {
  const m = /<(?:[\w.-]+:)?(?:item|entry)[\s>/]/.exec(xml);
  return xml.slice(0, m ? m.index : Math.min(xml.length, 64 * 1024));
}

/** `<link rel="hub" href>` / `<atom:link rel="self" href>` in the feed header (WebSub discovery). */
function linkRels(header: string): Map<string, string> {
  const rels = new Map<string, string>();
  for (const tag of header.match(/<(?:[\w.-]+:)?link\b[^>]*>/gi) ?? []) {
    const attrs = attributes(tag);
    const href = attrs.get('href');
    if (!href) continue;
    for (const rel of (attrs.get('rel') ?? '').toLowerCase().split(/\s+/)) {
      if ((rel === 'hub' || rel === 'self') && !rels.has(rel)) rels.set(rel, decodeEntities(href).trim());
    }
  }
  return rels;
}

function rootLanguage(header: string): string | null {
  const m = /<(?:[\w.-]+:)?(?:feed|rss|RDF)\b[^>]*>/.exec(header);
  return (m && attributes(m[0]).get('xml:lang')) || null;
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs.set(m[1].toLowerCase(), m[2] ?? m[3]);
  return attrs;
}
