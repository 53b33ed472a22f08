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

export type ArticleWithScores = Article & { scores: ArticleScore[] };

export interface StoredBatch {
  created: ArticleWithScores[];
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
    opts: { modelVersion: string; thresholds: Record<string, number>; storyOf: (item: ScoredItem, recent: { id: number; titleKey: string }[]) => number | null; storyWindowMs: number },
  ): Promise<StoredBatch> {
    if (!items.length) return { created: [], duplicates: 0 };
    return this.prisma.$transaction(
      async (tx) => {
        const created = await tx.article.createManyAndReturn({
          data: items.map((i) => ({
            feedId,
            guid: i.guid,
            url: i.url,
            canonicalUrl: i.canonicalUrl,
            title: i.title,
            summary: i.summary,
            source: i.source,
            language: i.language,
            publishedAt: i.publishedAt,
            fetchedAt: i.fetchedAt,
            contentHash: i.contentHash,
            sentiment: i.sentiment,
            label: i.label,
            modelVersion: opts.modelVersion,
            scoredAt: new Date(),
          })),
          skipDuplicates: true,
        });
        if (!created.length) return { created: [], duplicates: items.length };
        const byHash = new Map(items.map((i) => [i.contentHash, i]));
        const times = created.map((a) => a.publishedAt.getTime());
        const since = new Date(Math.min(...times) - opts.storyWindowMs);
        const recent = await tx.story.findMany({ where: { lastSeenAt: { gte: since } }, select: { id: true, titleKey: true }, orderBy: { id: 'desc' }, take: 5_000 });
        const storyIds: (number | null)[] = [];
        for (const a of created) {
          const item = byHash.get(a.contentHash)!;
          let storyId = opts.storyOf(item, recent);
          if (storyId === null) {
            const s = await tx.story.create({ data: { titleKey: item.storyKey, leadArticleId: a.id, firstSeenAt: a.publishedAt, lastSeenAt: a.publishedAt } });
            storyId = s.id;
            recent.unshift({ id: s.id, titleKey: item.storyKey });
          } else {
            await tx.story.update({ where: { id: storyId }, data: { articleCount: { increment: 1 }, lastSeenAt: a.publishedAt } });
          }
          storyIds.push(storyId);
        }
        // One statement sets every new article's story.
        await tx.$executeRawUnsafe(
          `UPDATE "articles" AS a SET "story_id" = v.story FROM (SELECT unnest($1::int[]) AS id, unnest($2::int[]) AS story) AS v WHERE a.id = v.id`,
          created.map((a) => a.id),
          storyIds,
        );
        const scores: Prisma.ArticleScoreCreateManyInput[] = [];
        for (const a of created) {
          for (const t of byHash.get(a.contentHash)!.targets) {
            scores.push({
              articleId: a.id,
              targetType: t.targetType,
              target: t.target,
              relevance: t.relevance,
              score: t.score,
              label: t.label,
              label5: t.label5,
              viaKeyword: t.viaKeyword,
              modelVersion: opts.modelVersion,
              thresholds: opts.thresholds,
              publishedAt: a.publishedAt,
            });
          }
        }
        const storedScores = scores.length ? await tx.articleScore.createManyAndReturn({ data: scores, skipDuplicates: true }) : [];
        const scoresOf = new Map<number, ArticleScore[]>();
        for (const s of storedScores) scoresOf.set(s.articleId, [...(scoresOf.get(s.articleId) ?? []), s]);
        return {
          created: created.map((a, i) => ({ ...a, storyId: storyIds[i], scores: scoresOf.get(a.id) ?? [] })),
          duplicates: items.length - created.length,
        };
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
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
  async observations(targetType: 'ticker' | 'keyword', target: string, from: Date, to: Date): Promise<Observation[]> {
    const rows = await this.prisma.articleScore.findMany({
      where: { targetType, target, publishedAt: { gte: from, lte: to } },
      orderBy: { publishedAt: 'asc' },
      select: { articleId: true, publishedAt: true, score: true, relevance: true, article: { select: { title: true, source: true, url: true, storyId: true } } },
      take: 50_000,
    });
    return rows.map((r) => ({
      articleId: r.articleId,
      publishedAt: r.publishedAt,
      score: r.score,
      relevance: r.relevance,
      title: r.article.title,
      source: r.article.source,
      url: r.article.url,
      storyId: r.article.storyId,
    }));
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
