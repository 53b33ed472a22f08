import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { ALL_QUEUES, QueueName } from '@seismo/contracts';
import type { ConnectionOptions, QueueOptions } from 'bullmq';
import { redisOptions } from './redis';
import { ArticlesProducer, DeliveriesProducer, FeedsProducer, PricesProducer, SignalsProducer } from './producers';

const producers = [FeedsProducer, ArticlesProducer, PricesProducer, SignalsProducer, DeliveriesProducer];

/** BullMQ connection and every queue; producers are the only callers of queue.add. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig): QueueOptions => {
        const { url, ...rest } = redisOptions(c.redisUrl);
        const u = new URL(url);
        return {
          prefix: c.queuePrefix,
          connection: {
            ...rest,
            host: u.hostname,
            port: Number(u.port || 6379),
            username: u.username || undefined,
            password: u.password ? decodeURIComponent(u.password) : undefined,
            db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
            tls: u.protocol === 'rediss:' ? {} : undefined,
          } as ConnectionOptions,
          defaultJobOptions: {
            attempts: 8,
            backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
            removeOnComplete: { age: 3_600, count: 10_000 },
            removeOnFail: { age: 7 * 86_400 },
          },
        };
      },
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: producers,
  exports: [BullModule, ...producers],
})
export class QueuesModule {}

export { QueueName };
