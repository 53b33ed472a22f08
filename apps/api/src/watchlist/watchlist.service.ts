import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { KeywordsRepository, TickersRepository } from '@seismo/db';
import { REDIS } from '@seismo/queues';
import type { Redis } from 'ioredis';

export const watchlistVersionKey = (prefix: string) => `${prefix}:watchlist-version`;

/** Watched tickers and keywords; every change bumps a version the workers reload on. */
@Injectable()
export class WatchlistService {
  constructor(
    readonly tickers: TickersRepository,
    readonly keywords: KeywordsRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async changed(): Promise<void> {
    await this.redis.incr(watchlistVersionKey(this.config.queuePrefix));
  }
}
