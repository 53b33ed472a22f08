import { createTestDatabase, testPrefix, type TestDb } from '../support/db';
import { FixtureFeedServer, type FixtureItem } from '../support/feed-server';
import { ensureBuilt, removePrefix, spawnApi, spawnWorker, until, type ApiChild, type Child } from '../support/processes';

/**
 * A worker process killed with SIGKILL in the middle of a 5,000-item feed: BullMQ's stalled-job
 * check hands its active jobs to the next worker, and the unique keys make the retried batches
 * harmless, so exactly 5,000 articles are stored, each once, each scored once.
 */
const N = 5_000;
const SUBJECTS = ['Nvidia', 'Broadcom', 'AMD', 'TSMC', 'ASML'];
const VERBS = ['shares rise after upbeat guidance', 'stock falls as analysts cut targets', 'beats estimates on data center demand', 'slumps on export control worries'];

function feedItems(): FixtureItem[] {
  const start = Date.parse('2025-01-20T00:00:00Z');
  return Array.from({ length: N }, (_, i) => ({
    guid: `crash-${i}`,
    title: `${SUBJECTS[i % SUBJECTS.length]} ${VERBS[i % VERBS.length]} (report ${i})`,
    summary: `Item ${i}: ${SUBJECTS[i % SUBJECTS.length]} ${VERBS[(i + 1) % VERBS.length]}.`,
    link: `https://news.example.test/crash/${i}`,
    published: new Date(start + i * 60_000),
  }));
}

describe('a worker killed with SIGKILL mid-feed', () => {
  let db: TestDb;
  let prefix: string;
  let feeds: FixtureFeedServer;
  let api: ApiChild;
  const workers: Child[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    prefix = testPrefix();
    feeds = await new FixtureFeedServer().start();
    feeds.set('/big.xml', 'Five thousand items', feedItems());
    api = await spawnApi({ databaseUrl: db.url, prefix });
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) await w.stop();
    await api?.stop();
    await feeds?.close();
    await removePrefix(prefix);
    await db.drop();
  }, 30_000);

  const count = async (sql: string) => Number((await db.query<{ n: string }>(sql))[0].n);

  it('stores exactly 5,000 articles, none twice, each scored once, after a new worker takes over', async () => {
    // One article job at a time, so the kill lands while batches are still waiting and active.
    const env = { SEISMO_ARTICLES_CONCURRENCY: '1', SEISMO_WATCHLIST: 'NVDA,AVGO,AMD,TSM,ASML' };
    const first = await spawnWorker({ databaseUrl: db.url, prefix, env }, 'worker-1');
    workers.push(first);
    const res = await fetch(`${api.url}/api/feeds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${feeds.url}/big.xml`, pollSeconds: 3600 }) });
    expect(res.status).toBe(201);
    // Kill as soon as the first batches are committed: the rest are queued or in flight.
    const before = await until(async () => {
      const n = await count('SELECT count(*) AS n FROM articles');
      return n > 0 ? n : null;
    }, 30_000, 20);
    first.signal('SIGKILL');
    const exit = await first.exited;
    expect(exit.signal).toBe('SIGKILL');
    const atKill = await count('SELECT count(*) AS n FROM articles');
    expect(before).toBeLessThan(N);
    expect(atKill).toBeLessThan(N);

    workers.push(await spawnWorker({ databaseUrl: db.url, prefix, env: { ...env, SEISMO_ARTICLES_CONCURRENCY: '4' } }, 'worker-2'));
    // The killed worker's job locks expire (30 s) before the stalled check returns them to the queue.
    await until(async () => (await count('SELECT count(*) AS n FROM articles')) === N, 90_000, 250);
    await new Promise((r) => setTimeout(r, 1_000)); // a duplicate would land now

    expect(await count('SELECT count(*) AS n FROM articles')).toBe(N);
    expect(await count('SELECT count(DISTINCT guid) AS n FROM articles')).toBe(N);
    expect(await count('SELECT count(DISTINCT content_hash) AS n FROM articles')).toBe(N);
    // Every article has its scores (nothing half-written) and no score exists twice.
    expect(await count('SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_scores s WHERE s.article_id = a.id)')).toBe(0);
    expect(
      await count('SELECT count(*) AS n FROM (SELECT article_id, target_type, target FROM article_scores GROUP BY 1, 2, 3 HAVING count(*) > 1) d'),
    ).toBe(0);
    // Every article belongs to a story, and the feed's own record is consistent.
    expect(await count('SELECT count(*) AS n FROM articles WHERE story_id IS NULL')).toBe(0);
    expect(feeds.hits.get('/big.xml')).toBeGreaterThanOrEqual(1);
  }, 150_000);
});
