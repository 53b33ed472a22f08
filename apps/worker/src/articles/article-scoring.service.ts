import { Injectable, Logger } from '@nestjs/common';
import type { NormalizedItemData, ProcessArticlesJobData } from '@seismo/contracts';
import { ArticlesRepository, articleToPayload, PricesRepository, type ScoredItem, type StoredArticle } from '@seismo/db';
import { storyKey } from '@seismo/feeds';
import { EventsPublisher, SignalsProducer } from '@seismo/queues';
import { MODEL_VERSION } from '@seismo/sentiment';
import { StoryIndex } from './story-index';
import { WatchlistCache, type Watchlist } from './watchlist.cache';

const STORY_WINDOW_MS = 48 * 3_600_000;
const BUCKET_MS = 30 * 60_000;
const MAX_EVALUATIONS = 96;
const LATE_NEWS_WINDOW_MS = 6 * 3_600_000;

/** Scores a batch (linker + targeted scorer), stores it in one transaction, then fans out. */
@Injectable()
export class ArticleScoringService {
  private readonly logger = new Logger(ArticleScoringService.name);

  constructor(
    private readonly articles: ArticlesRepository,
    private readonly watchlist: WatchlistCache,
    private readonly events: EventsPublisher,
    private readonly signals: SignalsProducer,
    private readonly prices: PricesRepository,
    private readonly stories: StoryIndex,
  ) {}

  score(item: NormalizedItemData, w: Watchlist): ScoredItem {
    const a = w.engine.analyze(item.summary, { title: item.title });
    return {
      guid: item.guid,
      url: item.url,
      canonicalUrl: item.canonicalUrl,
      title: item.title,
      summary: item.summary,
      source: item.source,
      language: item.language,
      publishedAt: new Date(item.publishedAt),
      fetchedAt: new Date(item.fetchedAt),
      contentHash: item.contentHash,
      sentiment: a.score,
      label: a.label,
      storyKey: storyKey(item.title),
      targets: a.targets.map((t) => ({
        targetType: t.type,
        target: t.type === 'ticker' ? t.symbol : t.symbol.toLowerCase(),
        relevance: t.relevance,
        score: t.score,
        label: t.label,
        label5: t.label5 ?? null,
        viaKeyword: t.viaKeyword ?? null,
      })),
    };
  }

  /**
   * News can arrive after the bars that followed it (a backfill, a slow feed): the price-time
   * evaluations already made did not see it. Evaluate again at the newest bar within the window.
   */
  private async reevaluateAfterLateNews(created: { id: number; publishedAt: Date; scores: { targetType: string; target: string }[] }[], w: Watchlist): Promise<void> {
    const symbols = [...new Set(created.flatMap((a) => a.scores.filter((s) => s.targetType === 'ticker' && w.symbols.has(s.target)).map((s) => s.target)))];
    if (!symbols.length) return;
    const newest = Math.max(...created.map((a) => a.publishedAt.getTime()));
    const ends = await this.prices.latestBarEnd(symbols, new Date(newest), new Date(newest + LATE_NEWS_WINDOW_MS));
    const byEnd = new Map<number, string[]>();
    for (const [symbol, end] of ends) byEnd.set(end.getTime(), [...(byEnd.get(end.getTime()) ?? []), symbol]);
    const cause = `late-news:${Math.max(...created.map((a) => a.id))}`;
    await this.signals.evaluatePoints(
      [...byEnd].map(([end, symbols]) => ({ symbols, keywords: [], asOf: new Date(end).toISOString() })),
      cause,
    );
  }

  /**
   * `retry`: the job ran before (it failed or its worker died). Its articles may then be stored
   * already, by the earlier attempt, whose signal evaluation may never have been handed over (a
   * crash or a Redis error between the commit and the `signals` job): the items found stored are
   * evaluated again with the new ones. Evaluating twice is harmless (dedupe keys, cooldown
   * states); never evaluating would lose the alert. Their live news events are not sent again.
   */
  async process(data: ProcessArticlesJobData, opts: { retry?: boolean } = {}): Promise<{ stored: number; duplicates: number; resumed: number }> {
    const w = await this.watchlist.get();
    const scored = data.items.map((i) => this.score(i, w));
    const thresholds = scored.length ? w.engine.analyze('').thresholds : { positive: 0, negative: 0 };
    const res = await this.articles.storeBatch(data.feedId, scored, {
      modelVersion: MODEL_VERSION,
      thresholds: thresholds as unknown as Record<string, number>,
      storyWindowMs: STORY_WINDOW_MS,
      // The first recent story (newest first) whose title key is similar enough, via the held token index.
      stories: this.stories,
    });
    const createdHashes = new Set(res.created.map((a) => a.contentHash));
    const resumed = opts.retry && res.duplicates ? await this.articles.storedByHashes(scored.map((i) => i.contentHash).filter((h) => !createdHashes.has(h))) : [];
    const touched = resumed.length ? [...res.created, ...resumed] : res.created;
    if (!touched.length) return { stored: 0, duplicates: res.duplicates, resumed: 0 };
    // After commit: signal evaluations first (alerts are the latency that matters), then the live news.
    // Signals run on event time: one point per half hour of published time in the batch, so a
    // backlog or a replay is judged as it unfolded, not only at its newest article. The points
    // go in one job, which reads the windows once and evaluates them in time order.
    //
    // An article that joins a story already carried by an article published after it (a source
    // slower to arrive than to publish) is also a trigger at the time its story was last seen:
    // the evaluation at that time did not see it, and its own point comes before the other
    // article, so `breaking` would never count both sources.
    const buckets = new Map<number, { asOf: number; arts: Set<StoredArticle> }>();
    const at = (t: number, a: StoredArticle) => {
      const key = Math.floor(t / BUCKET_MS);
      const b = buckets.get(key) ?? { asOf: 0, arts: new Set() };
      b.asOf = Math.max(b.asOf, t);
      b.arts.add(a);
      buckets.set(key, b);
    };
    for (const a of touched) {
      at(a.publishedAt.getTime(), a);
      const last = a.storyLastSeenAt?.getTime() ?? 0;
      if (last > a.publishedAt.getTime()) at(last, a);
    }
    const ordered = [...buckets.values()].sort((x, y) => x.asOf - y.asOf).slice(-MAX_EVALUATIONS);
    await this.signals.evaluatePoints(
      ordered.map(({ asOf, arts }) => {
        const symbols = new Set<string>();
        const keywords = new Set<string>();
        for (const a of arts) {
          for (const s of a.scores) {
            if (s.targetType === 'ticker' && w.symbols.has(s.target)) symbols.add(s.target);
            if (s.targetType === 'keyword') keywords.add(s.target);
          }
        }
        return { symbols: [...symbols], keywords: [...keywords], asOf: new Date(asOf).toISOString(), articleIds: [...arts].map((a) => a.id) };
      }),
    );
    const names = new Map(w.tickers.map((t) => [t.symbol, t.name]));
    // The batch's news in one message: one PUBLISH per article was a command, a reply and a
    // message for every api process each, about 4 % of the worker's time in the pipeline.
    const articles = res.created.filter((a) => a.scores.length).map((a) => articleToPayload(a, names));
    if (articles.length) await this.events.publish({ kind: 'articles', articles });
    await this.reevaluateAfterLateNews(touched, w);
    return { stored: res.created.length, duplicates: res.duplicates, resumed: resumed.length };
  }
}
