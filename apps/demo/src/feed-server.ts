/**
 * Loopback RSS server for the replay: one RSS 2.0 document per feed at `/feeds/<feed>.xml`,
 * holding only the headlines published by the replay clock's event time, newest first. The
 * pipeline polls it like any other feed (conditional GET included), so the demo exercises the
 * real feed path. Listens on 127.0.0.1 only.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Headline } from './replay-data';

export { loadDailyBars, loadHeadlines, loadIntradayBars } from './replay-data';
export type { DailyBar, Headline, IntradayBar } from './replay-data';

/** What the server needs of a clock (ReplayClock fits). */
export interface EventClock {
  eventNow(): Date;
}

export interface FeedServerOptions {
  clock: EventClock;
  headlines: Headline[];
  /** 0 (default) picks a free port. */
  port?: number;
  /** Items per document, newest first. Default 200. */
  maxItems?: number;
}

export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** One URL per feed, sorted by feed key. */
  feedUrls: string[];
  close(): Promise<void>;
}

interface FeedChannel {
  key: string;
  title: string;
  link: string;
  /** Ascending by publishedAt, then id. */
  items: Headline[];
}

const DEFAULT_MAX_ITEMS = 200;
const FEED_PATH = /^\/feeds\/([a-z0-9][a-z0-9-]*)\.xml$/;
// Characters XML 1.0 does not allow, even escaped.
const INVALID_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Escapes text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

function groupByFeed(headlines: Headline[]): Map<string, FeedChannel> {
  const channels = new Map<string, FeedChannel>();
  for (const h of headlines) {
    let ch = channels.get(h.feed);
    if (!ch) {
      ch = { key: h.feed, title: h.source, link: `${new URL(h.url).origin}/`, items: [] };
      channels.set(h.feed, ch);
    }
    ch.items.push(h);
  }
  for (const ch of channels.values()) {
    ch.items.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id.localeCompare(b.id));
  }
  return channels;
}

/** Number of items published at or before `asOf` (items ascending). */
function publishedCount(items: Headline[], asOf: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].publishedAt.getTime() <= asOf) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The RSS 2.0 document of `channel` as of event time `asOf`, with its validators. */
function renderFeed(
  channel: FeedChannel,
  asOf: Date,
  maxItems = DEFAULT_MAX_ITEMS,
): { xml: string; etag: string; lastModified: Date | null; count: number } {
  const count = publishedCount(channel.items, asOf.getTime());
  const visible = channel.items.slice(Math.max(0, count - maxItems), count).reverse();
  const newest = visible[0];
  const lastModified = newest ? newest.publishedAt : null;
  const etag = `"${createHash('sha1')
    .update(`${channel.key}|${count}|${newest?.id ?? ''}|${maxItems}`)
    .digest('base64url')
    .slice(0, 20)}"`;
  const items = visible.map(
    (h) =>
      `<item><title>${escapeXml(h.title)}</title><link>${escapeXml(h.url)}</link>` +
      `<guid isPermaLink="false">${escapeXml(h.id)}</guid><pubDate>${h.publishedAt.toUTCString()}</pubDate>` +
      `<description>${escapeXml(h.summary)}</description></item>`,
  );
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0"><channel>' +
    `<title>${escapeXml(channel.title)}</title><link>${escapeXml(channel.link)}</link>` +
    `<description>${escapeXml(`${channel.title} (Seismo demo replay; headlines written by the project)`)}</description>` +
    '<language>en</language>' +
    (lastModified ? `<lastBuildDate>${lastModified.toUTCString()}</lastBuildDate>` : '') +
    '<ttl>1</ttl>' +
    items.join('\n') +
    '</channel></rss>\n';
  return { xml, etag, lastModified, count };
}

/** True when the client's validators show it already holds this version. */
function notModified(req: IncomingMessage, etag: string, lastModified: Date | null): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    return inm
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || t === etag);
  }
  const ims = req.headers['if-modified-since'];
  if (ims === undefined || lastModified === null) return false;
  const since = Date.parse(ims);
  // HTTP dates have whole seconds.
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

function send(res: ServerResponse, status: number, type: string, body: string, head: boolean): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
  res.end(head ? undefined : body);
}

export async function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  const { clock } = options;
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  if (!Number.isInteger(maxItems) || maxItems < 1) throw new RangeError('maxItems must be an integer ≥ 1');
  const channels = groupByFeed(options.headlines);
  let base = '';

  const server = createServer((req, res) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', false);
      return;
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/feeds' || path === '/feeds/') {
      const list = [...channels.values()].map((c) => ({ feed: c.key, title: c.title, url: `${base}/feeds/${c.key}.xml` }));
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ feeds: list }), head);
      return;
    }
    const match = FEED_PATH.exec(path);
    const channel = match ? channels.get(match[1]) : undefined;
    if (!channel) {
      send(res, 404, 'text/plain; charset=utf-8', 'no such feed\n', head);
      return;
    }
    const doc = renderFeed(channel, clock.eventNow(), maxItems);
    res.setHeader('ETag', doc.etag);
    if (doc.lastModified) res.setHeader('Last-Modified', doc.lastModified.toUTCString());
    if (notModified(req, doc.etag, doc.lastModified)) {
      res.writeHead(304, { 'Cache-Control': 'no-cache' });
      res.end();
      return;
    }
    send(res, 200, 'application/rss+xml; charset=utf-8', doc.xml, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    feedUrls: [...channels.keys()].sort().map((k) => `${base}/feeds/${k}.xml`),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
