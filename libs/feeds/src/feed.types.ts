/** One entry as the document states it: text may still hold HTML, dates are unparsed. */
export interface RawItem {
  guid: string | null;
  link: string | null;
  title: string | null;
  /** Description, summary or content; may contain HTML. */
  summary: string | null;
  /** The date as written (RFC 822, ISO 8601, ...), or null. */
  published: string | null;
  author: string | null;
  language: string | null;
  categories: string[];
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  link: string | null;
  language: string | null;
  /** WebSub hub (`<atom:link rel="hub">`, JSON Feed `hubs`). */
  hub: string | null;
  /** The feed's own URL as it states it (`rel="self"`, JSON Feed `feed_url`). */
  self: string | null;
  items: RawItem[];
}
