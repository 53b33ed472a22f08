import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import {
  JobName,
  QueueName,
  type DeliverWebhookJobData,
  type EvaluateSignalsJobData,
  type EvaluationPoint,
  type FetchFeedJobData,
  type PriceBarsJobData,
  type ProcessArticlesJobData,
} from '@seismo/contracts';
import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

@Injectable()
export class FeedsProducer {
  constructor(@InjectQueue(QueueName.Feeds) readonly queue: Queue<FetchFeedJobData>) {}

  /** One job scheduler per feed: N worker replicas still poll it once per interval. */
  async schedule(feedId: number, pollSeconds: number): Promise<void> {
    await this.queue.upsertJobScheduler(
      `feed:${feedId}`,
      { every: pollSeconds * 1000 },
      { name: JobName.FetchFeed, data: { feedId }, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }

  async unschedule(feedId: number): Promise<void> {
    await this.queue.removeJobScheduler(`feed:${feedId}`);
  }

  async schedulerIds(): Promise<string[]> {
    const list = await this.queue.getJobSchedulers(0, -1);
    return list.map((s) => s.key ?? s.id ?? '').filter(Boolean) as string[];
  }

  /** Fetch now (e.g. right after a feed is added), deduplicated per feed and second. */
  async fetchNow(feedId: number): Promise<void> {
    await this.queue.add(JobName.FetchFeed, { feedId, force: true }, { jobId: `feed-${feedId}-now-${Math.floor(Date.now() / 1000)}`, attempts: 1 });
  }
}

@Injectable()
export class ArticlesProducer {
  constructor(@InjectQueue(QueueName.Articles) readonly queue: Queue<ProcessArticlesJobData>) {}

  /** Hands a fetch's new items over in batches; the job id derives from the content. */
  async addBatches(data: ProcessArticlesJobData, batchSize: number): Promise<number> {
    const jobs = [];
    for (let i = 0; i < data.items.length; i += batchSize) {
      const items = data.items.slice(i, i + batchSize);
      const id = `articles-${hash(items.map((x) => x.contentHash).join(','))}`;
      jobs.push({ name: JobName.ProcessArticles, data: { feedId: data.feedId, items }, opts: { jobId: id } });
    }
    if (jobs.length) await this.queue.addBulk(jobs);
    return jobs.length;
  }
}

@Injectable()
export class PricesProducer {
  constructor(@InjectQueue(QueueName.Prices) readonly queue: Queue<PriceBarsJobData>) {}

  async addBars(data: PriceBarsJobData): Promise<void> {
    if (!data.bars.length) return;
    const id = `bars-${hash(data.bars.map((b) => `${b.symbol}:${b.interval}:${b.time}:${b.close}`).join(','))}`;
    await this.queue.add(JobName.PriceBars, data, { jobId: id });
  }
}

@Injectable()
export class SignalsProducer {
  constructor(@InjectQueue(QueueName.Signals) readonly queue: Queue<EvaluateSignalsJobData>) {}

  async evaluate(data: EvaluateSignalsJobData): Promise<void> {
    if (!data.symbols.length && !data.keywords.length) return;
    const pointKey = (p: EvaluationPoint) => [p.asOf, ...[...p.symbols].sort(), '|', ...[...p.keywords].sort(), '|', ...(p.articleIds ?? [])].join(',');
    const key = [data.cause ?? '', pointKey(data), ...(data.points ?? []).map(pointKey)].join(';');
    await this.queue.add(JobName.EvaluateSignals, data, { jobId: `signals-${hash(key)}` });
  }

  /** One job for several points in event time: the newest is the job's top level, all are in `points`. */
  async evaluatePoints(points: EvaluationPoint[], cause?: string): Promise<void> {
    const live = points.filter((p) => p.symbols.length || p.keywords.length).sort((a, b) => Date.parse(a.asOf) - Date.parse(b.asOf));
    if (!live.length) return;
    if (live.length === 1) return this.evaluate({ ...live[0], ...(cause ? { cause } : {}) });
    const newest = live[live.length - 1];
    await this.evaluate({
      symbols: [...new Set(live.flatMap((p) => p.symbols))],
      keywords: [...new Set(live.flatMap((p) => p.keywords))],
      asOf: newest.asOf,
      articleIds: newest.articleIds,
      points: live,
      ...(cause ? { cause } : {}),
    });
  }
}

@Injectable()
export class DeliveriesProducer {
  constructor(@InjectQueue(QueueName.Deliveries) readonly queue: Queue<DeliverWebhookJobData>) {}

  async deliver(deliveryIds: number[]): Promise<void> {
    if (!deliveryIds.length) return;
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: JobName.DeliverWebhook,
        data: { deliveryId },
        opts: { jobId: `delivery-${deliveryId}`, attempts: 10, backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 } },
      })),
    );
  }
}
