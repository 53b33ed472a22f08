import { Queue } from 'bullmq';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { applyMigrations, ensureDatabase } from '../../libs/db/src/migrations/migrator';
import { testPrefix } from '../support/db';
import { FixtureFeedServer, type FixtureItem } from '../support/feed-server';
import { PrivatePostgres } from '../support/private-postgres';
import { ensureBuilt, http, removePrefix, sleep, spawnApi, spawnWorker, times, until, type ApiChild, type Child } from '../support/processes';

/**
 * Postgres restarted (a private cluster, so the machine's stays up) while article batches are
 * being stored: the jobs fail, retry with back-off and complete once Postgres is back; no batch
 * is half-written; every alert exists once and reaches the subscribed client once.
 */
const N = 600;
/** Three batches, so that several are pending when Postgres goes down. */
const BATCH = 200;
const BAD = [
  'Nvidia shares plunge as DeepSeek model rattles AI trade',
  'Nvidia stock crashes as investors fear cheaper AI will cut chip demand',
  'Nvidia tumbles, dragging the Nasdaq lower',
  'Nvidia sell-off deepens; analysts warn of weaker data center spending',
  'Nvidia suffers record rout as AI bubble fears grow',
];

const items = (): FixtureItem[] => {
  const start = Date.parse('2025-01-27T09:00:00Z');
  return Array.from({ length: N }, (_, i) => ({
    guid: `pg-${i}`,
    title: `${BAD[i % BAD.length]} (update ${i})`,
    link: `https://news.example.test/pg/${i}`,
    published: new Date(start + i * 20_000),
  }));
};

describe('Postgres restarted during ingestion', () => {
  let cluster: PrivatePostgres;
  let dbUrl: string;
  let sql: pg.Pool;
  let feeds: FixtureFeedServer;
  let api: ApiChild;
  let worker: Child;
  let articlesQueue: Queue;
  let client: Socket;
  const prefix = testPrefix();
  const delivered = times(1);

  beforeAll(async () => {
    await ensureBuilt();
    cluster = await PrivatePostgres.start();
    dbUrl = cluster.url('seismo');
    await ensureDatabase(dbUrl);
    await applyMigrations(dbUrl, new URL('../../prisma/migrations', import.meta.url).pathname);
    sql = new pg.Pool({ connectionString: dbUrl, max: 2 });
    sql.on('error', () => undefined);
    feeds = await new FixtureFeedServer().start();
    feeds.set('/burst.xml', 'Burst', items());
    const c = { databaseUrl: dbUrl, prefix, env: { SEISMO_WATCHLIST: 'NVDA', SEISMO_KEYWORDS: 'Stargate=ORCL', SEISMO_ARTICLES_BATCH_SIZE: String(BATCH) } };
    [api, worker] = await Promise.all([spawnApi(c), spawnWorker(c)]);
    articlesQueue = new Queue('articles', { prefix, connection: { host: '127.0.0.1', port: 6379 } });
    client = io(`${api.url}/alerts`, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => (client.once('connect', () => resolve()), client.once('connect_error', reject)));
    client.on('alert', (a: { id: number }) => delivered.record(a.id));
    expect(await client.emitWithAck('subscribe', { symbols: ['NVDA'] })).toMatchObject({ ok: true });
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await articlesQueue?.close();
    await worker?.stop();
    await api?.stop();
    await feeds?.close();
    await sql?.end();
    await cluster?.destroy();
    await removePrefix(prefix);
  }, 60_000);

  const count = async (q: string) => Number((await sql.query<{ n: string }>(q)).rows[0].n);

  it('retries the failed batches after the restart and stores everything once, with each alert delivered once', async () => {
    // Hold the article batches in the queue so that Postgres goes down with all of them pending.
    await articlesQueue.pause();
    expect((await http('POST', `${api.url}/api/feeds`, { url: `${feeds.url}/burst.xml`, pollSeconds: 3600 })).status).toBe(201);
    await until(async () => (await count(`SELECT coalesce(sum(items_seen), 0) AS n FROM feeds`)) === N, 20_000);
    await until(async () => (await articlesQueue.getWaitingCount()) === Math.ceil(N / BATCH), 10_000);

    await cluster.stop('fast');
    await articlesQueue.resume();
    // The batches fail while Postgres is away and wait for their next attempt.
    const retried = await until(async () => {
      const jobs = await articlesQueue.getJobs(['delayed', 'wait', 'active']);
      return jobs.some((j) => j.attemptsMade >= 1) ? jobs : null;
    }, 20_000, 100);
    expect(retried.length).toBeGreaterThan(0);
    expect(worker.running).toBe(true);
    const h = await http('GET', `${api.url}/api/health`);
    expect(h.status).toBe(503);
    expect(h.body.db.status).toBe('down');
    await sleep(1_500);
    await cluster.start();

    await until(async () => (await count('SELECT count(*) AS n FROM articles')) === N, 90_000, 250);
    await until(async () => (await articlesQueue.getJobCounts('wait', 'active', 'delayed')).wait === 0, 30_000);
    expect(await articlesQueue.getFailedCount()).toBe(0);
    const completed = await articlesQueue.getJobs(['completed']);
    expect(completed.some((j) => j.attemptsMade > 1)).toBe(true); // completed on a retry
    expect(worker.running).toBe(true);

    // Nothing half-written: every article has its scores and story, nothing twice.
    expect(await count('SELECT count(DISTINCT guid) AS n FROM articles')).toBe(N);
    expect(await count('SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_scores s WHERE s.article_id = a.id)')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM articles WHERE story_id IS NULL')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM (SELECT article_id, target_type, target FROM article_scores GROUP BY 1, 2, 3 HAVING count(*) > 1) d')).toBe(0);

    // Alerts: created once each, and each delivered to the subscribed client exactly once.
    const signals = new Queue('signals', { prefix, connection: { host: '127.0.0.1', port: 6379 } });
    try {
      await until(async () => {
        const c = await signals.getJobCounts('wait', 'active', 'delayed');
        return c.wait + c.active + c.delayed === 0;
      }, 60_000, 250);
      expect(await signals.getFailedCount()).toBe(0);
    } finally {
      await signals.close();
    }
    const alerts = (await sql.query<{ id: number; dedupe_key: string }>(`SELECT id, dedupe_key FROM alerts WHERE symbol = 'NVDA' ORDER BY id`)).rows;
    expect(alerts.length).toBeGreaterThan(0);
    expect(new Set(alerts.map((a) => a.dedupe_key)).size).toBe(alerts.length);
    await until(() => alerts.every((a) => delivered.seen.has(a.id)), 15_000);
    await sleep(1_000);
    expect(delivered.extra).toEqual([]);
    expect(delivered.keys().sort((a, b) => Number(a) - Number(b))).toEqual(alerts.map((a) => a.id));
    expect((await http('GET', `${api.url}/api/health`)).status).toBe(200);
  }, 180_000);
});
