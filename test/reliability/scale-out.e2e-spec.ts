import { io, type Socket } from 'socket.io-client';
import { createTestDatabase, testPrefix, type TestDb } from '../support/db';
import { FixtureFeedServer, type FixtureItem } from '../support/feed-server';
import { ensureBuilt, http, removePrefix, sleep, spawnApi, spawnWorker, times, until, type ApiChild, type Child } from '../support/processes';

/**
 * Two api processes and two worker processes on one Postgres, one Redis and one queue prefix
 * (what `docker compose up --scale api=2 --scale worker=2` runs): every feed is polled once per
 * interval, every article stored and scored once, every alert created once and delivered exactly
 * once to each subscribed client, whichever api process holds it.
 */
const POLL_SECONDS = 10;
const HEADLINES = [
  'Nvidia shares plunge as DeepSeek model rattles AI trade',
  'Nvidia stock crashes as investors fear cheaper AI will cut chip demand',
  'Nvidia tumbles, dragging the Nasdaq lower',
  'Nvidia sell-off deepens; analysts warn of weaker data center spending',
  'Nvidia suffers record rout as AI bubble fears grow',
  'Broadcom shares slide as AI chip fears spread',
];

const items = (feed: string, n: number): FixtureItem[] => {
  const start = Date.parse('2025-01-27T10:00:00Z');
  return Array.from({ length: n }, (_, i) => ({
    guid: `${feed}-${i}`,
    title: `${HEADLINES[(i + feed.length) % HEADLINES.length]} (${feed} ${i})`,
    link: `https://news.example.test/${feed}/${i}`,
    published: new Date(start + i * 45_000),
  }));
};

describe('scale-out: two api and two worker processes', () => {
  let db: TestDb;
  let feeds: FixtureFeedServer;
  const apis: ApiChild[] = [];
  const workers: Child[] = [];
  const clients: { socket: Socket; on: string; got: ReturnType<typeof times> }[] = [];
  const prefix = testPrefix();
  const hitTimes = new Map<string, number[]>();
  const FEEDS = ['/a.xml', '/b.xml', '/c.xml'];

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    feeds = await new FixtureFeedServer().start();
    for (const [i, f] of FEEDS.entries()) feeds.set(f, f, items(f.slice(1, 2), 120 + 40 * i));
    // Wrap the fixture's request counter to also keep timestamps per path.
    const set = feeds.hits.set.bind(feeds.hits);
    feeds.hits.set = (k: string, v: number) => {
      hitTimes.set(k, [...(hitTimes.get(k) ?? []), Date.now()]);
      return set(k, v);
    };
    const c = { databaseUrl: db.url, prefix, env: { SEISMO_WATCHLIST: 'NVDA,AVGO', SEISMO_KEYWORDS: 'Stargate=ORCL' } };
    // All four start at once, as an orchestrator would start them.
    const started = await Promise.allSettled([spawnApi(c, 'api-1'), spawnApi(c, 'api-2'), spawnWorker(c, 'worker-1'), spawnWorker(c, 'worker-2')]);
    // Those that started are stopped by afterAll even when another did not start.
    for (const [i, r] of started.entries()) if (r.status === 'fulfilled') (i < 2 ? apis : workers).push(r.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [a1, a2] = apis;
    for (const [i, api] of [a1, a2, a1, a2].entries()) {
      const socket = io(`${api.url}/alerts`, { transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
      const got = times(1);
      socket.on('alert', (a: { id: number }) => got.record(a.id));
      // Two clients follow NVDA, two follow every alert.
      const sub = i < 2 ? { symbols: ['NVDA'] } : {};
      expect(await socket.emitWithAck('subscribe', sub)).toMatchObject({ ok: true });
      clients.push({ socket, on: api.url, got });
    }
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.socket.close();
    await Promise.all([...workers, ...apis].map((p) => p.stop()));
    await feeds?.close();
    await removePrefix(prefix);
    await db.drop();
  }, 30_000);

  const count = async (q: string) => Number((await db.query<{ n: string }>(q))[0].n);

  it('seeds the default rules once although both workers started together', async () => {
    const dup = await db.query<{ type: string; n: string }>(`SELECT type, count(*) AS n FROM alert_rules GROUP BY type HAVING count(*) > 1`);
    expect(dup).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM tickers')).toBe(2);
  });

  it('polls each feed once per interval, stores and scores each article once, and delivers each alert once per client', async () => {
    const t0 = Date.now();
    for (const [i, f] of FEEDS.entries()) {
      expect((await http('POST', `${apis[i % 2].url}/api/feeds`, { url: `${feeds.url}${f}`, pollSeconds: POLL_SECONDS })).status).toBe(201);
    }
    const total = 120 + 160 + 200;
    await until(async () => (await count('SELECT count(*) AS n FROM articles')) === total, 40_000, 250);
    // Watch three more intervals of polling.
    const windowStart = t0 + 3_000;
    await sleep(Math.max(0, windowStart + 3 * POLL_SECONDS * 1_000 + 1_000 - Date.now()));
    const windowEnd = Date.now();
    for (const f of FEEDS) {
      const ts = (hitTimes.get(f) ?? []).filter((t) => t >= windowStart && t <= windowEnd);
      // One poll per interval from the pair of workers, not one each.
      expect([f, ts.length >= 2 && ts.length <= 4]).toEqual([f, true]);
      for (let i = 1; i < ts.length; i++) expect([f, ts[i] - ts[i - 1] > POLL_SECONDS * 500]).toEqual([f, true]);
    }

    expect(await count('SELECT count(*) AS n FROM articles')).toBe(total);
    expect(await count('SELECT count(DISTINCT guid) AS n FROM articles')).toBe(total);
    expect(await count('SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_scores s WHERE s.article_id = a.id)')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM (SELECT article_id, target_type, target FROM article_scores GROUP BY 1, 2, 3 HAVING count(*) > 1) d')).toBe(0);

    const alerts = await db.query<{ id: number; symbol: string | null; dedupe_key: string }>('SELECT id, symbol, dedupe_key FROM alerts ORDER BY id');
    expect(alerts.length).toBeGreaterThan(0);
    expect(new Set(alerts.map((a) => a.dedupe_key)).size).toBe(alerts.length);
    // One rule per type (seeded once), so no alert has a twin fired by a second copy of its rule.
    expect(await count('SELECT count(DISTINCT rule_id) AS n FROM alerts WHERE rule_id IS NOT NULL')).toBeLessThanOrEqual(6);

    const nvda = alerts.filter((a) => a.symbol === 'NVDA').map((a) => a.id);
    const all = alerts.map((a) => a.id);
    expect(nvda.length).toBeGreaterThan(0);
    await until(() => clients.every((c, i) => (i < 2 ? nvda : all).every((id) => c.got.seen.has(id))), 15_000);
    await sleep(1_000); // an extra delivery would arrive now
    for (const [i, c] of clients.entries()) {
      expect([i, c.on, c.got.extra]).toEqual([i, c.on, []]);
      expect(c.got.keys().sort((a, b) => Number(a) - Number(b))).toEqual(i < 2 ? nvda : all);
    }
    for (const p of [...apis, ...workers]) expect([p.name, p.running]).toEqual([p.name, true]);
  }, 90_000);
});
