import type { EvaluateSignalsJobData, EvaluationPoint } from '@seismo/contracts';

/** News points closer than this in event time are judged once, at the newest of them (as the articles stage buckets them). */
export const NEWS_BUCKET_MS = 30 * 60_000;

/**
 * Several `signals` jobs as one: every point of every job, with the news points (those with
 * triggering articles) of one half hour merged into one at the newest instant, their targets and
 * articles united. Points without articles (a bar's close, late news) keep their exact instant:
 * a price rule judged at another minute could miss a move. Points come out in event order.
 */
export function mergeEvaluations(jobs: readonly EvaluateSignalsJobData[]): EvaluateSignalsJobData {
  const merged = new Map<string, { asOf: number; symbols: Set<string>; keywords: Set<string>; articleIds: Set<number> | null }>();
  for (const job of jobs) {
    for (const p of job.points?.length ? job.points : [job]) {
      const asOf = Date.parse(p.asOf);
      const news = !!p.articleIds?.length;
      const key = news ? `news:${Math.floor(asOf / NEWS_BUCKET_MS)}` : `at:${asOf}`;
      const m = merged.get(key) ?? { asOf, symbols: new Set<string>(), keywords: new Set<string>(), articleIds: news ? new Set<number>() : null };
      m.asOf = Math.max(m.asOf, asOf);
      for (const s of p.symbols) m.symbols.add(s);
      for (const k of p.keywords) m.keywords.add(k);
      if (m.articleIds) for (const id of p.articleIds ?? []) m.articleIds.add(id);
      merged.set(key, m);
    }
  }
  const points: EvaluationPoint[] = [...merged.values()]
    .sort((a, b) => a.asOf - b.asOf)
    .map((m) => ({
      symbols: [...m.symbols],
      keywords: [...m.keywords],
      asOf: new Date(m.asOf).toISOString(),
      ...(m.articleIds ? { articleIds: [...m.articleIds].sort((a, b) => a - b) } : {}),
    }));
  const newest = points[points.length - 1];
  return {
    symbols: [...new Set(points.flatMap((p) => p.symbols))],
    keywords: [...new Set(points.flatMap((p) => p.keywords))],
    asOf: newest.asOf,
    ...(newest.articleIds ? { articleIds: newest.articleIds } : {}),
    points,
  };
}
