import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanRedis, eventually, startApi, startWorkerApp, testConfig, type RunningApi } from '../support/apps';
import { createTestDatabase, type TestDb } from '../support/db';

/**
 * Issue 3's "done when", end to end: real feed documents from ../shared/data served from loopback
 * are stored once each, polled again with conditional GET, and listed with their stories; hostile
 * feeds show their error in GET /api/feeds; a replay of the shared price CSVs fills bars that
 * GET /api/prices returns. The shared data is optional: without it the real-data cases are empty.
 */
const DATA = new URL('../../../shared/data/', import.meta.url).pathname;
const REAL = ['feeds/cnbc_finance_rss_2019-07.xml', 'feeds/corpus/rss-parser/guardian.rss', 'feeds/corpus/rss-parser/heise.atom', 'feeds/corpus/miniflux/rdf_UTF8.xml'].filter((f) => existsSync(DATA + f));
const PRICES = ['NVDA', 'AVGO'].filter((s) => existsSync(`${DATA}prices/${s}.csv`));

describe('ingestion of real and hostile feeds, and replayed prices', () => {
  let db: TestDb;
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorkerApp>>;
  let server: Server;
  let base = '';
  let prefix = '';
  const hits = new Map<string, { total: number; notModified: number }>();

  beforeAll(async () => {
    db = await createTestDatabase();
    server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      const h = hits.get(path) ?? { total: 0, notModified: 0 };
      hits.set(path, h);
      h.total++;
      if (path.startsWith('/real/')) {
        const body = readFileSync(DATA + decodeURIComponent(path.slice('/real/'.length)));
        const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
        if (req.headers['if-none-match'] === etag) {
          h.notModified++;
          res.writeHead(304, { etag }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/xml', etag }).end(body);
        return;
      }
      switch (path) {
        case '/html':
          res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><h1>Markets</h1></body></html>');
          return;
        case '/truncated':
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>cut');
          return;
        case '/laughs':
          res.writeHead(200, { 'content-type': 'application/xml' }).end(
            `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title></channel></rss>`,
          );
          return;
        case '/ratelimited':
          res.writeHead(429, { 'retry-after': '120' }).end();
          return;
        case '/metadata':
          res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
          return;
        default:
          res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = testConfig(db, {
      SEISMO_PRICE_PROVIDER: PRICES.length ? 'replay' : 'none',
      SEISMO_REPLAY_FILE: PRICES.map((s) => `${DATA}prices/${s}.csv`).join(','),
      SEISMO_REPLAY_SPEED: '1000000000',
      SEISMO_WATCHLIST: 'NVDA,AVGO',
    });
    prefix = config.queuePrefix;
    worker = await startWorkerApp(config);
    api = await startApi(config);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await new Promise<void>((r) => server.close(() => r()));
    await cleanRedis(prefix);
    await db.drop();
  }, 30_000);

  const post = async (url: string) => {
    const res = await fetch(`${api.url}/api/feeds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url, pollSeconds: 10 }) });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: number };
  };
  const feeds = async () => ((await (await fetch(`${api.url}/api/feeds?limit=100`)).json()) as { items: { id: number; url: string; lastError: string | null; lastStatus: number | null; itemsSeen: number; errorCount: number }[] }).items;

  it('stores each real item exactly once, polls again with conditional GET, and lists articles with their stories', async () => {
    const ids: number[] = [];
    for (const f of REAL) ids.push((await post(`${base}/real/${encodeURIComponent(f)}`)).id);
    if (!REAL.length) return; // ../shared/data absent: nothing to ingest
    await eventually(async () => (await feeds()).filter((f) => ids.includes(f.id)).every((f) => f.lastStatus === 200 && f.itemsSeen > 0), 30_000);
    // Every item handed over by the fetches ends up stored, once.
    const seen = (await feeds()).filter((f) => ids.includes(f.id)).reduce((n, f) => n + f.itemsSeen, 0);
    const count = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM articles'))[0].n);
    await eventually(async () => (await count()) === seen, 30_000);
    const stored = await count();
    const dupes = await db.query('SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1');
    expect(dupes).toEqual([]);
    // The next poll (every 10 s) sends If-None-Match and gets a 304, which stores nothing new.
    await eventually(() => REAL.every((f) => (hits.get(`/real/${encodeURIComponent(f)}`)?.notModified ?? 0) >= 1), 30_000, 250);
    expect(Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM articles'))[0].n)).toBe(stored);
    expect((await feeds()).filter((f) => ids.includes(f.id)).every((f) => f.lastStatus === 304 && f.lastError === null)).toBe(true);
    const page = (await (await fetch(`${api.url}/api/articles?limit=500`)).json()) as { items: { storyId: number | null; title: string }[] };
    expect(page.items.length).toBe(stored);
    expect(page.items.every((a) => typeof a.storyId === 'number' && a.title.length > 0)).toBe(true);
  }, 90_000);

  it.each([
    ['/html', /not an RSS|Atom|feed/i],
    ['/truncated', /malformed/i],
    ['/laughs', /refused for safety|malformed/i],
    ['/ratelimited', /429|rate limited/i],
    ['/metadata', /link-local|169\.254/i],
  ])('a hostile feed %s ends as a feed error in GET /api/feeds', async (path, reason) => {
    const { id } = await post(`${base}${path}`);
    const f = await eventually(async () => (await feeds()).find((x) => x.id === id && x.lastError), 20_000);
    expect(f.lastError).toMatch(reason);
    expect(f.errorCount).toBeGreaterThanOrEqual(1);
    const health = await fetch(`${api.url}/api/health`);
    expect(health.status).toBe(200);
  }, 30_000);

  it('a replay of the shared price CSVs fills bars that GET /api/prices returns', async () => {
    if (!PRICES.length) return; // ../shared/data/prices absent
    const rows = await eventually(async () => {
      const r = (await (await fetch(`${api.url}/api/prices/NVDA?from=2024-12-01&to=2025-04-01&interval=1d`)).json()) as { items: { time: string; close: number }[] };
      return r.items.length >= 80 ? r.items : null;
    }, 30_000);
    const byDay = new Map(rows.map((b) => [b.time.slice(0, 10), b.close]));
    const change = (byDay.get('2025-01-27')! / byDay.get('2025-01-24')! - 1) * 100;
    expect(change).toBeCloseTo(-16.97, 1);
  }, 40_000);
});
