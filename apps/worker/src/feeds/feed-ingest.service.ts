import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { ArticlesRepository, FeedsRepository } from '@seismo/db';
import { fetchFeed, isFeedError, nextRetryDelayMs, normalizeItems, parseAllowList, parseFeed, type AllowList } from '@seismo/feeds';
import { ArticlesProducer, FeedsProducer } from '@seismo/queues';

export interface PollResult {
  feedId: number;
  outcome: 'new-items' | 'no-new-items' | 'not-modified' | 'error' | 'skipped' | 'gone';
  items?: number;
  error?: string;
}

/** One poll of one feed: fetch (guarded), parse, normalise, drop known items, hand the rest over in bulk. */
@Injectable()
export class FeedIngestService {
  private readonly logger = new Logger(FeedIngestService.name);
  private readonly allow: AllowList;

  constructor(
    private readonly feeds: FeedsRepository,
    private readonly articlesRepo: ArticlesRepository,
    private readonly articles: ArticlesProducer,
    private readonly producer: FeedsProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.allow = parseAllowList(config.feedAllowHosts);
  }

  async poll(feedId: number, force = false): Promise<PollResult> {
    const feed = await this.feeds.find(feedId);
    if (!feed) {
      await this.producer.unschedule(feedId);
      return { feedId, outcome: 'gone' };
    }
    const now = new Date();
    if (!feed.enabled || (!force && feed.nextFetchAfter && feed.nextFetchAfter > now)) return { feedId, outcome: 'skipped' };
    const res = await fetchFeed(feed.url, {
      etag: feed.etag,
      lastModified: feed.lastModified,
      timeoutMs: this.config.feeds.timeoutMs,
      maxBytes: this.config.feeds.maxBytes,
      allowHosts: this.allow,
    });
    if (res.kind === 'not-modified') {
      await this.feeds.recordOutcome(feedId, { status: 304, error: null, etag: res.etag ?? feed.etag, lastModified: res.lastModified ?? feed.lastModified }, now);
      return { feedId, outcome: 'not-modified' };
    }
    if (res.kind === 'error') return this.fail(feedId, feed.errorCount, res.error.message, res.status ?? null, res.retryAfterMs);
    let parsed;
    try {
      parsed = await parseFeed(res.body, { contentType: res.contentType });
    } catch (e) {
      if (isFeedError(e)) return this.fail(feedId, feed.errorCount, e.message, res.status, undefined);
      throw e;
    }
    const items = normalizeItems(parsed, { fetchedAt: now, feedUrl: res.url });
    // Items already stored are not handed over again (the unique constraints would skip them anyway).
    const known = await this.articlesRepo.knownHashes(items.map((i) => i.contentHash));
    const fresh = items.filter((i) => !known.has(i.contentHash));
    await this.articles.addBatches({ feedId, items: fresh }, this.config.articlesBatchSize);
    await this.feeds.recordOutcome(
      feedId,
      { status: res.status, error: null, etag: res.etag, lastModified: res.lastModified, title: parsed.title, newItems: fresh.length, hub: parsed.hub, self: parsed.self },
      now,
    );
    return { feedId, outcome: fresh.length ? 'new-items' : 'no-new-items', items: fresh.length };
  }

  private async fail(feedId: number, errorCount: number, message: string, status: number | null, retryAfterMs: number | undefined): Promise<PollResult> {
    const delay = nextRetryDelayMs(errorCount + 1, retryAfterMs);
    await this.feeds.recordOutcome(feedId, { status, error: message, nextFetchAfter: new Date(Date.now() + delay) }, new Date());
    this.logger.warn(`feed ${feedId}: ${message}`);
    return { feedId, outcome: 'error', error: message };
  }
}
