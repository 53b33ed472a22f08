import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfigModule, type AppConfig } from '@seismo/config';
import { DbModule } from '@seismo/db';
import { QueuesModule, RedisModule } from '@seismo/queues';
import { ArticleScoringService } from './articles/article-scoring.service';
import { ArticlesProcessor } from './articles/articles.processor';
import { StoryIndex } from './articles/story-index';
import { WatchlistCache } from './articles/watchlist.cache';
import { WebhookDeliveryProcessor } from './deliveries/webhook-delivery.processor';
import { FeedFetchProcessor } from './feeds/feed-fetch.processor';
import { FeedIngestService } from './feeds/feed-ingest.service';
import { FeedSchedulesService } from './feeds/feed-schedules.service';
import { SeedService } from './lifecycle/seed.service';
import { WatchdogService } from './lifecycle/watchdog.service';
import { PriceBarsProcessor } from './prices/price-bars.processor';
import { PriceFeedService } from './prices/price-feed.service';
import { ObservationCache } from './signals/observation-cache';
import { SignalEvaluationService } from './signals/signal-evaluation.service';
import { SignalsProcessor } from './signals/signals.processor';

const PROCESSORS: Record<AppConfig['workers'][number], Provider[]> = {
  feeds: [FeedFetchProcessor],
  articles: [ArticlesProcessor],
  prices: [PriceBarsProcessor, PriceFeedService],
  signals: [SignalsProcessor],
  deliveries: [WebhookDeliveryProcessor],
};

/** The worker process: it runs the processors SEISMO_WORKERS names (all by default), and no HTTP beyond health. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), DbModule, RedisModule, QueuesModule, DiscoveryModule],
      providers: [
        WatchlistCache,
        StoryIndex,
        FeedIngestService,
        FeedSchedulesService,
        ArticleScoringService,
        SignalEvaluationService,
        ObservationCache,
        SeedService,
        WatchdogService,
        ...config.workers.flatMap((w) => PROCESSORS[w]),
      ],
    };
  }
}
