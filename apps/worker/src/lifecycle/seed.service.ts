import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { AlertTypes } from '@seismo/contracts';
import { KeywordsRepository, RulesRepository, TickersRepository } from '@seismo/db';
import { DEFAULT_RULE_PARAMS } from '@seismo/signals';

const DEFAULT_COOLDOWN: Record<string, number> = {
  breaking: 3600,
  sentiment_threshold: 6 * 3600,
  sentiment_shift: 6 * 3600,
  mention_spike: 6 * 3600,
  price_move: 6 * 3600,
  shock: 12 * 3600,
};

/** First start: the default watchlist (SEISMO_WATCHLIST, SEISMO_KEYWORDS) and one default rule per type. */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tickers: TickersRepository,
    private readonly keywords: KeywordsRepository,
    private readonly rules: RulesRepository,
  ) {}

  async seed(): Promise<void> {
    if (this.config.watchlist.seed && !(await this.tickers.all()).length) {
      await this.tickers.seed(this.config.watchlist.symbols);
      await this.keywords.seed(this.config.watchlist.keywords);
      this.logger.log(`seeded watchlist: ${this.config.watchlist.symbols.join(', ')}`);
    }
    // The check happens inside createDefaults, under a lock: replicas may start together.
    const created = await this.rules.createDefaults(
      AlertTypes.map((type) => ({ type, params: DEFAULT_RULE_PARAMS[type] as object, cooldownSeconds: DEFAULT_COOLDOWN[type], isDefault: true })),
    );
    if (created) this.logger.log('created the default rule of every type');
  }
}
