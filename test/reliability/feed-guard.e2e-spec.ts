import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, testPrefix, type TestDb } from '../support/db';
import { rss } from '../support/feed-server';
import { ensureBuilt, http, removePrefix, spawnApi, spawnWorker, until, type ApiChild, type Child } from '../support/processes';

/**
 * Feed URLs that reach loopback through other spellings (IPv4-mapped IPv6, `localhost`, ::1,
 * 0.0.0.0, a redirect) are refused by the worker's address guard, each within its time budget,
 * as a feed error visible in GET /api/feeds, while an allowed feed keeps working. The allow-list
 * names only 127.0.0.2, so every other loopback form is "not allowed".
 */
const TIMEOUT_MS = 2_000;

describe('feed address guard against rebinding-style URLs', () => {
  let db: TestDb;
  let server: Server;
  let port: number;
  let api: ApiChild;
  let worker: Child;
  const hits = new Map<string, number>();
  const prefix = testPrefix();

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    // One dual-stack server answering on every loopback address: a refused URL must never reach it.
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path === '/hang.xml') return; // never answers
      if (path === '/redirect.xml') {
        res.writeHead(302, { location: `http://127.0.0.1:${port}/after-redirect.xml` }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss('Fixture', [{ guid: `${path}-1`, title: `Nvidia shares rise (${path})`, link: `https://news.example.test${path}`, published: new Date('2025-01-27T12:00:00Z') }]));
    });
    await new Promise<void>((r) => server.listen({ port: 0, host: '::', ipv6Only: false }, () => r()));
    port = (server.address() as AddressInfo).port;
    const c = { databaseUrl: db.url, prefix, env: { SEISMO_FEED_ALLOW_HOSTS: '127.0.0.2', SEISMO_FEED_TIMEOUT_MS: String(TIMEOUT_MS), SEISMO_WATCHLIST: 'NVDA' } };
    [api, worker] = await Promise.all([spawnApi(c), spawnWorker(c)]);
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await removePrefix(prefix);
    await db.drop();
  }, 30_000);

  it('refuses each private form with a feed error, in time, while an allowed feed keeps working', async () => {
    const refused: Record<string, RegExp> = {
      [`http://[::ffff:127.0.0.1]:${port}/mapped.xml`]: /embeds IPv4 127\.0\.0\.1.*loopback/,
      [`http://[::ffff:7f00:1]:${port}/mapped-hex.xml`]: /embeds IPv4 127\.0\.0\.1.*loopback/,
      [`http://localhost:${port}/localhost.xml`]: /loopback/,
      [`http://[::1]:${port}/v6-loopback.xml`]: /loopback/,
      [`http://0.0.0.0:${port}/unspecified.xml`]: /unspecified/,
      [`http://127.0.0.2:${port}/redirect.xml`]: /redirect to a loopback address refused/,
      ['http://169.254.169.254/latest/meta-data/']: /link-local/,
      [`http://127.0.0.2:${port}/hang.xml`]: /time|took longer|deadline/i,
    };
    const ok = `http://127.0.0.2:${port}/ok.xml`;
    const created: Record<string, { id: number; createdAt: string }> = {};
    for (const url of [...Object.keys(refused), ok]) {
      const r = await http('POST', `${api.url}/api/feeds`, { url, pollSeconds: 3600 });
      expect([url, r.status]).toEqual([url, 201]);
      created[url] = r.body;
    }
    const feeds = await until(async () => {
      const list = (await http('GET', `${api.url}/api/feeds?limit=50`)).body.items as { url: string; lastError: string | null; lastStatus: number | null; lastFetchedAt: string | null; errorCount: number; itemsSeen: number }[];
      return list.every((f) => f.lastFetchedAt) ? list : null;
    }, 20_000, 200);
    const byUrl = new Map(feeds.map((f) => [f.url, f]));
    for (const [url, reason] of Object.entries(refused)) {
      const f = byUrl.get(url)!;
      expect([url, f.lastError]).toEqual([url, expect.stringMatching(reason)]);
      expect([url, f.errorCount, f.itemsSeen]).toEqual([url, 1, 0]);
      // Within its time budget: the fetch deadline plus generous scheduling slack.
      const took = Date.parse(f.lastFetchedAt!) - Date.parse(created[url].createdAt);
      expect([url, took < TIMEOUT_MS + 8_000]).toEqual([url, true]);
    }
    // Nothing refused ever reached the server; the redirect was followed no further than its Location.
    for (const path of ['/mapped.xml', '/mapped-hex.xml', '/localhost.xml', '/v6-loopback.xml', '/unspecified.xml', '/after-redirect.xml']) expect([path, hits.get(path) ?? 0]).toEqual([path, 0]);
    // The allowed feed worked alongside.
    expect(byUrl.get(ok)).toMatchObject({ lastStatus: 200, lastError: null, errorCount: 0, itemsSeen: 1 });
    await until(async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM articles'))[0].n) === 1, 10_000);
  }, 40_000);
});
