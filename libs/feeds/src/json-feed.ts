import { FeedError } from './feed-error';
import type { ParsedFeed, RawItem } from './feed.types';

const VERSION = /^https?:\/\/jsonfeed\.org\/version\/1(\.1)?\/?$/;

/** JSON Feed 1 and 1.1 (https://jsonfeed.org/version/1.1). */
export function parseJsonFeed(text: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FeedError('malformed', `JSON document is malformed: ${(err as Error).message}`);
  }
  if (!isObject(doc) || typeof doc.version !== 'string' || !VERSION.test(doc.version)) {
    throw new FeedError('not_a_feed', 'not an RSS, Atom or JSON Feed document (JSON without a JSON Feed version)');
  }
  if (doc.items !== undefined && !Array.isArray(doc.items)) {
    throw new FeedError('malformed', 'JSON Feed is malformed: "items" is not a list');
  }
  const feedLanguage = str(doc.language);
  const hubs = Array.isArray(doc.hubs) ? doc.hubs.filter(isObject) : [];
  const websub = hubs.find((h) => String(h.type ?? '').toLowerCase() === 'websub') ?? hubs[0];
  const items = ((doc.items as unknown[] | undefined) ?? []).filter(isObject).map(
    (it): RawItem => ({
      guid: str(it.id) ?? (typeof it.id === 'number' ? String(it.id) : null),
      link: str(it.url) ?? str(it.external_url),
      title: str(it.title),
      summary: str(it.summary) ?? str(it.content_text) ?? str(it.content_html),
      published: str(it.date_published) ?? str(it.date_modified),
      author: authorName(it),
      language: str(it.language) ?? feedLanguage,
      categories: Array.isArray(it.tags) ? it.tags.filter((t): t is string => typeof t === 'string') : [],
    }),
  );
  return {
    format: 'json',
    title: str(doc.title),
    link: str(doc.home_page_url),
    language: feedLanguage,
    hub: websub ? str(websub.url) : null,
    self: str(doc.feed_url),
    items,
  };
}

function authorName(it: Record<string, unknown>): string | null {
  const authors = Array.isArray(it.authors) ? it.authors : isObject(it.author) ? [it.author] : [];
  const first = authors.find(isObject);
  return first ? str(first.name) : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}
