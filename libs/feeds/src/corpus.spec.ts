import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBody } from './charset';
import { FeedError } from './feed-error';
import { parseFeed } from './feed-parser';
import { normalizeItems } from './normalize';

// Real-world documents from the shared data set (see /work/shared/data/feeds/corpus/README.md).
// When the data set is absent the case lists are empty and nothing runs.
const DATA = join(process.cwd(), '..', 'shared', 'data', 'feeds');
const CORPUS = join(DATA, 'corpus');
const corpusFiles = existsSync(CORPUS)
  ? readdirSync(CORPUS, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(CORPUS, d.name)).map((f) => join(d.name, f)))
      .sort()
  : [];
const CNBC = join(DATA, 'cnbc_finance_rss_2019-07.xml');
const cnbcCases = existsSync(CNBC) ? [CNBC] : [];
const fetchedAt = new Date('2025-01-27T12:00:00Z');

/**
 * `it.each` over cases read from ../shared/data. Jest refuses an empty table, so when the data set
 * is absent a single test checks exactly that (it fails if the data is there but no case was found).
 */
function eachCase(cases: string[], dir: string) {
  if (cases.length) return it.each(cases);
  return (name: string, _fn: (file: string) => unknown) =>
    it(`${name.replace('%s', '(no case)')}: skipped because ${dir} is absent`, () => {
      expect(existsSync(dir)).toBe(false);
    });
}

describe('parseFeed on the real-world corpus', () => {
  eachCase(corpusFiles, CORPUS)('%s parses or fails with a typed error', async (file) => {
    const text = decodeBody(readFileSync(join(CORPUS, file)), null);
    let outcome: string;
    try {
      const feed = await parseFeed(text);
      const items = normalizeItems(feed, { fetchedAt, feedUrl: 'https://example.com/feed' });
      for (const item of items) {
        expect(item.contentHash).toMatch(/^[0-9a-f]{64}$/);
        expect(Number.isNaN(Date.parse(item.publishedAt))).toBe(false);
        expect(item.title.length + item.summary.length).toBeGreaterThan(0);
        expect(item.summary.length).toBeLessThanOrEqual(2000);
      }
      outcome = 'ok';
    } catch (err) {
      expect(err).toBeInstanceOf(FeedError);
      expect(['not_a_feed', 'malformed']).toContain((err as FeedError).code);
      outcome = (err as FeedError).code;
    }
    expect(outcome).toBeDefined();
  });

  eachCase(corpusFiles.filter((f) => /^rss-parser\/(unrecognized\.rss)$/.test(f) || /rss_empty_document/.test(f)), CORPUS)(
    '%s is not a feed',
    async (file) => {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      await expect(parseFeed(text)).rejects.toMatchObject({ code: 'not_a_feed' });
    },
  );

  eachCase(corpusFiles.filter((f) => /entity_in_doctype/.test(f)), CORPUS)('%s expands a plain internal entity', async (file) => {
    const feed = await parseFeed(readFileSync(join(CORPUS, file), 'utf8'));
    expect(feed.items[0].guid).toBe('tag:example.com,2006-05-04:/blog/');
  });

  eachCase(corpusFiles.filter((f) => /^miniflux\/(koi8r|encoding_WINDOWS-1251|windows-1252)\.xml$/.test(f)), CORPUS)(
    '%s decodes its legacy charset',
    async (file) => {
      const feed = await parseFeed(decodeBody(readFileSync(join(CORPUS, file)), null));
      const all = JSON.stringify(feed);
      expect(all).not.toMatch(/\uFFFD/);
      expect(feed.items.length + (feed.title ? 1 : 0)).toBeGreaterThan(0);
    },
  );
});

describe('CNBC finance RSS (July 2019)', () => {
  eachCase(cnbcCases, CNBC)('%s yields 30 normalised items', async (file) => {
    const feed = await parseFeed(decodeBody(readFileSync(file), 'application/rss+xml'));
    expect(feed.format).toBe('rss');
    expect(feed.items).toHaveLength(30);
    const items = normalizeItems(feed, { fetchedAt: new Date('2019-08-01T00:00:00Z'), feedUrl: 'https://www.cnbc.com/id/10000664/device/rss/rss.html' });
    expect(items).toHaveLength(30);
    expect(new Set(items.map((i) => i.contentHash)).size).toBe(30);
    for (const item of items) {
      expect(item.title).not.toMatch(/<|&[a-z]+;/);
      expect(item.canonicalUrl).toMatch(/^https?:\/\/[a-z0-9.-]+\//);
      expect(item.publishedAt.startsWith('2019-0')).toBe(true);
      expect(item.source).toBeTruthy();
    }
  });
});
