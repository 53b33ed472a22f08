import { createHash } from 'node:crypto';
import type { NormalizedItemData } from '@seismo/contracts';
import { canonicalizeUrl } from './canonical-url';
import type { ParsedFeed, RawItem } from './feed.types';
import { htmlToText } from './html-text';

export type NormalizedItem = NormalizedItemData;

export const SUMMARY_MAX_CHARS = 2000;
export const TITLE_MAX_CHARS = 500;
const EARLIEST_PUBLISHED = Date.UTC(1995, 0, 1);
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/**
 * Turns parsed entries into the articles stage's input: plain-text title and summary,
 * canonical URL, UTC publication time (the fetch time when missing, unreadable, before 1995
 * or more than a day ahead), source and a content hash. Entries with neither a title nor a
 * summary are dropped.
 */
export function normalizeItems(feed: ParsedFeed, opts: { fetchedAt: Date; feedUrl: string }): NormalizedItem[] {
  const fetchedAt = opts.fetchedAt.toISOString();
  const base = canonicalizeUrl(opts.feedUrl) ?? undefined;
  const source = feedSource(feed, opts.feedUrl);
  const out: NormalizedItem[] = [];
  for (const item of feed.items) {
    const normalized = normalizeItem(item, { fetchedAt: opts.fetchedAt, fetchedAtIso: fetchedAt, base, source });
    if (normalized) out.push(normalized);
  }
  return out;
}

interface Context {
  fetchedAt: Date;
  fetchedAtIso: string;
  base: string | undefined;
  source: string | null;
}

function normalizeItem(item: RawItem, ctx: Context): NormalizedItem | null {
  const summary = item.summary ? htmlToText(item.summary, SUMMARY_MAX_CHARS) : '';
  const title = item.title ? htmlToText(item.title, TITLE_MAX_CHARS) : '';
  if (!title && !summary) return null;
  const url = item.link ? absoluteUrl(item.link, ctx.base) : null;
  const guid = item.guid?.trim().slice(0, 1000) || null;
  const canonicalUrl = url ? canonicalizeUrl(url) : guid && /^https?:\/\//i.test(guid) ? canonicalizeUrl(guid) : null;
  const shownTitle = title || summaryHeadline(summary);
  return {
    guid,
    url,
    canonicalUrl,
    title: shownTitle,
    summary,
    source: ctx.source,
    language: normalizeLanguage(item.language),
    publishedAt: publishedAt(item.published, ctx.fetchedAt) ?? ctx.fetchedAtIso,
    fetchedAt: ctx.fetchedAtIso,
    contentHash: contentHash(shownTitle, canonicalUrl ?? guid ?? summary),
  };
}

/** sha256 hex of the normalised title and the canonical URL (else the guid, else the summary). */
export function contentHash(title: string, key: string): string {
  let normalTitle = title.normalize('NFKC').toLowerCase();
  // Titles come whitespace-collapsed (htmlToText): copy only when NFKC made spaces to collapse.
  if (/[^\S ]| {2}/.test(normalTitle)) normalTitle = normalTitle.replace(/\s+/g, ' ');
  normalTitle = normalTitle.trim();
  return createHash('sha256').update(`${normalTitle}\n${key}`).digest('hex');
}

/** ISO-8601 UTC, or null when missing, unreadable or absurd (before 1995, > 1 day ahead). */
export function publishedAt(raw: string | null, fetchedAt: Date): string | null {
  if (!raw) return null;
  const ms = parseDate(raw.trim());
  if (ms === null || ms < EARLIEST_PUBLISHED || ms > fetchedAt.getTime() + MAX_FUTURE_MS) return null;
  return new Date(ms).toISOString();
}

const ZONES: Record<string, string> = {
  UT: '+0000', UTC: '+0000', GMT: '+0000', Z: '+0000', EST: '-0500', EDT: '-0400', CST: '-0600', CDT: '-0500',
  MST: '-0700', MDT: '-0600', PST: '-0800', PDT: '-0700', BST: '+0100', CET: '+0100', CEST: '+0200',
  IST: '+0530', JST: '+0900', AEST: '+1000', AEDT: '+1100',
};

function parseDate(s: string): number | null {
  let ms = Date.parse(s);
  if (!Number.isNaN(ms)) return ms;
  // RFC 822 with a zone V8 does not know ("CEST", "IST"), or without a weekday comma.
  const fixed = s.replace(/\b([A-Z]{1,4})$/, (z) => ZONES[z] ?? z).replace(/^[A-Za-z]{3},?\s*/, '');
  ms = Date.parse(fixed);
  return Number.isNaN(ms) ? null : ms;
}

function absoluteUrl(link: string, base: string | undefined): string | null {
  try {
    const u = new URL(link.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

function feedSource(feed: ParsedFeed, feedUrl: string): string | null {
  const title = feed.title ? htmlToText(feed.title, 200) : '';
  if (title) return title;
  for (const candidate of [feed.link, feedUrl]) {
    try {
      if (candidate) return new URL(candidate).hostname.replace(/^www\./, '') || null;
    } catch {
      // try the next one
    }
  }
  return null;
}

function normalizeLanguage(lang: string | null): string | null {
  const m = lang?.trim().match(/^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2,4}))?/);
  if (!m) return null;
  return m[2] ? `${m[1].toLowerCase()}-${m[2].length === 2 ? m[2].toUpperCase() : m[2]}` : m[1].toLowerCase();
}

function summaryHeadline(summary: string): string {
  const sentence = summary.split(/(?<=[.!?])\s/)[0] ?? summary;
  return sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence;
}
