import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import type { PriceBarData } from '@seismo/contracts';
import { TickersRepository } from '@seismo/db';
import { BarAggregator, createPriceProvider, type Bar, type PriceProvider, type ProviderStatus } from '@seismo/market';
import { PricesProducer, REDIS } from '@seismo/queues';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

const LEASE_MS = 15_000;

/**
 * Runs the configured price provider in one worker replica at a time (a Redis lease), folds ticks
 * into 1-minute bars, and hands closed bars to the `prices` queue once a second.
 */
@Injectable()
export class PriceFeedService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PriceFeedService.name);
  private provider: PriceProvider | null = null;
  private pending: PriceBarData[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private leaseTimer: NodeJS.Timeout | null = null;
  private readonly owner = randomUUID();
  private readonly aggregator = new BarAggregator((b) => this.onBar(b));

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly tickers: TickersRepository,
    private readonly producer: PricesProducer,
  ) {}

  status(): ProviderStatus & { provider: string; leader: boolean } {
    return { provider: this.config.prices.provider, leader: !!this.provider, ...(this.provider?.status() ?? { ok: true, lastError: null, lastEventAt: null }) };
  }

  onApplicationBootstrap(): void {
    if (this.config.prices.provider === 'none') return;
    this.flushTimer = setInterval(() => void this.flush(), 1_000);
    const tryLead = async () => {
      const key = `${this.config.queuePrefix}:price-provider-lease`;
      try {
        if (this.provider) {
          const held = await this.redis.eval(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
            1,
            key,
            this.owner,
            String(LEASE_MS),
          );
          if (!held) await this.stopProvider('lease lost');
        } else if ((await this.redis.set(key, this.owner, 'PX', LEASE_MS, 'NX')) === 'OK') {
          await this.startProvider();
        }
      } catch (e) {
        this.logger.warn(`price provider lease: ${(e as Error).message}`);
      }
    };
    void tryLead();
    this.leaseTimer = setInterval(() => void tryLead(), LEASE_MS / 3);
  }

  private async startProvider(): Promise<void> {
    const c = this.config.prices;
    const symbols = (await this.tickers.all()).map((t) => t.symbol);
    this.provider = createPriceProvider(
      c.provider === 'yahoo'
        ? { name: 'yahoo', baseUrl: c.yahooBaseUrl, pollMs: c.pollSeconds * 1000 }
        : c.provider === 'finnhub'
          ? { name: 'finnhub', url: c.finnhubUrl, token: c.finnhubToken ?? undefined }
          : c.provider === 'replay'
            ? { name: 'replay', files: c.replayFile ? c.replayFile.split(',') : [], speed: c.replaySpeed, clock: replayClock(c) }
            : { name: 'none' },
    );
    await this.provider.start(symbols, {
      onBar: (b) => this.onBar(b),
      onTick: (t) => this.aggregator.add(t),
      onError: (e) => this.logger.warn(`price provider ${c.provider}: ${e.message}`),
    });
    this.logger.log(`price provider ${c.provider} started for ${symbols.length} symbols`);
  }

  private async stopProvider(reason: string): Promise<void> {
    await this.provider?.stop();
    this.provider = null;
    this.logger.log(`price provider stopped: ${reason}`);
  }

  private onBar(b: Bar): void {
    this.pending.push({ symbol: b.symbol, interval: b.interval, time: new Date(b.time).toISOString(), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, source: this.config.prices.provider });
  }

  private async flush(): Promise<void> {
    if (!this.pending.length) return;
    const bars = this.pending;
    this.pending = [];
    try {
      for (let i = 0; i < bars.length; i += 500) await this.producer.addBars({ bars: bars.slice(i, i + 500) });
    } catch (e) {
      this.pending.unshift(...bars); // Redis down: keep them and try again next second
      this.logger.warn(`cannot queue ${bars.length} bar(s): ${(e as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    await this.provider?.stop();
    await this.flush();
  }
}

/** Replay on a shared clock: event time = SEISMO_REPLAY_FROM + (now - SEISMO_REPLAY_WALL_START) × speed. */
function replayClock(c: AppConfig['prices']): (() => number) | undefined {
  if (!c.replayFrom) return undefined;
  const from = Date.parse(c.replayFrom);
  const wall0 = c.replayWallStart ?? Date.now();
  return () => from + (Date.now() - wall0) * c.replaySpeed;
}
