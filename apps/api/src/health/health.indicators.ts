import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { QueueName } from '@seismo/contracts';
import { PrismaService } from '@seismo/db';
import { REDIS } from '@seismo/queues';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);

/** Health of Postgres, Redis and the queues, as terminus indicators. */
@Injectable()
export class SeismoHealthIndicators {
  private readonly queues: Queue[];

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly prisma: PrismaService,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectQueue(QueueName.Feeds) feeds: Queue,
    @InjectQueue(QueueName.Articles) articles: Queue,
    @InjectQueue(QueueName.Prices) prices: Queue,
    @InjectQueue(QueueName.Signals) signals: Queue,
    @InjectQueue(QueueName.Deliveries) deliveries: Queue,
  ) {
    this.queues = [feeds, articles, prices, signals, deliveries];
  }

  async db() {
    const s = this.health.check('db');
    try {
      await within(this.prisma.ping(), 2_000, 'Postgres');
      return s.up();
    } catch (e) {
      return s.down({ message: (e as Error).message });
    }
  }

  async redisUp() {
    const s = this.health.check('redis');
    if (this.redis.status !== 'ready') return s.down({ message: `Redis connection is ${this.redis.status}` });
    try {
      await within(this.redis.ping(), 2_000, 'Redis');
      return s.up();
    } catch (e) {
      return s.down({ message: (e as Error).message });
    }
  }

  async queuesUp() {
    const s = this.health.check('queues');
    if (this.redis.status !== 'ready') return s.down({ message: 'Redis is down' });
    try {
      const counts = await within(
        Promise.all(this.queues.map(async (q) => [q.name, await q.getJobCounts('waiting', 'active', 'delayed', 'failed')] as const)),
        2_000,
        'queues',
      );
      return s.up(Object.fromEntries(counts));
    } catch (e) {
      return s.down({ message: (e as Error).message });
    }
  }
}
