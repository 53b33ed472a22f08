import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { KeywordsRepository, TickersRepository, type Keyword, type Ticker } from '@seismo/db';
import { REDIS } from '@seismo/queues';
import { SentimentEngine } from '@seismo/sentiment';
import type { Redis } from 'ioredis';

export interface Watchlist {
  engine: SentimentEngine;
  tickers: Ticker[];
  keywords: Keyword[];
  symbols: Set<string>;
  /** keyword term (lower case) → linked symbols */
  links: Map<string, string[]>;
}

/** The scorer with the current watchlist; reloaded when the api bumps the watchlist version. */
@Injectable()
export class WatchlistCache {
  private current: Watchlist | null = null;
  private version: string | null = null;
  private checkedAt = 0;

  constructor(
    private readonly tickers: TickersRepository,
    private readonly keywords: KeywordsRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(): Promise<Watchlist> {
    const now = Date.now();
    if (this.current && now - this.checkedAt < 1_000) return this.current;
    this.checkedAt = now;
    const v = (await this.redis.get(`${this.config.queuePrefix}:watchlist-version`).catch(() => this.version)) ?? '0';
    if (this.current && v === this.version) return this.current;
    const [tickers, keywords] = await Promise.all([this.tickers.all(), this.keywords.all()]);
    this.current = {
      engine: new SentimentEngine({ tickers, keywords }),
      tickers,
      keywords,
      symbols: new Set(tickers.map((t) => t.symbol)),
      links: new Map(keywords.map((k) => [k.term.toLowerCase(), k.symbols])),
    };
    this.version = v;
    return this.current;
  }
}
