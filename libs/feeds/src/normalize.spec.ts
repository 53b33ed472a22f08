import { createHash } from 'node:crypto';
import type { ParsedFeed, RawItem } from './feed.types';
import { normalizeItems, SUMMARY_MAX_CHARS } from './normalize';

const fetchedAt = new Date('2025-01-27T21:00:00Z');
const feedUrl = 'https://www.example.com/rss/markets.xml';

function item(over: Partial<RawItem>): RawItem {
  return { guid: null, link: null, title: null, summary: null, published: null, author: null, language: null, categories: [], ...over };
}
function feed(items: RawItem[], over: Partial<ParsedFeed> = {}): ParsedFeed {
  return { format: 'rss', title: 'Example Markets', link: 'https://www.example.com/', language: 'en-us', hub: null, self: null, items, ...over };
}

describe('normalizeItems', () => {
  it('produces the articles-stage shape with canonical URL, plain text and a content hash', () => {
    const [out] = normalizeItems(
      feed([
        item({
          guid: ' abc-1 ',
          link: 'HTTPS://News.Example.COM:443/a/b?id=7&utm_source=rss&fbclid=x#comments',
          title: '  Nvidia &amp; Broadcom <em>slide</em>\n 17%  ',
          summary: '<p>Shares fell&nbsp;sharply.</p><script>alert(1)</script><p>DeepSeek &#8217;s model &hellip;</p>',
          published: 'Mon, 27 Jan 2025 20:22:00 GMT',
          language: 'en-us',
        }),
      ]),
      { fetchedAt, feedUrl },
    );
    expect(out).toEqual({
      guid: 'abc-1',
      url: 'https://news.example.com/a/b?id=7&utm_source=rss&fbclid=x#comments',
      canonicalUrl: 'https://news.example.com/a/b?id=7',
      title: 'Nvidia & Broadcom slide 17%',
      summary: 'Shares fell sharply. DeepSeek ’s model …',
      source: 'Example Markets',
      language: 'en-US',
      publishedAt: '2025-01-27T20:22:00.000Z',
      fetchedAt: '2025-01-27T21:00:00.000Z',
      contentHash: createHash('sha256').update('nvidia & broadcom slide 17%\nhttps://news.example.com/a/b?id=7').digest('hex'),
    });
  });

  it.each([
    ['missing', null],
    ['unreadable', 'sometime last week'],
    ['before 1995', '1970-01-01T00:00:00Z'],
    ['more than a day ahead', '2025-01-29T21:00:01Z'],
  ])('falls back to the fetch time when the date is %s', (_why, published) => {
    const [out] = normalizeItems(feed([item({ title: 'x', link: 'https://a.example/1', published })]), { fetchedAt, feedUrl });
    expect(out.publishedAt).toBe('2025-01-27T21:00:00.000Z');
  });

  it('keeps a date a few hours ahead and converts zones to UTC', () => {
    const items = normalizeItems(
      feed([
        item({ title: 'a', link: 'https://a.example/1', published: '2025-01-28T02:00:00+01:00' }),
        item({ title: 'b', link: 'https://a.example/2', published: 'Mon, 27 Jan 2025 09:30:00 EST' }),
        item({ title: 'c', link: 'https://a.example/3', published: 'Mon, 27 Jan 2025 09:30:00 CEST' }),
      ]),
      { fetchedAt, feedUrl },
    );
    expect(items.map((i) => i.publishedAt)).toEqual(['2025-01-28T01:00:00.000Z', '2025-01-27T14:30:00.000Z', '2025-01-27T07:30:00.000Z']);
  });

  it('caps the summary, resolves relative links and falls back to the host as source', () => {
    const [out] = normalizeItems(feed([item({ title: 'Long', link: '/news/1', summary: 'word '.repeat(1000) })], { title: null }), {
      fetchedAt,
      feedUrl,
    });
    expect(out.summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(out.summary.endsWith('…')).toBe(true);
    expect(out.canonicalUrl).toBe('https://www.example.com/news/1');
    expect(out.source).toBe('example.com');
  });

  it('drops entries with neither title nor summary and titles untitled ones from the summary', () => {
    const items = normalizeItems(
      feed([item({ link: 'https://a.example/1' }), item({ summary: 'Chip stocks tumble. More later.', guid: 'g2' })]),
      { fetchedAt, feedUrl },
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Chip stocks tumble.', guid: 'g2', canonicalUrl: null });
  });

  it('gives the same hash to the same story whatever the tracking parameters', () => {
    const [a, b] = normalizeItems(
      feed([
        item({ title: 'Nvidia slides', link: 'https://x.example/s?utm_medium=rss' }),
        item({ title: 'NVIDIA  slides', link: 'https://X.example/s#top' }),
      ]),
      { fetchedAt, feedUrl },
    );
    expect(a.contentHash).toBe(b.contentHash);
  });
});
