import Parser from 'rss-parser';
import { FeedError } from './feed-error';
import type { ParsedFeed, RawItem } from './feed.types';
import { decodeEntities } from './html-text';
import { parseJsonFeed } from './json-feed';
import { prepareXml } from './xml-safety';

type Loose = Record<string, unknown>;

const NOT_A_FEED = 'not an RSS or Atom document';

/**
 * Parses RSS 0.9x/1.0 (RDF)/2.0 and Atom (through rss-parser, strict XML) and JSON Feed.
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
  let output: Loose;
  try {
    output = (await newParser().parseString(xml)) as unknown as Loose;
  } catch (err) {
    // rss-parser only builds the feed once the XML is known to be well-formed: a failure in
    // that step is a well-formed document without the structure it expects.
    if (isSaxError(err) || /not recognized as RSS/i.test(String(err))) throw toParseError(err);
    if (!/<(?:[\w.-]+:)?channel[\s>/]/.test(xml) && !/feed$/i.test(root)) output = { items: [] };
    else throw new FeedError('malformed', `XML document is malformed: unexpected ${root} structure`, { cause: err });
  }
  return buildFeed(output, xml, root);
}

function newParser(): Parser {
  // One parser per document: xml2js parsers keep state between parseString calls.
  return new Parser({
    defaultRSS: 2,
    xml2js: { strict: true },
    customFields: { item: [['dc:date', 'dcDate'], ['dc:language', 'dcLanguage'], ['dc:subject', 'dcSubject']] },
  });
}

/** rss-parser throws on an Atom date it cannot read; such a date is no date at all. */
function dropUnreadableAtomDates(xml: string): string {
  return xml.replace(/<((?:[\w.-]+:)?(?:published|updated))>([^<]*)<\/\1>/g, (m, _tag: string, value: string) =>
    Number.isNaN(Date.parse(value.trim())) ? '' : m,
  );
}

function isSaxError(err: unknown): boolean {
  return err instanceof Error && /\nLine: \d+\nColumn: \d+/.test(err.message);
}

function toParseError(err: unknown): FeedError {
  if (err instanceof FeedError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/not recognized as RSS/i.test(message)) return new FeedError('not_a_feed', NOT_A_FEED);
  const m = /^([^\n]+)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  const detail = m ? `${m[1].toLowerCase()} (line ${Number(m[2]) + 1}, column ${m[3]})` : message.split('\n')[0];
  return new FeedError('malformed', `XML document is malformed: ${detail}`, { cause: err });
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

function buildFeed(out: Loose, xml: string, root: string): ParsedFeed {
  const header = headerOf(xml);
  const links = linkRels(header);
  const format = /feed$/i.test(root) ? 'atom' : /rdf$/i.test(root) ? 'rdf' : 'rss';
  const language = text(out.language) ?? rootLanguage(header);
  const items = Array.isArray(out.items) ? (out.items as Loose[]) : [];
  return {
    format,
    title: clean(text(out.title)),
    link: text(out.link),
    language: language?.trim() || null,
    hub: links.get('hub') ?? null,
    self: links.get('self') ?? text(out.feedUrl),
    items: items.map((it) => toRawItem(it, language)),
  };
}

function toRawItem(it: Loose, feedLanguage: string | null): RawItem {
  const guid = text(it.guid) ?? text(it.id) ?? text(it['rdf:about']);
  const categories = Array.isArray(it.categories) ? it.categories.map(text).filter((c): c is string => !!c) : [];
  return {
    guid: guid?.trim() || null,
    link: text(it.link)?.trim() || null,
    title: text(it.title),
    summary: text(it.summary) ?? text(it.content) ?? text(it['content:encoded']),
    published: text(it.isoDate) ?? text(it.pubDate) ?? text(it.dcDate) ?? text(it.date),
    author: text(it.creator) ?? text(it.author),
    language: text(it.dcLanguage) ?? feedLanguage,
    categories,
  };
}

/** Text of an xml2js value: a string, `{_: text}`, or null for nested markup/empty. */
function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && typeof (v as Loose)._ === 'string') return text((v as Loose)._);
  return null;
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
