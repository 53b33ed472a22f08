import { JobName, QueueName, type EvaluateSignalsJobData } from '@seismo/contracts';
import { Queue } from 'bullmq';
import { cleanRedis, eventually, startWorkerApp, testConfig } from '../support/apps';
import { createTestDatabase, REDIS_URL, type TestDb } from '../support/db';

/**
 * Signals jobs that queue up are evaluated together by the real worker: the waiting jobs are taken
 * with the one BullMQ hands over, each ends completed (or failed, when malformed) on its own, and
 * the merged evaluation raises what the separate ones would have.
 */
const T0 = Date.parse('2025-01-27T14:00:00Z');

describe('signals jobs taken together (real worker, Postgres, Redis)', () => {
  let db: TestDb;
  let prefix: string;
  let queue: Queue<EvaluateSignalsJobData>;
  let worker: { close(): Promise<void> } | null = null;
  let config: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await cleanRedis(prefix);
    await db.drop();
  });

  it('completes every waiting job with one evaluation, fails only the malformed one, and raises the alert', async () => {
    config = testConfig(db, { SEISMO_WATCHLIST: 'NVDA', SEISMO_KEYWORDS: '', SEISMO_WORKERS: 'signals' });
    prefix = config.queuePrefix;
    // One story, carried by two sources, stored as two separate batches (two jobs).
    const [story] = await db.query<{ id: number }>(
      `INSERT INTO stories (title_key, first_seen_at, last_seen_at, article_count) VALUES ('nvidia plunge', $1::timestamp, $1::timestamp, 2) RETURNING id`,
      [new Date(T0).toISOString()],
    );
    const ids: number[] = [];
    for (const [k, source] of ['Wire A', 'Wire B'].entries()) {
      const at = new Date(T0 + k * 60_000).toISOString();
      const [a] = await db.query<{ id: number }>(
        `INSERT INTO articles (title, source, published_at, fetched_at, content_hash, story_id) VALUES ('Nvidia shares plunge 17%', $1, $2::timestamp, now(), $3, $4) RETURNING id`,
        [source, at, `h${k}`, story.id],
      );
      await db.query(
        `INSERT INTO article_scores (article_id, target_type, target, relevance, score, label, model_version, published_at)
         VALUES ($1, 'ticker', 'NVDA', 1, -0.98, 'negative', 'm1', $2::timestamp)`,
        [a.id, at],
      );
      ids.push(a.id);
    }
    queue = new Queue<EvaluateSignalsJobData>(QueueName.Signals, { connection: { url: REDIS_URL }, prefix });
    const point = (k: number): EvaluateSignalsJobData => ({ symbols: ['NVDA'], keywords: [], asOf: new Date(T0 + k * 60_000).toISOString(), articleIds: [ids[k]] });
    // Queued before any worker runs: the first job handed over takes the others with it.
    await queue.add(JobName.EvaluateSignals, point(0), { jobId: 'j0' });
    await queue.add(JobName.EvaluateSignals, { symbols: 'NVDA' } as unknown as EvaluateSignalsJobData, { jobId: 'bad', attempts: 3 });
    await queue.add(JobName.EvaluateSignals, point(1), { jobId: 'j1' });
    for (let k = 2; k < 6; k++) await queue.add(JobName.EvaluateSignals, { symbols: [], keywords: ['deepseek'], asOf: new Date(T0 + k * 60_000).toISOString() }, { jobId: `j${k}` });

    worker = await startWorkerApp(config);
    await eventually(async () => {
      expect(await queue.getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual({ completed: 6, failed: 1, waiting: 0, active: 0 });
      return true;
    }, 20_000);

    const first = await queue.getJob('j0');
    expect(first!.returnvalue).toMatchObject({ batched: 5 });
    for (const id of ['j1', 'j2', 'j3', 'j4', 'j5']) expect((await queue.getJob(id))!.returnvalue).toMatchObject({ batchedWith: 'j0' });
    const bad = await queue.getJob('bad');
    expect(bad!.failedReason).toMatch(/symbols, keywords and asOf are required/);
    expect(bad!.attemptsMade).toBe(1); // not retried: malformed input cannot succeed later

    const alerts = await db.query<{ type: string; symbol: string; article_ids: number[] }>(`SELECT type, symbol, article_ids FROM alerts`);
    expect(alerts).toEqual([{ type: 'breaking', symbol: 'NVDA', article_ids: expect.arrayContaining(ids) }]);
  });

  it('judges each point of a backlog that spans days against the bars of its own day', async () => {
    await worker?.close();
    worker = null;
    const MIN = 60_000;
    const last = Date.parse('2025-01-27T15:00:00Z');
    // Daily closes of 100 up to Sunday, then 6,000 one-minute bars up to Monday 15:00, at 87 from
    // the open: more bars than one read of the whole backlog would have held (5,000 a symbol).
    await db.query(
      `INSERT INTO price_bars (symbol, interval, time, open, high, low, close)
       SELECT 'NVDA', '1d', d, 100, 100, 100, 100 FROM generate_series('2025-01-01'::timestamp, '2025-01-26'::timestamp, interval '1 day') AS d`,
    );
    await db.query(
      `INSERT INTO price_bars (symbol, interval, time, open, high, low, close)
       SELECT 'NVDA', '1m', t, c, c, c, c FROM (
         SELECT t, CASE WHEN t >= '2025-01-27 14:30' THEN 87 ELSE 100 END AS c
           FROM generate_series($1::timestamp, $2::timestamp, interval '1 minute') AS t) AS b`,
      [new Date(last - 5_999 * MIN).toISOString(), new Date(last).toISOString()],
    );
    await queue.add(JobName.EvaluateSignals, { symbols: ['NVDA'], keywords: [], asOf: new Date(last - 3 * 1_440 * MIN).toISOString() }, { jobId: 'p0' });
    await queue.add(JobName.EvaluateSignals, { symbols: ['NVDA'], keywords: [], asOf: new Date(last).toISOString() }, { jobId: 'p1' });
    worker = await startWorkerApp(config);
    await eventually(async () => {
      expect(await queue.getJobCounts('completed', 'waiting', 'active')).toEqual({ completed: 8, waiting: 0, active: 0 });
      return true;
    }, 20_000);
    expect((await queue.getJob('p0'))!.returnvalue).toMatchObject({ batched: 1 });
    const moves = await db.query<{ symbol: string; change_pct: number; event_time: Date }>(`SELECT symbol, change_pct, event_time FROM alerts WHERE type = 'price_move'`);
    expect(moves).toHaveLength(1);
    expect(moves[0].symbol).toBe('NVDA');
    expect(moves[0].change_pct).toBeCloseTo(-13, 1);
  });

  it('uses the rules it reads, even though it reads a job\'s windows with the previous evaluation\'s rules before they arrive', async () => {
    await worker?.close();
    worker = null;
    // Its own database and queues: the rules change under a running worker.
    const own = await createTestDatabase();
    const cfg = testConfig(own, { SEISMO_WATCHLIST: 'NVDA,AMD', SEISMO_KEYWORDS: '', SEISMO_WORKERS: 'signals' });
    const q = new Queue<EvaluateSignalsJobData>(QueueName.Signals, { connection: { url: REDIS_URL }, prefix: cfg.queuePrefix });
    let w: { close(): Promise<void> } | null = null;
    try {
      const story = async (symbol: string, at: number) => {
        const [s] = await own.query<{ id: number }>(
          `INSERT INTO stories (title_key, first_seen_at, last_seen_at, article_count) VALUES ($1, $2::timestamp, $2::timestamp, 2) RETURNING id`,
          [`${symbol} plunge`, new Date(at).toISOString()],
        );
        const ids: number[] = [];
        for (const source of ['Wire A', 'Wire B']) {
          const [a] = await own.query<{ id: number }>(
            `INSERT INTO articles (title, source, published_at, fetched_at, content_hash, story_id) VALUES ($1, $2, $3::timestamp, now(), $4, $5) RETURNING id`,
            [`${symbol} shares plunge 17%`, source, new Date(at).toISOString(), `${symbol}-${source}`, s.id],
          );
          await own.query(
            `INSERT INTO article_scores (article_id, target_type, target, relevance, score, label, model_version, published_at)
             VALUES ($1, 'ticker', $2, 1, -0.98, 'negative', 'm1', $3::timestamp)`,
            [a.id, symbol, new Date(at).toISOString()],
          );
          ids.push(a.id);
        }
        return ids;
      };
      const nvda = await story('NVDA', T0);
      const amd = await story('AMD', T0 + 60_000);
      w = await startWorkerApp(cfg);
      const breaking = async () => (await own.query<{ symbol: string }>(`SELECT symbol FROM alerts WHERE type = 'breaking' ORDER BY id`)).map((r) => r.symbol);
      const done = (id: string) =>
        eventually(async () => {
          expect(await (await q.getJob(id))?.getState()).toBe('completed');
          return true;
        }, 20_000);
      // Changed in SQL, as an operator might: no api call, and \`updated_at\` does not move.
      await own.query(`UPDATE alert_rules SET params = params || '{"minSources": 3}'::jsonb WHERE type = 'breaking'`);
      await q.add(JobName.EvaluateSignals, { symbols: ['NVDA'], keywords: [], asOf: new Date(T0).toISOString(), articleIds: nvda }, { jobId: 'r0' });
      await done('r0');
      expect(await breaking()).toEqual([]); // two sources, three needed
      // The next job's reads start with the rules above (three sources); the evaluation must notice the change.
      await own.query(`UPDATE alert_rules SET params = params || '{"minSources": 2}'::jsonb WHERE type = 'breaking'`);
      await q.add(JobName.EvaluateSignals, { symbols: ['AMD'], keywords: [], asOf: new Date(T0 + 60_000).toISOString(), articleIds: amd }, { jobId: 'r1' });
      await done('r1');
      expect(await breaking()).toEqual(['AMD']);
      // And the other way round: disabled between two jobs, it raises nothing.
      await own.query(`UPDATE alert_rules SET enabled = false WHERE type = 'breaking'`);
      await q.add(JobName.EvaluateSignals, { symbols: ['NVDA'], keywords: [], asOf: new Date(T0 + 120_000).toISOString(), articleIds: nvda }, { jobId: 'r2' });
      await done('r2');
      expect(await breaking()).toEqual(['AMD']);
    } finally {
      await w?.close();
      await q.close();
      await cleanRedis(cfg.queuePrefix);
      await own.drop();
    }
  });
});
