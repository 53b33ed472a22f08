import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
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
export type StoryRead = { kind: 'recent'; since: Date; limit: number } | { kind: 'after'; afterId: number; limit: number };

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
  committed(created: StoryRow[], extended: { id: number; lastSeenAt: Date }[]): void;
}

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
   */
  async storeBatch(
    feedId: number | null,
    items: ScoredItem[],
    opts: { modelVersion: string; thresholds: Record<string, number>; stories: StorySource; storyWindowMs: number },
  ): Promise<StoredBatch> {
    if (!items.length) return { created: [], duplicates: 0 };
    // Raw multi-row statements (unnest of one array per column) on the pool: one round trip per
    // statement and no per-row work in the Prisma client, which the pipeline's profile showed as
    // its largest cost.
    // Stories the transaction created and extended, for `stories.committed` once it has committed.
    const createdStories: StoryRow[] = [];
    const extended: { id: number; lastSeenAt: Date }[] = [];
    const result = await this.prisma.transaction(async (sql) => {
      const scoredAt = new Date();
      // The articles and their scores, in one statement before the story lock (scores need only
      // the new articles' ids, which the insert returns; a score row names its article by content
      // hash until then). Both kinds of rows come back.
      const byHash = new Map(items.map((i) => [i.contentHash, i]));
      const scoreRows: { hash: string; t: ScoredTarget }[] = [];
      for (const i of byHash.values()) for (const t of i.targets) scoreRows.push({ hash: i.contentHash, t });
      // Rows go as JSON (one native stringify) rather than as one array parameter per column: pg
      // serializes arrays in JavaScript, escaping and copying every string, and that was a tenth of
      // all the worker allocated.
      const articleRows = JSON.stringify(
        items.map((i) => ({
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
        })),
      );
      const scoreJson = JSON.stringify(
        scoreRows.map((s) => ({ h: s.hash, tt: s.t.targetType, tg: s.t.target, rel: s.t.relevance, sc: s.t.score, lb: s.t.label, l5: s.t.label5, vk: s.t.viaKeyword })),
      );
      const inserting = sql<{ kind: 'article' | 'score'; id: number; ref: number | null; hash: string | null; targetType: string | null; target: string | null; createdAt: Date }>(
        `WITH ins AS (
           INSERT INTO "articles" ("feed_id", "guid", "url", "canonical_url", "title", "summary", "source", "language",
                                   "published_at", "fetched_at", "content_hash", "sentiment", "label", "model_version", "scored_at")
           SELECT $1::int, *, $3::text, $4::timestamp(3)
             FROM json_to_recordset($2::json) AS x("guid" text, "url" text, "canonical_url" text, "title" text, "summary" text, "source" text,
                                                   "language" text, "published_at" timestamp(3), "fetched_at" timestamp(3), "content_hash" text,
                                                   "sentiment" float8, "label" text)
           ON CONFLICT DO NOTHING
           RETURNING "id", "content_hash", "published_at", "created_at"
         ), scores AS (
           INSERT INTO "article_scores" ("article_id", "target_type", "target", "relevance", "score", "label", "label5", "via_keyword",
                                         "published_at", "model_version", "thresholds")
           SELECT ins."id", v.tt, v.tg, v.rel, v.sc, v.lb, v.l5, v.vk, ins."published_at", $3::text, $5::jsonb
             FROM json_to_recordset($6::json) AS v(h text, tt text, tg text, rel float8, sc float8, lb text, l5 text, vk text)
             JOIN ins ON ins."content_hash" = v.h
           ON CONFLICT DO NOTHING
           RETURNING "id", "article_id", "target_type", "target", "created_at"
         )
         SELECT 'article' AS "kind", "id", NULL::int AS "ref", "content_hash" AS "hash", NULL::text AS "targetType", NULL::text AS "target", "created_at" AS "createdAt" FROM ins
         UNION ALL
         SELECT 'score', "id", "article_id", NULL, "target_type", "target", "created_at" FROM scores`,
        [feedId, articleRows, opts.modelVersion, scoredAt.toISOString(), JSON.stringify(opts.thresholds), scoreJson],
      );
      // While Postgres inserts: the costly part of story matching, which then stays out of the lock.
      const prepared = opts.stories.prepare?.([...byHash.values()].map((i) => i.storyKey));
      const back = await inserting;
      // Only keys come back; the rows are what was written (text columns are not read back).
      const created: Article[] = [];
      const storedScores: typeof back = [];
      for (const r of back) {
        if (r.kind === 'score') {
          storedScores.push(r);
          continue;
        }
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
          storyId: null,
          sentiment: Number.isFinite(i.sentiment) ? i.sentiment : null,
          label: i.label,
          modelVersion: opts.modelVersion,
          scoredAt,
          createdAt: r.createdAt,
        });
      }
      if (!created.length) return { created: [], duplicates: items.length };
      const since = new Date(Math.min(...created.map((a) => a.publishedAt.getTime())) - opts.storyWindowMs);
      // Story grouping is serialized across concurrent batches, in this worker and in others, until
      // they commit: a batch that holds the lock sees every story the batches before it created.
      // Without it, the same news from two feeds fetched at the same moment made two stories. (Taken
      // with BEGIN it would save a round trip, but it would also serialize the articles inserts:
      // measured, the pipeline lost about 5 %.) Everything from here to the commit holds the lock
      // and keeps the other batches waiting, so it is kept short: two round trips (each also waits
      // for the worker's busy event loop). The lock and the stories read go together (each
      // statement of a script has its own snapshot, so the read sees what the lock waited for);
      // then one statement writes the stories.
      const read = opts.stories.plan(since);
      const [, rows] = (await sql.script(`SELECT pg_advisory_xact_lock(${STORY_GROUPING_LOCK}); ${storiesQuery(read)}`)) as [unknown[], StoryRow[]];
      // Group in memory (new stories get provisional negative ids), then write in one statement.
      const grouping = opts.stories.open(read, rows, since, prepared);
      const storyIds: number[] = [];
      const fresh: { titleKey: string; lead: number; first: Date; count: number; last: Date }[] = [];
      const touched = new Map<number, { count: number; last: Date }>();
      for (const a of created) {
        const item = byHash.get(a.contentHash)!;
        let storyId = grouping.match(item);
        if (storyId === null) {
          fresh.push({ titleKey: item.storyKey, lead: a.id, first: a.publishedAt, count: 1, last: a.publishedAt });
          storyId = -fresh.length;
          grouping.add({ id: storyId, titleKey: item.storyKey });
        } else if (storyId < 0) {
          const f = fresh[-storyId - 1];
          f.count += 1;
          if (a.publishedAt > f.last) f.last = a.publishedAt;
        } else {
          const t = touched.get(storyId);
          touched.set(storyId, { count: (t?.count ?? 0) + 1, last: t && t.last > a.publishedAt ? t.last : a.publishedAt });
        }
        storyIds.push(storyId);
      }
      // Stories extended, in id order (the update locks their rows; only batches holding the story
      // lock write stories, so no two such updates wait on each other).
      const ids = [...touched.keys()].sort((x, y) => x - y);
      for (const id of ids) extended.push({ id, lastSeenAt: touched.get(id)!.last });
      // One statement extends the known stories, inserts the new ones and sets every new article's
      // story (a new story is found by its lead article). The new stories come back, and when the
      // extended ones were last seen.
      const storyRows = await sql<{ id: number; lead: number | null; lastSeenAt: Date | null }>(
        `WITH extended AS (
           UPDATE "stories" AS s SET "article_count" = s."article_count" + v.n, "last_seen_at" = GREATEST(s."last_seen_at", v.last)
             FROM (SELECT unnest($1::int[]) AS id, unnest($2::int[]) AS n, unnest($3::timestamp(3)[]) AS last) AS v WHERE s.id = v.id
           RETURNING s."id", s."last_seen_at"
         ), new_stories AS (
           INSERT INTO "stories" ("title_key", "lead_article_id", "first_seen_at", "last_seen_at", "article_count")
           SELECT * FROM unnest($4::text[], $5::int[], $6::timestamp(3)[], $7::timestamp(3)[], $8::int[])
           RETURNING "id", "lead_article_id"
         ), stories_set AS (
           UPDATE "articles" AS a SET "story_id" = COALESCE(v.story, ns.id)
             FROM (SELECT unnest($9::int[]) AS id, unnest($10::int[]) AS story, unnest($11::int[]) AS lead) AS v
             LEFT JOIN new_stories ns ON ns.lead_article_id = v.lead
            WHERE a.id = v.id
         )
         SELECT "id", "lead_article_id" AS "lead", NULL::timestamp(3) AS "lastSeenAt" FROM new_stories
         UNION ALL
         SELECT "id", NULL, "last_seen_at" FROM extended`,
        [
          ids,
          ids.map((id) => touched.get(id)!.count),
          ids.map((id) => touched.get(id)!.last.toISOString()),
          fresh.map((f) => f.titleKey),
          fresh.map((f) => f.lead),
          fresh.map((f) => f.first.toISOString()),
          fresh.map((f) => f.last.toISOString()),
          fresh.map((f) => f.count),
          created.map((a) => a.id),
          storyIds.map((id) => (id < 0 ? null : id)),
          storyIds.map((id) => (id < 0 ? fresh[-id - 1].lead : null)),
        ],
      );
      const byLead = new Map<number, number>();
      const lastSeen = new Map<number, Date>();
      for (const r of storyRows) {
        if (r.lead !== null) byLead.set(r.lead, r.id);
        else lastSeen.set(r.id, r.lastSeenAt!);
      }
      const realIds: number[] = [];
      for (const f of fresh) {
        realIds.push(byLead.get(f.lead)!);
        createdStories.push({ id: realIds.at(-1)!, titleKey: f.titleKey, lastSeenAt: f.last });
        lastSeen.set(realIds.at(-1)!, f.last);
      }
      const resolved = storyIds.map((id) => (id < 0 ? realIds[-id - 1] : id));
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
          createdAt: r.createdAt,
        } as ArticleScore;
        scoresOf.set(articleId, [...(scoresOf.get(articleId) ?? []), score]);
      }
      return {
        created: created.map((a, i) => ({ ...a, storyId: resolved[i], scores: scoresOf.get(a.id) ?? [], storyLastSeenAt: lastSeen.get(resolved[i]) ?? null })),
        duplicates: items.length - created.length,
      };
    });
    if (createdStories.length || extended.length) opts.stories.committed(createdStories, extended);
    return result;
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
        this.prisma.sql(
          withXmin(`${select} FROM unnest($1::text[], $2::text[], $3::timestamp[]) AS w(tt, tg, since)
             JOIN article_scores s ON s.target_type = w.tt AND s.target = w.tg AND s.published_at >= w.since
             JOIN articles a ON a.id = s.article_id`),
          [full.map((t) => t.targetType), full.map((t) => t.target), full.map((t) => t.from.toISOString())],
        ),
      );
    }
    if (incremental.length) {
      queries.push(
        this.prisma.sql(
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
