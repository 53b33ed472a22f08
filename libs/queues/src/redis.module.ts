import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import type { Redis } from 'ioredis';
import { EventsPublisher } from './events.publisher';
import { createRedis } from './redis';
import { REDIS } from './tokens';

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createRedis(c.redisUrl) },
    EventsPublisher,
  ],
  exports: [REDIS, EventsPublisher],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
