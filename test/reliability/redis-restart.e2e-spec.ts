import { createTestDatabase, testPrefix, type TestDb } from '../support/db';
import { FixtureFeedServer, type FixtureItem } from '../support/feed-server';
import { ensureBuilt, http, sleep, spawnApi, spawnWorker, until, type ApiChild, type Child } from '../support/processes';
import { PrivateRedis } from '../support/redis-server';

/**
 * Redis restarted empty under a running api and worker: both reconnect by themselves, the
 * worker's watchdog restarts the BullMQ workers that stopped and rebuilds the feed job schedulers
 * from Postgres, polling resumes within about one interval, and nothing stored is lost.
 */
const POLL_SECONDS = 10;

const item = (i: number): FixtureItem => ({
  guid: `redis-${i}`,
  title: `Nvidia update number ${i}: shares rise on strong demand`,
  link: `https://news.example.test/redis/${i}`,
  published: new Date(Date.parse('2025-01-27T12:00:00Z') + i * 60_000),
});

describe('Redis restarted empty', () => {
  let db: TestDb;
  let redis: PrivateRedis;
  let feeds: FixtureFeedServer;
  let api: ApiChild;
  let worker: Child;
  const prefix = testPrefix();

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    redis = await PrivateRedis.start();
    feeds = await new FixtureFeedServer().start();
    feeds.set('/live.xml', 'Live', [item(0), item(1)]);
    const c = { databaseUrl: db.url, prefix, redisUrl: redis.url, env: { SEISMO_WATCHLIST: 'NVDA' } };
    [api, worker] = await Promise.all([spawnApi(c), spawnWorker(c)]);
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await feeds?.close();
    await redis?.stop();
    await db.drop();
  }, 30_000);

  const articles = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM articles'))[0].n);
  const health = async () => {
    const h = await http('GET', `${api.url}/api/health`);
    return { status: h.status, body: h.body as { status: string; redis: { status: string }; db: { status: string } } };
  };

  it('reconnects, rebuilds the job schedulers from Postgres, resumes polling and keeps every stored row', async () => {
    const created = await http('POST', `${api.url}/api/feeds`, { url: `${feeds.url}/live.xml`, pollSeconds: POLL_SECONDS });
    expect(created.status).toBe(201);
    await until(async () => (await articles()) === 2, 20_000);
    expect((await health()).status).toBe(200);

    await redis.stop();
    const down = await until(async () => {
      const h = await health();
      return h.status === 503 ? h : null;
    }, 15_000);
    expect(down.body).toMatchObject({ status: 'error', redis: { status: 'down' }, db: { status: 'up' } });
    // Both processes survive the outage.
    await sleep(1_500);
    expect(api.running).toBe(true);
    expect(worker.running).toBe(true);

    // New content while Redis is down; Redis comes back with no keys at all.
    feeds.set('/live.xml', 'Live', [item(0), item(1), item(2), item(3)]);
    const hitsBefore = feeds.hits.get('/live.xml') ?? 0;
    await redis.start();
    const back = Date.now();
    await until(async () => (await health()).status === 200, 30_000);

    // Polling resumes (scheduler rebuilt by the watchdog, workers running again) within about one
    // interval: the bound adds the watchdog period (5 s) and the reconnect back-off (≤ 5 s).
    await until(() => (feeds.hits.get('/live.xml') ?? 0) > hitsBefore, (POLL_SECONDS + 20) * 1_000, 100);
    const resumedAfter = Date.now() - back;
    expect(resumedAfter).toBeLessThan((POLL_SECONDS + 20) * 1_000);
    // The articles and signals workers run again too: the new items go through the whole pipeline.
    await until(async () => (await articles()) === 4, 20_000);
    const rows = await db.query<{ guid: string }>('SELECT guid FROM articles ORDER BY guid');
    expect(rows.map((r) => r.guid)).toEqual(['redis-0', 'redis-1', 'redis-2', 'redis-3']);
    // The scheduler exists in Redis again, once.
    const { Redis } = await import('ioredis');
    const r = new Redis(redis.url);
    try {
      const keys = await r.keys(`${prefix}:feeds:repeat*`);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      r.disconnect();
    }
    const feed = (await http('GET', `${api.url}/api/feeds`)).body.items[0];
    expect(feed).toMatchObject({ lastStatus: 200, lastError: null });
  }, 120_000);
});
