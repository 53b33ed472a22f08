import { FeedsProducer, SignalsProducer } from '@seismo/queues';
import { eventually, insertFeeds, queueIdle, startWorkerWithFeeds } from '../support/apps';
import type { TestDb } from '../support/db';
import type { FixtureFeedServer } from '../support/feed-server';

/**
 * An articles job whose batch is committed but whose `signals` job is never added (the worker
 * died, or Redis failed, between the two): BullMQ retries the job, every item is then a
 * duplicate, and the retry must still evaluate them. Here the hand-off fails once, as a Redis
 * error right after the commit would; the story's second source is in that batch, so without
 * the re-evaluation there is no `breaking` alert at all.
 */
describe('an articles job retried after its batch was committed', () => {
  let harness: Awaited<ReturnType<typeof startWorkerWithFeeds>>;
  let db: TestDb;
  let worker: typeof harness.worker;
  let feeds: FixtureFeedServer;

  beforeAll(async () => {
    harness = await startWorkerWithFeeds({ SEISMO_WATCHLIST: 'NVDA' });
    ({ db, worker, feeds } = harness);
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  }, 30_000);

  it('evaluates the stored articles on the retry and raises the alert', async () => {
    const title = 'Nvidia sheds nearly $600 billion in value, a record one-day loss';
    const t = Date.parse('2025-01-27T21:05:00Z');
    feeds.set('/first.xml', 'Meridian Newswire', [{ guid: 'first-1', title, link: 'https://news.example.test/first/1', summary: title, published: new Date(t) }]);
    feeds.set('/second.xml', 'Closing Bell Daily', [{ guid: 'second-1', title, link: 'https://news.example.test/second/1', summary: title, published: new Date(t + 5 * 60_000) }]);
    const [first, second] = await insertFeeds(db, [`${feeds.url}/first.xml`, `${feeds.url}/second.xml`]);
    const producer = worker.app.get(SignalsProducer);
    const signals = producer.queue;
    const settled = () => queueIdle(signals);
    await worker.app.get(FeedsProducer).fetchNow(first.id);
    await eventually(async () => (await db.query<{ n: string }>('SELECT count(*) AS n FROM articles'))[0].n === '1', 20_000);
    await eventually(settled, 20_000);
    expect(await db.query(`SELECT id FROM alerts WHERE type = 'breaking'`)).toEqual([]);

    // The second source's batch commits, then its hand-off to `signals` fails once.
    const handOff = producer.evaluatePoints.bind(producer);
    let failures = 0;
    producer.evaluatePoints = async (...args) => {
      if (failures === 0) {
        failures++;
        throw new Error('Connection is closed. (injected after the commit)');
      }
      return handOff(...args);
    };
    await worker.app.get(FeedsProducer).fetchNow(second.id);
    const alerts = await eventually(async () => {
      const rows = await db.query<{ symbol: string; evidence: { sources: string[] } }>(`SELECT symbol, evidence FROM alerts WHERE type = 'breaking'`);
      return rows.length ? rows : null;
    }, 30_000);
    expect(failures).toBe(1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].symbol).toBe('NVDA');
    expect([...alerts[0].evidence.sources].sort()).toEqual(['Closing Bell Daily', 'Meridian Newswire']);
    // Stored once: the retry found the article, it did not write it again.
    expect(await db.query<{ n: string }>('SELECT count(*) AS n FROM articles')).toEqual([{ n: '2' }]);
  }, 60_000);
});
