import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QueueName, type PriceBarsJobData } from '@seismo/contracts';
import { PricesRepository } from '@seismo/db';
import { SignalsProducer } from '@seismo/queues';
import { UnrecoverableError, type Job } from 'bullmq';

/** `prices` queue: store closed bars (upsert), then evaluate the price rules of their symbols. */
@Processor(QueueName.Prices, { concurrency: 2, autorun: false })
export class PriceBarsProcessor extends WorkerHost {
  private readonly logger = new Logger(PriceBarsProcessor.name);

  constructor(
    private readonly prices: PricesRepository,
    private readonly signals: SignalsProducer,
  ) {
    super();
  }

  async process(job: Job<PriceBarsJobData>) {
    const bars = job.data?.bars;
    if (!Array.isArray(bars)) throw new UnrecoverableError(`job ${job.id}: bars must be an array`);
    const valid = bars.filter((b) => typeof b.symbol === 'string' && Number.isFinite(b.close) && Number.isFinite(Date.parse(b.time)) && (b.interval === '1m' || b.interval === '1d'));
    if (valid.length !== bars.length) this.logger.warn(`job ${job.id}: ${bars.length - valid.length} malformed bar(s) dropped`);
    await this.prices.upsertBars(valid.map((b) => ({ ...b, time: new Date(b.time), source: b.source ?? null })));
    // Evaluate at the bar's close (event time), one job per distinct close time.
    const bySymbolEnd = new Map<string, number>();
    for (const b of valid) {
      const end = Date.parse(b.time) + (b.interval === '1d' ? 6.5 * 3_600_000 + 14.5 * 3_600_000 : 60_000);
      bySymbolEnd.set(b.symbol, Math.max(bySymbolEnd.get(b.symbol) ?? 0, end));
    }
    const asOf = Math.max(0, ...bySymbolEnd.values());
    if (bySymbolEnd.size) await this.signals.evaluate({ symbols: [...bySymbolEnd.keys()], keywords: [], asOf: new Date(asOf).toISOString() });
    return { stored: valid.length };
  }
}
