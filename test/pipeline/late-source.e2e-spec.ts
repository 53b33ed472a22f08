import { FeedsProducer, SignalsProducer } from '@seismo/queues';
import { eventually, insertFeeds, queueIdle, startWorkerWithFeeds } from '../support/apps';
import type { TestDb } from '../support/db';
import type { FixtureFeedServer } from '../support/feed-server';

/**
 * A story's second source arrives after its first but was published before it (as in the demo,
 * where the record-loss story's two wires came in that order). The evaluation at the first
 * source's time ran before the second was stored, and the second's own point comes before the
 * first: `breaking` must still see both sources.
 */
describe('breaking when a source arrives late but published early', () => {
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

  it('raises one breaking alert naming both sources', async () => {
    const title = 'Nvidia sheds nearly $600 billion in value, a record one-day loss';
    const t = Date.parse('2025-01-27T21:05:00Z');
    feeds.set('/late.xml', 'Closing Bell Daily', [{ guid: 'late-1', title, link: 'https://news.example.test/late/1', summary: title, published: new Date(t + 7 * 60_000) }]);
    feeds.set('/early.xml', 'Meridian Newswire', [{ guid: 'early-1', title, link: 'https://news.example.test/early/1', summary: title, published: new Date(t) }]);
    const [late, early] = await insertFeeds(db, [`${feeds.url}/late.xml`, `${feeds.url}/early.xml`]);
    const signals = worker.app.get(SignalsProducer).queue;
    const settled = () => queueIdle(signals);
    // The later publication first, evaluated alone: one source, no alert.
    await worker.app.get(FeedsProducer).fetchNow(late.id);
    await eventually(async () => (await db.query<{ n: string }>('SELECT count(*) AS n FROM articles'))[0].n === '1', 20_000);
    await eventually(settled, 20_000);
    expect(await db.query(`SELECT id FROM alerts WHERE type = 'breaking'`)).toEqual([]);
    // Then the earlier publication: same story, second source.
    await worker.app.get(FeedsProducer).fetchNow(early.id);
    const alerts = await eventually(async () => {
      const rows = await db.query<{ symbol: string; evidence: { sources: string[]; storyId: number } }>(`SELECT symbol, evidence FROM alerts WHERE type = 'breaking'`);
      return rows.length ? rows : null;
    }, 20_000);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].symbol).toBe('NVDA');
    expect([...alerts[0].evidence.sources].sort()).toEqual(['Closing Bell Daily', 'Meridian Newswire']);
    const stories = await db.query<{ story_id: number }>('SELECT DISTINCT story_id FROM articles');
    expect(stories).toEqual([{ story_id: alerts[0].evidence.storyId }]);
  });
});
