import { ArticlesRepository, PrismaService, type ScoredItem } from '@seismo/db';
import { storyKey } from '@seismo/feeds';
import { ONE_TRIP_PAUSE_MS, StoryIndex, STORY_RELOAD_AFTER_MS } from '../../apps/worker/src/articles/story-index';
import type { TestDb } from '../support/db';
import { createPrismaDatabase } from '../support/prisma';

/**
 * Story grouping with the worker's held story index, through `storeBatch` on a real Postgres: a
 * batch reads only the stories created since the last one, yet groups exactly as a batch that
 * read every recent story would, across batches and across workers.
 */
const T0 = Date.parse('2025-01-27T14:00:00Z');
const HOUR = 3_600_000;
const WINDOW = 48 * HOUR;

describe('StoryIndex (recent stories held by the articles worker)', () => {
  let db: TestDb;
  let prisma: PrismaService;
  let repo: ArticlesRepository;
  let n = 0;

  function item(title: string, publishedAt: number): ScoredItem {
    n += 1;
    const url = `https://news.example.test/story/${n}`;
    return {
      guid: `g-${n}`,
      url,
      canonicalUrl: url,
      title,
      summary: title,
      source: 'wire',
      language: 'en',
      publishedAt: new Date(publishedAt),
      fetchedAt: new Date(publishedAt),
      contentHash: `hash-${n}`,
      sentiment: 0,
      label: 'neutral',
      storyKey: storyKey(title),
      // Every other item has a score, so both ways of setting the story are used (with and without scores).
      targets: n % 2 ? [{ targetType: 'ticker', target: 'NVDA', relevance: 1, score: 0, label: 'neutral', label5: null, viaKeyword: null }] : [],
    };
  }

  /** Stores a batch through `index`, recording what it read; returns the story id of each item. */
  async function store(index: StoryIndex, items: ScoredItem[], reads: string[] = []): Promise<number[]> {
    const source = {
      prepare: index.prepare.bind(index),
      plan: (since: Date) => {
        const r = index.plan(since);
        reads.push(r.kind);
        return r;
      },
      open: index.open.bind(index),
      committed: index.committed.bind(index),
      exclusive: index.exclusive.bind(index),
      missed: index.missed.bind(index),
    };
    const res = await repo.storeBatch(null, items, { modelVersion: 'm1', thresholds: {}, stories: source, storyWindowMs: WINDOW });
    // What the batch says it stored is what the database holds.
    const rows = await db.query<{ id: number; story_id: number }>('SELECT id, story_id FROM articles WHERE id = ANY($1::int[]) ORDER BY id', [res.created.map((a) => a.id)]);
    expect(rows.map((r) => [r.id, r.story_id])).toEqual(res.created.map((a) => [a.id, a.storyId]).sort((x, y) => x[0]! - y[0]!));
    return res.created.map((a) => a.storyId!);
  }

  let dropDb: () => Promise<void>;

  beforeAll(async () => {
    ({ db, prisma, drop: dropDb } = await createPrismaDatabase());
    repo = new ArticlesRepository(prisma);
  });
  afterAll(async () => {
    await dropDb();
  });
  beforeEach(async () => {
    await db.query('TRUNCATE articles, stories RESTART IDENTITY CASCADE');
  });

  it('loads the recent stories once, then catches up and groups across batches', async () => {
    const index = new StoryIndex();
    const reads: string[] = [];
    const [s1, s2] = await store(index, [item('Nvidia shares plunge 17% as DeepSeek rattles AI trade', T0), item('Apple opens a new store in Tokyo', T0)], reads);
    expect(s1).not.toBe(s2);
    const [again, other] = await store(index, [item('Nvidia shares plunge 17% as DeepSeek rattles the AI trade', T0 + HOUR), item('Broadcom unveils new networking chip', T0 + HOUR)], reads);
    expect(again).toBe(s1);
    expect(other).not.toBe(s1);
    expect(reads).toEqual(['recent', 'after']);
    const [row] = await db.query<{ article_count: number; last_seen_at: Date }>('SELECT article_count, last_seen_at FROM stories WHERE id = $1', [s1]);
    expect(row.article_count).toBe(2);
    expect(new Date(row.last_seen_at).getTime()).toBe(T0 + HOUR);
  });

  it('groups the same news from two feeds stored at the same moment, in one worker or two', async () => {
    for (const indexes of [[new StoryIndex()], [new StoryIndex(), new StoryIndex()]]) {
      await db.query('TRUNCATE articles, stories RESTART IDENTITY CASCADE');
      await store(indexes[0], [item('Apple opens a new store in Tokyo', T0)]); // both indexes load before the race
      if (indexes[1]) await store(indexes[1], [item('Oracle wins a cloud contract', T0)]);
      const title = 'Nvidia sheds nearly $600 billion in value, a record one-day loss';
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => store(indexes[i % indexes.length], [item(title, T0 + i * 60_000)])));
      expect(new Set(results.map(([id]) => id)).size).toBe(1);
      const [row] = await db.query<{ article_count: number }>('SELECT article_count FROM stories WHERE id = $1', [results[0][0]]);
      expect(row.article_count).toBe(4);
    }
  });

  it("finds another worker's new stories by catching up", async () => {
    const mine = new StoryIndex();
    const theirs = new StoryIndex();
    await store(mine, [item('Apple opens a new store in Tokyo', T0)]);
    const [theirStory] = await store(theirs, [item('Microsoft raises its dividend by 10%', T0 + HOUR)]);
    const reads: string[] = [];
    const [grouped] = await store(mine, [item('Microsoft raises dividend by 10%', T0 + 2 * HOUR)], reads);
    expect(reads).toEqual(['after']);
    expect(grouped).toBe(theirStory);
  });

  it('stores in one round trip while its held stories are current, and reads first after another worker created one', async () => {
    // Counts the two ways a batch is stored: one script (BEGIN, lock, write, COMMIT), or a transaction that reads the stories first.
    const calls = { oneTrip: 0, readFirst: 0 };
    const script = prisma.transactionScript.bind(prisma);
    const transaction = prisma.transaction.bind(prisma);
    Object.assign(prisma, {
      transactionScript: (text: string) => (calls.oneTrip++, script(text)),
      transaction: (...args: Parameters<PrismaService['transaction']>) => (calls.readFirst++, transaction(...args)),
    });
    const counted = async (f: () => Promise<unknown>) => {
      calls.oneTrip = calls.readFirst = 0;
      await f();
      return [calls.oneTrip, calls.readFirst];
    };
    try {
      let now = T0;
      const mine = new StoryIndex();
      mine.now = () => now;
      const theirs = new StoryIndex();
      expect(await counted(() => store(mine, [item('Apple opens a new store in Tokyo', T0)]))).toEqual([0, 1]); // the first load reads
      expect(await counted(() => store(mine, [item('Nvidia unveils its Blackwell Ultra chip', T0 + HOUR)]))).toEqual([1, 0]);
      let theirStory = 0;
      await counted(async () => ([theirStory] = await store(theirs, [item('Microsoft raises its dividend by 10%', T0 + HOUR)])));
      let grouped = 0;
      // A story it does not hold exists: the one-trip attempt writes nothing, and the batch reads it and joins it.
      expect(await counted(async () => ([grouped] = await store(mine, [item('Microsoft raises dividend by 10%', T0 + 2 * HOUR)])))).toEqual([1, 1]);
      expect(grouped).toBe(theirStory);
      // Another worker is creating stories: for a while, batches read first instead of trying.
      expect(await counted(() => store(mine, [item('Oracle wins a cloud contract', T0 + 3 * HOUR)]))).toEqual([0, 1]);
      now += ONE_TRIP_PAUSE_MS;
      expect(await counted(() => store(mine, [item('Tesla recalls two million cars', T0 + 3 * HOUR)]))).toEqual([1, 0]); // and then try again
      const [{ articles, stories }] = await db.query<{ articles: number; stories: number }>(
        'SELECT (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM stories) AS stories',
      );
      expect([articles, stories]).toEqual([6, 5]); // the attempt that found the story wrote nothing
    } finally {
      delete (prisma as Partial<Record<'transactionScript' | 'transaction', unknown>>).transactionScript;
      delete (prisma as Partial<Record<'transactionScript' | 'transaction', unknown>>).transaction;
    }
  });

  it('keeps the 48-hour window: a story last seen earlier is not joined, and a later sighting extends it', async () => {
    const index = new StoryIndex();
    const [first] = await store(index, [item('Intel names a new chief executive', T0)]);
    const [extended] = await store(index, [item('Intel names new chief executive', T0 + 40 * HOUR)]);
    expect(extended).toBe(first);
    // 60 h after the first article, but 20 h after the story was last seen: still the same story.
    const [stillSame] = await store(index, [item('Intel names its new chief executive', T0 + 60 * HOUR)]);
    expect(stillSame).toBe(first);
    // More than 48 h after the last sighting: a new story.
    const [fresh] = await store(index, [item('Intel names a new chief executive officer', T0 + 110 * HOUR)]);
    expect(fresh).not.toBe(first);
  });

  it('loads again for older news than it holds, and after its reload period', async () => {
    let now = T0;
    const index = new StoryIndex();
    index.now = () => now;
    const reads: string[] = [];
    const [late] = await store(index, [item('Tesla recalls two million cars', T0 + 10 * HOUR)], reads);
    // A backfill of older news: the held stories do not cover its window, so it reads them all.
    // As before, the window looks back from the item: a story last seen later is still joined.
    const [old] = await store(index, [item('Tesla recalls 2 million cars', T0 - 100 * HOUR)], reads);
    expect(old).toBe(late);
    now += STORY_RELOAD_AFTER_MS + 1;
    await store(index, [item('Oracle wins a cloud contract', T0 + 11 * HOUR)], reads);
    expect(reads).toEqual(['recent', 'recent', 'recent']);
  });

  it('groups as a fresh read of every recent story would, over many batches out of time order', async () => {
    const subjects = ['Nvidia', 'Apple', 'Broadcom', 'Tesla', 'Oracle', 'Meta', 'Intel', 'AMD'];
    const verbs = ['shares plunge', 'stock rallies', 'wins a contract', 'cuts guidance', 'beats estimates'];
    const batches = Array.from({ length: 15 }, (_, b) =>
      Array.from({ length: 6 }, (_, i) => {
        const k = (b * 7 + i * 3) % (subjects.length * verbs.length);
        const t = T0 + (((b * 13 + i * 5) % 40) - 10) * 6 * HOUR; // spread over ten days, not in order
        return { title: `${subjects[k % subjects.length]} ${verbs[(k >> 3) % verbs.length]}${b % 4 === 0 ? ' after report' : ''}`, t };
      }),
    );
    /** Which earlier item's story each item joined (-1: a new story), whatever the ids. */
    async function partition(indexFor: () => StoryIndex): Promise<number[]> {
      await db.query('TRUNCATE articles, stories RESTART IDENTITY CASCADE');
      const firstItemOf = new Map<number, number>();
      const out: number[] = [];
      for (const batch of batches) {
        const ids = await store(indexFor(), batch.map((x) => item(x.title, x.t)));
        for (const id of ids) {
          out.push(firstItemOf.get(id) ?? -1);
          if (!firstItemOf.has(id)) firstItemOf.set(id, out.length - 1);
        }
      }
      return out;
    }
    const held = new StoryIndex();
    const withHeld = await partition(() => held);
    const withFreshReads = await partition(() => new StoryIndex());
    expect(withHeld).toEqual(withFreshReads);
    expect(withHeld.filter((x) => x >= 0).length).toBeGreaterThan(10); // the sequence does group
    expect(withHeld.filter((x) => x < 0).length).toBeGreaterThan(10); // and starts stories
  });
});
