import { PassThrough } from 'node:stream';
import { backfillCommand } from '../../apps/cli/src/backfill.command';
import { cleanRedis, startWorkerApp, testConfig } from '../support/apps';
import { createTestDatabase, type TestDb } from '../support/db';

/** `npm run cli -- backfill`: the demo's replay source through the real queues and worker. */
describe('cli backfill', () => {
  let db: TestDb;
  let worker: Awaited<ReturnType<typeof startWorkerApp>>;
  let config: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig(db, { SEISMO_WATCHLIST: 'NVDA,AVGO,TSM', SEISMO_KEYWORDS: 'DeepSeek=NVDA|AVGO|TSM' });
    worker = await startWorkerApp(config);
  }, 30_000);

  afterAll(async () => {
    await worker?.close();
    await cleanRedis(config.queuePrefix);
    await db.drop();
  });

  it('stores the range’s articles and bars with a progress bar, and the signals see them on event time', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => (text += c));
    await backfillCommand(config, { from: '2025-01-24', to: '2025-01-28', source: 'demo' }, out);
    expect(text).toMatch(/queued \d+ articles and \d+ bars/);
    expect(text).toMatch(/\[#+\] 100% (\d+)\/\1 articles stored/);
    const [{ n }] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM articles WHERE published_at >= '2025-01-24' AND published_at < '2025-01-28'`);
    expect(Number(n)).toBeGreaterThan(50);
    const [{ bars }] = await db.query<{ bars: string }>(`SELECT count(*) AS bars FROM price_bars WHERE symbol = 'NVDA'`);
    expect(Number(bars)).toBeGreaterThan(100);
    // Monday's sell-off is judged at its event time, not at the wall clock of the backfill.
    const moves = await (async () => {
      for (let i = 0; i < 100; i++) {
        const r = await db.query<{ event_time: Date }>(`SELECT event_time FROM alerts WHERE symbol = 'NVDA' AND type = 'price_move'`);
        if (r.length) return r;
        await new Promise((res) => setTimeout(res, 200));
      }
      return [];
    })();
    expect(moves.length).toBeGreaterThan(0);
    expect(moves[0].event_time.toISOString().slice(0, 10)).toBe('2025-01-27');
  }, 90_000);
});
