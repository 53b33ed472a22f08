import { Injectable } from '@nestjs/common';
import { executeParams, PrismaService, type PreparedStatement } from '../prisma.service';
import type { Article, ArticleScore, Prisma } from '../generated/prisma/client';
import { page, type Page } from './pagination';

export interface ScoredTarget {
  targetType: 'ticker' | 'keyword';
  target: string;
  relevance: number;
  score: number;
  label: string;
  label5: string | null;
  viaKeyword: string | null;
}

export interface ScoredItem {
  guid: string | null;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  summary: string;
  source: string | null;
  language: string | null;
  publishedAt: Date;
  fetchedAt: Date;
  contentHash: string;
  sentiment: number;
  label: string;
  storyKey: string;
  targets: ScoredTarget[];
}

/**
 * Story grouping of one batch: `match` finds an item's story among the known ones, `add` makes a
 * new one known (in front), under a provisional negative id until the batch writes it.
 */
export interface StoryGrouping {
  match(item: ScoredItem): number | null;
  add(story: { id: number; titleKey: string }): void;
}

export interface StoryRow {
  id: number;
  titleKey: string;
  lastSeenAt: Date;
}

/** What a batch reads of the stories table: the recent ones (a full load), or those after an id (a catch-up). */
/** `oneTrip`: the source believes it holds every story up to `afterId`, so the batch may try one round trip (see `storeBatch`). */
export type StoryRead = { kind: 'recent'; since: Date; limit: number } | { kind: 'after'; afterId: number; limit: number; oneTrip?: boolean };

/**
 * Where a batch's story grouping comes from. `storeBatch` reads what `plan` asks for inside its
 * transaction, groups through `open`, and reports the stories it created or extended to
 * `committed` once the transaction has committed. `prepare`, when there, does the costly part of
 * matching ahead, before the story lock is taken; `open` gets what it returned.
 */
export interface StorySource {
  prepare?(storyKeys: string[]): unknown;
  plan(since: Date): StoryRead;
  open(read: StoryRead, rows: StoryRow[], since: Date, prepared?: unknown): StoryGrouping;
  /** `through`: every story up to this id is now held (the next catch-up may start there). */
  committed(created: StoryRow[], extended: { id: number; lastSeenAt: Date }[], through?: number): void;
  /**
   * Runs this worker's batches one at a time, from `plan` to `committed`. A source that has it is
   * up to date when a batch starts (the batches before it have told it what they created), so a
   * batch may group against what it holds and be written in one round trip (see `storeBatch`).
   */
  exclusive?<T>(fn: () => Promise<T>): Promise<T>;
  /** A one-trip attempt found a story the source did not hold (another worker's): it wrote nothing. */
  missed?(): void;
}

/** What the write statement answers, one row per article, score and story written (or `stale`). */
interface WriteRow {
  kind: 'article' | 'score' | 'story' | 'stale';
  id: number;
  ref: number | null;
  hash: string | null;
  targetType: string | null;
  target: string | null;
  at: Date;
}

/** A batch written: what `storeBatch` returns, and the stories to report to the source. */
interface Grouped {
  batch: StoredBatch;
  createdStories: StoryRow[];
  extended: { id: number; lastSeenAt: Date }[];
}

/** A batch's write statement, grouped against one read of the stories, and how to read its answer. */
interface BatchWrite {
  /** `STORE_BATCH`'s parameters. */
  values: unknown[];
  finish(back: WriteRow[]): Grouped;
}

/**
 * A batch's one write statement: ids for the new stories, the articles with their stories, their
 * scores, the new stories that got at least one article (the first one written leads), and the
 * known ones extended. Foreign keys are checked at the end of the statement, when the stories its
 * articles name exist. With `$9` (an id), nothing is written unless no story above that id exists
 * (under the lock): the statement then answers one `stale` row only. Prepared once per connection.
 *
 * $1 feed id, $2 the articles (JSON rows), $3 model version, $4 scored at, $5 thresholds, $6 the
 * scores (JSON rows), $7 how many new stories, $8 their title keys, $9 the guard's id, $10 the
 * known stories the batch extends.
 */
const STORE_BATCH: PreparedStatement = {
  name: 'seismo_store_batch',
  text: `WITH guard AS (
       SELECT $9::int IS NULL OR COALESCE((SELECT max("id") FROM "stories"), 0) <= $9::int AS ok
     ), x AS (
       SELECT * FROM json_to_recordset($2::json) AS x("guid" text, "url" text, "canonical_url" text, "title" text, "summary" text, "source" text,
                                                   "language" text, "published_at" timestamp(3), "fetched_at" timestamp(3), "content_hash" text,
                                                   "sentiment" float8, "label" text, "st" int, "ns" int)
        WHERE (SELECT ok FROM guard)
     ), fresh AS (
       SELECT n, nextval(pg_get_serial_sequence('stories', 'id'))::int AS id
         FROM generate_series(1, CASE WHEN (SELECT ok FROM guard) THEN $7::int ELSE 0 END) AS n
     ), ins AS (
       INSERT INTO "articles" ("feed_id", "guid", "url", "canonical_url", "title", "summary", "source", "language",
                               "published_at", "fetched_at", "content_hash", "sentiment", "label", "model_version", "scored_at", "story_id")
       SELECT $1::int, x."guid", x."url", x."canonical_url", x."title", x."summary", x."source", x."language", x."published_at", x."fetched_at",
              x."content_hash", x."sentiment", x."label", $3::text, $4::timestamp(3), COALESCE(x."st", fresh."id")
         FROM x LEFT JOIN fresh ON fresh.n = x."ns"
       ON CONFLICT DO NOTHING
       RETURNING "id", "content_hash", "published_at", "story_id", "created_at"
     ), scores AS (
       INSERT INTO "article_scores" ("article_id", "target_type", "target", "relevance", "score", "label", "label5", "via_keyword",
                                     "published_at", "model_version", "thresholds")
       SELECT ins."id", v.tt, v.tg, v.rel, v.sc, v.lb, v.l5, v.vk, ins."published_at", $3::text, $5::jsonb
         FROM json_to_recordset($6::json) AS v(h text, tt text, tg text, rel float8, sc float8, lb text, l5 text, vk text)
         JOIN ins ON ins."content_hash" = v.h
       ON CONFLICT DO NOTHING
       RETURNING "id", "article_id", "target_type", "target", "created_at"
     ), per_story AS (
       SELECT "story_id", min("id") AS lead, count(*)::int AS n, max("published_at") AS last FROM ins GROUP BY "story_id"
     ), new_stories AS (
       INSERT INTO "stories" ("id", "title_key", "lead_article_id", "first_seen_at", "last_seen_at", "article_count")
       SELECT fresh."id", k."key", p.lead, l."published_at", p.last, p.n
         FROM fresh JOIN per_story p ON p."story_id" = fresh."id" JOIN ins l ON l."id" = p.lead
         JOIN unnest($8::text[]) WITH ORDINALITY AS k("key", n) ON k.n = fresh.n
       RETURNING "id", "last_seen_at"
     ), extended AS (
       UPDATE "stories" AS s SET "article_count" = s."article_count" + p.n, "last_seen_at" = GREATEST(s."last_seen_at", p.last)
         FROM per_story p WHERE s."id" = p."story_id" AND s."id" = ANY($10::int[])
       RETURNING s."id", s."last_seen_at"
     )
     SELECT 'article' AS "kind", "id", "story_id" AS "ref", "content_hash" AS "hash", NULL::text AS "targetType", NULL::text AS "target", "created_at" AS "at" FROM ins
     UNION ALL
     SELECT 'score', "id", "article_id", NULL, "target_type", "target", "created_at" FROM scores
     UNION ALL
     SELECT 'story', "id", NULL, 'new', NULL, NULL, "last_seen_at" FROM new_stories
     UNION ALL
     SELECT 'story', "id", NULL, NULL, NULL, NULL, "last_seen_at" FROM extended
     UNION ALL
     SELECT 'stale', 0, NULL, NULL, NULL, NULL, NULL FROM guard WHERE NOT ok`,
};

/** Advisory lock (per database) held while a batch groups its articles into stories. */
const STORY_GROUPING_LOCK = 0x5e15_0001;

const STORY_COLUMNS = `"id", "title_key" AS "titleKey", "last_seen_at" AS "lastSeenAt"`;

/** The stories read a plan asks for, as one statement with its values inlined (they are a timestamp and integers made here). */
function storiesQuery(read: StoryRead): string {
  const int = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new Error(`story read: ${n} is not an integer`);
    return String(n);
  };
  return read.kind === 'recent'
    ? `SELECT ${STORY_COLUMNS} FROM "stories" WHERE "last_seen_at" >= '${read.since.toISOString()}'::timestamp(3) ORDER BY "id" DESC LIMIT ${int(read.limit)}`
    : `SELECT ${STORY_COLUMNS} FROM "stories" WHERE "id" > ${int(read.afterId)} ORDER BY "id" LIMIT ${int(read.limit)}`;
}

export type ArticleWithScores = Article & { scores: ArticleScore[] };

/** A stored article, with when its story was last seen after this batch (the latest publication of any of its articles). */
export type StoredArticle = ArticleWithScores & { storyLastSeenAt: Date | null };

export interface StoredBatch {
  created: StoredArticle[];
  duplicates: number;
}

export interface Observation {
  articleId: number;
  storyId: number | null;
  publishedAt: Date;
  score: number;
  relevance: number;
  title: string;
  source: string | null;
  url: string | null;
}

@Injectable()
export class ArticlesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores a scored batch in one transaction: articles (duplicates by content hash, canonical URL
   * or feed GUID skipped by the unique constraints), their per-target scores, and story grouping.
   *
   * One round trip when the story source holds every story up to the newest (`exclusive`, and
   * nothing created by another worker since): `BEGIN`, the story lock, one statement that writes
   * everything, `COMMIT`, as one script; the statement writes nothing if a story it did not know
   * of exists, and the batch goes the other way. Otherwise two: `BEGIN` with the lock and the read
   * of the new stories; the write with the `COMMIT`. Stories are decided before the articles are
   * written, so each article is inserted with its story: setting it afterwards was an UPDATE of
   * every new row, a new version of it in each of the table's six indexes, about a fifth of
   * Postgres's work per article.
   */
  async storeBatch(
    feedId: number | null,
    items: ScoredItem[],
    opts: { modelVersion: string; thresholds: Record<string, number>; stories: StorySource; storyWindowMs: number },
  ): Promise<StoredBatch> {
    if (!items.length) return { created: [], duplicates: 0 };
    // Raw multi-row statements on the pool: one round trip per statement and no per-row work in
    // the Prisma client, which the pipeline's profile showed as its largest cost.
    const byHash = new Map(items.map((i) => [i.contentHash, i]));
    const unique = [...byHash.values()];
    let earliest = Infinity;
    for (const i of unique) earliest = Math.min(earliest, i.publishedAt.getTime());
    const since = new Date(earliest - opts.storyWindowMs);
    // Story grouping is serialized across concurrent batches, in this worker and in others, until
    // they commit: a batch that holds the lock sees every story the batches before it created.
    // Without it, the same news from two feeds fetched at the same moment made two stories.
    // Everything from the lock to the commit keeps the other batches waiting: the costly part of
    // matching is done before (`prepare`).
    const prepared = opts.stories.prepare?.(unique.map((i) => i.storyKey));
    // The batch's grouping and its one write statement, for a read of the stories (`rows`).
    const build = (read: StoryRead, rows: StoryRow[], guardAfter: number | null): BatchWrite => {
      const scoredAt = new Date();
      // Group in memory: an item joins a story of this batch (a provisional negative id) or a
      // known one, or starts a story. Duplicates are grouped too; only the articles the insert
      // writes count, so a story none of whose articles is new is never written.
      const grouping = opts.stories.open(read, rows, since, prepared);
      const fresh: string[] = [];
      const storyOf = new Map<string, number>();
      // The known stories the batch extends, by id: the update probes the primary key for them
      // instead of joining the whole table (the planner cannot tell how few they are).
      const known = new Set<number>();
      for (const item of unique) {
        let storyId = grouping.match(item);
        if (storyId === null) {
          fresh.push(item.storyKey);
          storyId = -fresh.length;
          grouping.add({ id: storyId, titleKey: item.storyKey });
        } else if (storyId > 0) known.add(storyId);
        storyOf.set(item.contentHash, storyId);
      }
      // Rows go as JSON (one native stringify) rather than as one array parameter per column: pg
      // serializes arrays in JavaScript, escaping and copying every string, and that was a tenth of
      // all the worker allocated. A row names its story (`st`, known) or its new story (`ns`, 1-based).
      const articleRows = JSON.stringify(
        items.map((i) => {
          const s = storyOf.get(i.contentHash)!;
          return {
            guid: i.guid,
            url: i.url,
            canonical_url: i.canonicalUrl,
            title: i.title,
            summary: i.summary,
            source: i.source,
            language: i.language,
            published_at: i.publishedAt.toISOString(),
            fetched_at: i.fetchedAt.toISOString(),
            content_hash: i.contentHash,
            sentiment: Number.isFinite(i.sentiment) ? i.sentiment : null,
            label: i.label,
            st: s > 0 ? s : null,
            ns: s < 0 ? -s : null,
          };
        }),
      );
      const scoreRows: { hash: string; t: ScoredTarget }[] = [];
      for (const i of unique) for (const t of i.targets) scoreRows.push({ hash: i.contentHash, t });
      const scoreJson = JSON.stringify(
        scoreRows.map((s) => ({ h: s.hash, tt: s.t.targetType, tg: s.t.target, rel: s.t.relevance, sc: s.t.score, lb: s.t.label, l5: s.t.label5, vk: s.t.viaKeyword })),
      );
      // `STORE_BATCH`'s parameters. With `guardAfter`, nothing is written unless no story above
      // that id exists (under the lock).
      const values = [feedId, articleRows, opts.modelVersion, scoredAt.toISOString(), JSON.stringify(opts.thresholds), scoreJson, fresh.length, fresh, guardAfter, [...known]];
      // Only keys come back; the rows are what was written (text columns are not read back).
      const finish = (back: WriteRow[]): Grouped => {
        const created: (Article & { storyId: number })[] = [];
        const storedScores: WriteRow[] = [];
        const createdStories: StoryRow[] = [];
        const extended: { id: number; lastSeenAt: Date }[] = [];
        const lastSeen = new Map<number, Date>();
        const newStories = new Set<number>();
        for (const r of back) {
          if (r.kind === 'score') storedScores.push(r);
          else if (r.kind === 'story') {
            lastSeen.set(r.id, r.at);
            if (r.hash === 'new') newStories.add(r.id);
            else extended.push({ id: r.id, lastSeenAt: r.at });
          } else if (r.kind === 'article') {
            const i = byHash.get(r.hash!)!;
            created.push({
              id: r.id,
              feedId,
              guid: i.guid,
              url: i.url,
              canonicalUrl: i.canonicalUrl,
              title: i.title,
              summary: i.summary,
              source: i.source,
              language: i.language,
              publishedAt: new Date(i.publishedAt.getTime()),
              fetchedAt: i.fetchedAt,
              contentHash: i.contentHash,
              storyId: r.ref!,
              sentiment: Number.isFinite(i.sentiment) ? i.sentiment : null,
              label: i.label,
              modelVersion: opts.modelVersion,
              scoredAt,
              createdAt: r.at,
            });
          }
        }
        // In the order the items came (RETURNING promises none); stories in id order.
        const order = new Map(items.map((i, k) => [i.contentHash, k]));
        created.sort((a, b) => order.get(a.contentHash)! - order.get(b.contentHash)!);
        extended.sort((a, b) => a.id - b.id);
        // A new story's key is its provisional one's (any of its articles names it).
        const keyOf = new Map<number, string>();
        for (const a of created) if (newStories.has(a.storyId) && !keyOf.has(a.storyId)) keyOf.set(a.storyId, fresh[-storyOf.get(a.contentHash)! - 1]);
        for (const id of [...newStories].sort((a, b) => a - b)) createdStories.push({ id, titleKey: keyOf.get(id)!, lastSeenAt: lastSeen.get(id)! });
        const written = new Map(scoreRows.map((s) => [`${s.hash}|${s.t.targetType}|${s.t.target}`, s]));
        const hashOf = new Map(created.map((a) => [a.id, a.contentHash]));
        const thresholds = opts.thresholds as Prisma.JsonValue;
        const scoresOf = new Map<number, ArticleScore[]>();
        for (const r of storedScores) {
          const articleId = r.ref!;
          const w = written.get(`${hashOf.get(articleId)}|${r.targetType}|${r.target}`)!;
          const score: ArticleScore = {
            id: r.id,
            articleId,
            targetType: r.targetType!,
            target: r.target!,
            relevance: w.t.relevance,
            score: w.t.score,
            label: w.t.label,
            label5: w.t.label5,
            viaKeyword: w.t.viaKeyword,
            modelVersion: opts.modelVersion,
            thresholds,
            publishedAt: new Date(byHash.get(w.hash)!.publishedAt.getTime()),
            createdAt: r.at,
          } as ArticleScore;
          const list = scoresOf.get(articleId);
          if (list) list.push(score);
          else scoresOf.set(articleId, [score]);
        }
        for (const list of scoresOf.values()) list.sort((a, b) => a.id - b.id);
        return {
          batch: {
            created: created.map((a) => ({ ...a, scores: scoresOf.get(a.id) ?? [], storyLastSeenAt: lastSeen.get(a.storyId) ?? null })),
            duplicates: items.length - created.length,
          },
          createdStories,
          extended,
        };
      };
      return { values, finish };
    };
    const store = async (): Promise<StoredBatch> => {
      const read = opts.stories.plan(since);
      // Optimistic, when the held stories are all there is up to an id and this worker's batches
      // take their turn (`exclusive`): grouped against them alone, the batch goes in one round trip
      // (`BEGIN`, the lock, the write, `COMMIT`). Its statement writes nothing if another worker
      // created a story meanwhile; the batch then takes the lock-and-read way below.
      if (read.kind === 'after' && read.oneTrip && opts.stories.exclusive) {
        const w = build(read, [], read.afterId);
        const [, back] = (await this.prisma.transactionScript(`SELECT pg_advisory_xact_lock(${STORY_GROUPING_LOCK}); ${executeParams(STORE_BATCH, w.values)}`, [STORE_BATCH])) as [unknown, WriteRow[]];
        if (!back.some((r) => r.kind === 'stale')) return this.committed(opts.stories, w.finish(back), true);
        opts.stories.missed?.();
      }
      // Lock-and-read: the lock and the read of the stories go with the BEGIN (each statement of a
      // script has its own snapshot, so the read sees what the lock waited for); the write goes
      // with the COMMIT.
      let complete = false;
      const grouped = await this.prisma.transaction(async (sql, [, rows]) => {
        const found = rows as StoryRow[];
        // Every story the grouping could need was read (a full load sees all of the window; stories
        // outside it are never matched, and an older window loads again).
        complete = found.length < read.limit;
        const w = build(read, found, null);
        return w.finish(await sql.commit<WriteRow>(STORE_BATCH, w.values));
      }, `SELECT pg_advisory_xact_lock(${STORY_GROUPING_LOCK}); ${storiesQuery(read)}`, [STORE_BATCH]);
      return this.committed(opts.stories, grouped, complete);
    };
    return opts.stories.exclusive ? opts.stories.exclusive(store) : store();
  }

  /**
   * Tells the story source what a committed batch created and extended. `complete`: every story
   * up to the highest one created is now held (the batch saw them all under the lock), so the
   * next catch-up starts there.
   */
  private committed(stories: StorySource, g: Grouped, complete: boolean): StoredBatch {
    const through = complete && g.createdStories.length ? Math.max(...g.createdStories.map((r) => r.id)) : undefined;
    if (g.createdStories.length || g.extended.length) stories.committed(g.createdStories, g.extended, through);
    return g.batch;
  }

  /** Stored articles by content hash, with their scores and when their story was last seen (a retried batch's own articles). */
  async storedByHashes(hashes: string[]): Promise<StoredArticle[]> {
    if (!hashes.length) return [];
    const rows = await this.prisma.article.findMany({
      where: { contentHash: { in: hashes } },
      include: { scores: { orderBy: { id: 'asc' } }, story: { select: { lastSeenAt: true } } },
      orderBy: { id: 'asc' },
    });
    return rows.map(({ story, ...a }) => ({ ...a, storyLastSeenAt: story?.lastSeenAt ?? null }));
  }

  async list(q: { symbol?: string; keyword?: string; from?: Date; to?: Date; limit: number; beforeId: number | null }): Promise<Page<ArticleWithScores>> {
    const scoreFilter: Prisma.ArticleScoreWhereInput[] = [];
    if (q.symbol) scoreFilter.push({ targetType: 'ticker', target: q.symbol });
    if (q.keyword) scoreFilter.push({ targetType: 'keyword', target: { equals: q.keyword, mode: 'insensitive' } });
    const where: Prisma.ArticleWhereInput = {
      ...(q.beforeId ? { id: { lt: q.beforeId } } : {}),
      ...(q.from || q.to ? { publishedAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
      ...(scoreFilter.length ? { AND: scoreFilter.map((s) => ({ scores: { some: s } })) } : {}),
    };
    const rows = await this.prisma.article.findMany({ where, orderBy: { id: 'desc' }, take: q.limit + 1, include: { scores: true } });
    return page(rows, q.limit);
  }

  findMany(ids: number[]): Promise<Article[]> {
    return this.prisma.article.findMany({ where: { id: { in: ids } } });
  }

  count(): Promise<number> {
    return this.prisma.article.count();
  }

  /** Scored mentions of one target in [from, to], oldest first, for the signal windows. */
  /** Which of these content hashes are stored already. */
  async knownHashes(hashes: string[]): Promise<Set<string>> {
    if (!hashes.length) return new Set();
    const rows = await this.prisma.sql<{ h: string }>(`SELECT "content_hash" AS h FROM "articles" WHERE "content_hash" = ANY($1::text[])`, [hashes]);
    return new Set(rows.map((r) => r.h));
  }

  /**
   * Observations of several targets in one round trip, for in-memory windows. A target with
   * `sinceTx` null is loaded from `from` on (published time); one with `sinceTx` gets the rows of
   * transactions at or after that watermark (a catch-up), still only from `from` on.
   *
   * `watermark` is the oldest transaction still running in the snapshot the rows were read in
   * (the lowest, when two statements read): each statement reports its own, so no separate read
   * has to come first. Every score row of a transaction below it was committed and read, or
   * rolled back; the next catch-up starts there.
   */
  async observationsOf(
    targets: { targetType: string; target: string; from: Date; sinceTx: bigint | null }[],
  ): Promise<{ rows: (Observation & { targetType: string; target: string })[]; watermark: bigint | null }> {
    if (!targets.length) return { rows: [], watermark: null };
    const full = targets.filter((t) => t.sinceTx === null);
    const incremental = targets.filter((t) => t.sinceTx !== null);
    const select = `SELECT s.target_type AS "targetType", s.target, s.article_id AS "articleId", s.published_at AS "publishedAt",
                           s.score, s.relevance, a.title, a.source, a.url, a.story_id AS "storyId"`;
    // The snapshot's xmin, and the rows joined to it (one row of nulls when there are none).
    const withXmin = (query: string) =>
      `SELECT x.xmin, o.* FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin) AS x LEFT JOIN LATERAL (${query}) AS o ON true`;
    type Row = Observation & { targetType: string; target: string; xmin: string };
    const queries: Promise<Row[]>[] = [];
    // Two statements so that each uses its own index: (target, published_at) for loads, (target, tx) for catch-ups.
    if (full.length) {
      queries.push(
        this.prisma.read(
          withXmin(`${select} FROM unnest($1::text[], $2::text[], $3::timestamp[]) AS w(tt, tg, since)
             JOIN article_scores s ON s.target_type = w.tt AND s.target = w.tg AND s.published_at >= w.since
             JOIN articles a ON a.id = s.article_id`),
          [full.map((t) => t.targetType), full.map((t) => t.target), full.map((t) => t.from.toISOString())],
        ),
      );
    }
    if (incremental.length) {
      queries.push(
        this.prisma.read(
          withXmin(`${select} FROM unnest($1::text[], $2::text[], $3::timestamp[], $4::bigint[]) AS w(tt, tg, since, tx)
             JOIN article_scores s ON s.target_type = w.tt AND s.target = w.tg AND s.tx >= w.tx AND s.published_at >= w.since
             JOIN articles a ON a.id = s.article_id`),
          [incremental.map((t) => t.targetType), incremental.map((t) => t.target), incremental.map((t) => t.from.toISOString()), incremental.map((t) => t.sinceTx!.toString())],
        ),
      );
    }
    const rows: (Observation & { targetType: string; target: string })[] = [];
    let watermark: bigint | null = null;
    for (const result of await Promise.all(queries)) {
      for (const r of result) {
        const xmin = BigInt(r.xmin);
        if (watermark === null || xmin < watermark) watermark = xmin;
        // (The row keeps its `xmin` field: the cache copies what it needs, and a copy per row costs.)
        if (r.articleId !== null) rows.push(r);
      }
    }
    return { rows, watermark };
  }

  /** Sources of a story (for a `breaking` alert that lists them). */
  async storySources(storyId: number): Promise<{ id: number; title: string; source: string | null; url: string | null; publishedAt: Date }[]> {
    return this.prisma.article.findMany({ where: { storyId }, orderBy: { publishedAt: 'asc' }, select: { id: true, title: true, source: true, url: true, publishedAt: true }, take: 50 });
  }

  async sentimentSeries(targetType: 'ticker' | 'keyword', target: string, from: Date, to: Date, bucketSeconds: number) {
    return this.prisma.$queryRawUnsafe<{ time: Date; mean: number; weighted: number; count: bigint }[]>(
      `SELECT date_bin(make_interval(secs => $4), published_at, TIMESTAMP '2000-01-01') AS time,
              avg(score)::float8 AS mean,
              (sum(score * relevance) / NULLIF(sum(relevance), 0))::float8 AS weighted,
              count(*) AS count
         FROM article_scores
        WHERE target_type = $1 AND target = $2 AND published_at >= $3::timestamp AND published_at <= $5::timestamp
        GROUP BY 1 ORDER BY 1`,
      targetType,
      target,
      from,
      bucketSeconds,
      to,
    );
  }
}
