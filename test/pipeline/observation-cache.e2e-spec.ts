import { ArticlesRepository, PrismaService } from '@seismo/db';
import pg from 'pg';
import { ObservationCache } from '../../apps/worker/src/signals/observation-cache';
import type { TestDb } from '../support/db';
import { createPrismaDatabase } from '../support/prisma';

/**
 * The signals worker's in-memory windows against a real Postgres: they must hold exactly what a
 * fresh read would, including rows whose transaction commits after a later one (out of id order).
 */
const T0 = Date.parse('2025-01-27T14:00:00Z');
const MIN = 60_000;
const NVDA = { type: 'ticker' as const, key: 'NVDA' };
const DEEPSEEK = { type: 'keyword' as const, key: 'DeepSeek' };

describe('ObservationCache (signals windows in memory, caught up from Postgres)', () => {
  let db: TestDb;
  let prisma: PrismaService;
  let cache: ObservationCache;
  let n = 0;

  /** One article with a score for each given target, in its own transaction on `client` (or the pool). */
  async function insert(targets: { type: string; key: string; score: number }[], publishedAt: number, client?: pg.Client): Promise<number> {
    n += 1;
    const q = (sql: string, params: unknown[]) => (client ? client.query(sql, params).then((r) => r.rows) : db.query(sql, params));
    const [a] = (await q(
      `INSERT INTO articles (title, source, published_at, fetched_at, content_hash) VALUES ($1, 'wire', $2::timestamp, now(), $3) RETURNING id`,
      [`headline ${n}`, new Date(publishedAt).toISOString(), `hash-${n}`],
    )) as { id: number }[];
    for (const t of targets) {
      await q(
        `INSERT INTO article_scores (article_id, target_type, target, relevance, score, label, model_version, published_at)
         VALUES ($1, $2, $3, 1, $4, 'negative', 'm1', $5::timestamp)`,
        [a.id, t.type, t.key, t.score, new Date(publishedAt).toISOString()],
      );
    }
    return a.id;
  }

  const ids = (target: typeof NVDA | typeof DEEPSEEK, asOf = Infinity) => cache.observations(target, asOf).map((o) => o.articleId);

  let dropDb: () => Promise<void>;

  beforeAll(async () => {
    ({ db, prisma, drop: dropDb } = await createPrismaDatabase());
  });
  afterAll(async () => {
    await dropDb();
  });
  beforeEach(async () => {
    await db.query('TRUNCATE articles, article_scores RESTART IDENTITY CASCADE');
    cache = new ObservationCache(new ArticlesRepository(prisma));
  });

  it('loads each target once, then reads only the rows added since', async () => {
    const a1 = await insert([{ type: 'ticker', key: 'NVDA', score: -0.9 }, { type: 'keyword', key: 'deepseek', score: -0.5 }], T0);
    const a2 = await insert([{ type: 'ticker', key: 'NVDA', score: -0.8 }], T0 + MIN);
    await cache.refresh([NVDA, DEEPSEEK], T0 - 60 * MIN);
    expect(ids(NVDA)).toEqual([a1, a2]);
    expect(ids(DEEPSEEK)).toEqual([a1]);
    expect(cache.observations(DEEPSEEK, T0)[0]).toMatchObject({ t: T0, score: -0.5, relevance: 1, source: 'wire', title: 'headline 1' });

    const a3 = await insert([{ type: 'ticker', key: 'NVDA', score: 0.2 }], T0 - 5 * MIN); // published earlier, stored later
    await cache.refresh([NVDA], T0 - 60 * MIN);
    expect(ids(NVDA)).toEqual([a3, a1, a2]);
    // As of an instant: nothing published after it.
    expect(ids(NVDA, T0)).toEqual([a3, a1]);
    // Refreshing again adds nothing twice.
    await cache.refresh([NVDA, DEEPSEEK], T0 - 60 * MIN);
    expect(ids(NVDA)).toEqual([a3, a1, a2]);
    expect(cache.size).toBe(4);
  });

  it('picks up a batch that commits after a later batch (transaction ids, not article ids)', async () => {
    await cache.refresh([NVDA], T0 - 60 * MIN);
    const slow = new pg.Client({ connectionString: db.url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      const early = await insert([{ type: 'ticker', key: 'NVDA', score: -0.7 }], T0, slow); // lower article id, not committed yet
      const late = await insert([{ type: 'ticker', key: 'NVDA', score: -0.6 }], T0 + MIN); // higher id, committed now
      expect(early).toBeLessThan(late);
      await cache.refresh([NVDA], T0 - 60 * MIN);
      expect(ids(NVDA)).toEqual([late]);
      await slow.query('COMMIT');
      await cache.refresh([NVDA], T0 - 60 * MIN);
      expect(ids(NVDA)).toEqual([early, late]);
    } finally {
      await slow.end();
    }
  });

  it('reloads a target when an evaluation needs older observations than it holds', async () => {
    const old = await insert([{ type: 'ticker', key: 'NVDA', score: 0.5 }], T0 - 3 * 60 * MIN);
    const recent = await insert([{ type: 'ticker', key: 'NVDA', score: -0.5 }], T0);
    await cache.refresh([NVDA], T0 - 60 * MIN);
    expect(ids(NVDA)).toEqual([recent]);
    await cache.refresh([NVDA], T0 - 4 * 60 * MIN);
    expect(ids(NVDA)).toEqual([old, recent]);
    // Moving forward a little keeps the window (jobs come out of event order); a day on, the old part goes.
    await cache.refresh([NVDA], T0 - 60 * MIN);
    expect(ids(NVDA)).toEqual([old, recent]);
    await cache.refresh([NVDA], T0 + 23.5 * 60 * MIN);
    expect(ids(NVDA)).toEqual([recent]);
  });
});
