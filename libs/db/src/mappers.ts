import type { AlertPayload, AlertType, ArticlePayload, Severity } from '@seismo/contracts';
import type { Alert } from './generated/prisma/client';
import type { ArticleWithScores } from './repositories/articles.repository';

/** The wire shape of an alert (socket.io `alert`, REST, webhooks). */
export function alertToPayload(a: Alert, linkedSymbols?: string[]): AlertPayload {
  const evidence = (a.evidence ?? {}) as AlertPayload['evidence'];
  return {
    id: a.id,
    type: a.type as AlertType,
    severity: a.severity as Severity,
    symbol: a.symbol,
    keyword: a.keyword,
    title: a.title,
    message: a.message,
    score: a.score,
    changePct: a.changePct,
    articleIds: a.articleIds,
    createdAt: a.createdAt.toISOString(),
    eventTime: a.eventTime.toISOString(),
    evidence,
    ...(linkedSymbols?.length ? { linkedSymbols } : {}),
  };
}

export function articleToPayload(a: ArticleWithScores, names: Map<string, string | null> = new Map()): ArticlePayload {
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    url: a.url,
    source: a.source,
    publishedAt: a.publishedAt.toISOString(),
    storyId: a.storyId,
    label: a.label,
    sentiment: a.sentiment,
    targets: a.scores
      .map((s) => ({
        type: s.targetType as 'ticker' | 'keyword',
        symbol: s.target,
        name: names.get(s.target) ?? null,
        label: s.label,
        score: s.score,
        relevance: s.relevance,
      }))
      .sort((x, y) => y.relevance - x.relevance),
  };
}
