import Parser from 'rss-parser';
import { startFeedServer, type FeedServer } from './feed-server';
import { loadHeadlines, type Headline } from './replay-data';
import { ReplayClock } from './replay-clock';

const XSS_TITLE = 'Calendar: Oracle results date <img src=x onerror=alert(1)> & <script>alert(1)</script>';

function headline(id: string, feed: string, at: string, title: string, summary = `Summary of ${id} "quoted" & <b>bold</b>`): Headline {
  return { id, feed, source: `Source ${feed}`, publishedAt: new Date(at), title, summary, url: `https://${feed}.example.com/a/${id}?x=1&y=2` };
}

const fixture: Headline[] = [
  headline('w1', 'wire', '2025-01-24T14:00:00Z', 'Nvidia slips as AI spending debate builds'),
  headline('w2', 'wire', '2025-01-26T22:30:00Z', 'DeepSeek tops the US App Store'),
  headline('w3', 'wire', '2025-01-27T14:35:00Z', 'Nvidia opens down 12%'),
  headline('b1', 'blog', '2025-01-15T19:15:00Z', XSS_TITLE),
  headline('b2', 'blog', '2025-01-28T12:00:00Z', 'Rebound day'),
];

/** A clock the test moves by hand. */
function handClock(at: string) {
  let now = new Date(at);
  return { eventNow: () => now, set: (t: string) => (now = new Date(t)) };
}

const parser = new Parser();

describe('feed server', () => {
  let server: FeedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('listens on loopback and lists one URL per feed', async () => {
    server = await startFeedServer({ clock: handClock('2025-01-27T00:00:00Z'), headlines: fixture });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.feedUrls).toEqual([`${server.url}/feeds/blog.xml`, `${server.url}/feeds/wire.xml`]);
    const index = (await (await fetch(`${server.url}/feeds`)).json()) as { feeds: { feed: string; url: string }[] };
    expect(index.feeds.map((f) => f.feed).sort()).toEqual(['blog', 'wire']);
    expect((await fetch(`${server.url}/feeds/nope.xml`)).status).toBe(404);
    expect((await fetch(`${server.url}/feeds/wire.xml`, { method: 'POST' })).status).toBe(405);
  });

  it('serves only what the clock has published, newest first, as valid RSS 2.0', async () => {
    const clock = handClock('2025-01-27T00:00:00Z');
    server = await startFeedServer({ clock, headlines: fixture });
    const wireUrl = `${server.url}/feeds/wire.xml`;

    let res = await fetch(wireUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    let feed = await parser.parseString(await res.text());
    expect(feed.title).toBe('Source wire');
    expect(feed.items.map((i) => i.guid)).toEqual(['w2', 'w1']);
    const [newest] = feed.items;
    expect(newest.pubDate).toBe('Sun, 26 Jan 2025 22:30:00 GMT');
    expect(new Date(newest.isoDate ?? '').toISOString()).toBe('2025-01-26T22:30:00.000Z');
    expect(newest.link).toBe('https://wire.example.com/a/w2?x=1&y=2');
    expect(newest.content).toBe('Summary of w2 "quoted" & <b>bold</b>');

    clock.set('2025-01-27T14:35:00Z');
    feed = await parser.parseString(await (await fetch(wireUrl)).text());
    expect(feed.items.map((i) => i.guid)).toEqual(['w3', 'w2', 'w1']);

    // Before anything is published the feed is valid and empty.
    clock.set('2025-01-01T00:00:00Z');
    feed = await parser.parseString(await (await fetch(wireUrl)).text());
    expect(feed.items).toHaveLength(0);
  });

  it('escapes item text so markup arrives as literal text', async () => {
    server = await startFeedServer({ clock: handClock('2025-01-20T00:00:00Z'), headlines: fixture });
    const xml = await (await fetch(`${server.url}/feeds/blog.xml`)).text();
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<img');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const feed = await parser.parseString(xml);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0].title).toBe(XSS_TITLE);
  });

  it('answers conditional GETs with 304 until a new item is published', async () => {
    const clock = handClock('2025-01-27T00:00:00Z');
    server = await startFeedServer({ clock, headlines: fixture });
    const wireUrl = `${server.url}/feeds/wire.xml`;
    const first = await fetch(wireUrl);
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified');
    expect(etag).toBeTruthy();
    expect(lastModified).toBe('Sun, 26 Jan 2025 22:30:00 GMT');

    // Time passes but nothing new is published: still not modified.
    clock.set('2025-01-27T10:00:00Z');
    const byEtag = await fetch(wireUrl, { headers: { 'If-None-Match': etag! } });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe('');
    const byDate = await fetch(wireUrl, { headers: { 'If-Modified-Since': lastModified! } });
    expect(byDate.status).toBe(304);

    clock.set('2025-01-27T15:00:00Z');
    const changed = await fetch(wireUrl, { headers: { 'If-None-Match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.headers.get('last-modified')).toBe('Mon, 27 Jan 2025 14:35:00 GMT');
    const byOldDate = await fetch(wireUrl, { headers: { 'If-Modified-Since': lastModified! } });
    expect(byOldDate.status).toBe(200);
    // Another feed's validator does not match.
    const blog = await fetch(`${server.url}/feeds/blog.xml`, { headers: { 'If-None-Match': etag! } });
    expect(blog.status).toBe(200);
  });

  it('caps a document at maxItems, keeping the newest', async () => {
    server = await startFeedServer({ clock: handClock('2025-02-01T00:00:00Z'), headlines: fixture, maxItems: 2 });
    const feed = await parser.parseString(await (await fetch(`${server.url}/feeds/wire.xml`)).text());
    expect(feed.items.map((i) => i.guid)).toEqual(['w3', 'w2']);
  });

  it('replays the shipped headlines on a replay clock', async () => {
    const headlines = loadHeadlines();
    let wall = 0;
    const clock = new ReplayClock({
      from: new Date('2025-01-27T12:00:00Z'),
      to: new Date('2025-01-28T00:00:00Z'),
      speed: 60,
      now: () => wall,
    });
    server = await startFeedServer({ clock, headlines });
    const feedKeys = new Set(headlines.map((h) => h.feed));
    expect(server.feedUrls).toHaveLength(feedKeys.size);

    const seen = async () => {
      const ids: string[] = [];
      for (const url of server!.feedUrls) ids.push(...(await parser.parseString(await (await fetch(url)).text())).items.map((i) => i.guid ?? ''));
      return ids;
    };
    const expected = (asOf: Date) => headlines.filter((h) => h.publishedAt <= asOf).map((h) => h.id);

    // No feed holds more than the 200-item cap by then, so every published headline is served once.
    const atNoon = await seen();
    expect(atNoon.sort()).toEqual(expected(new Date('2025-01-27T12:00:00Z')).sort());

    wall += 3 * 60 * 1000; // three wall-minutes at 60x: three event-hours, past Monday's open
    const later = await seen();
    expect(later.sort()).toEqual(expected(new Date('2025-01-27T15:00:00Z')).sort());
    expect(later.length - atNoon.length).toBeGreaterThan(5);
  });
});
