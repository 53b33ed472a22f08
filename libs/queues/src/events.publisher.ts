import { Inject, Injectable } from '@nestjs/common';
import { EVENTS_CHANNEL, type PipelineEvent } from '@seismo/contracts';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import type { Redis } from 'ioredis';
import { REDIS } from './tokens';

/** Publishes pipeline events (alerts, articles) for every api process to fan out to its sockets. */
@Injectable()
export class EventsPublisher {
  readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.queuePrefix}:${EVENTS_CHANNEL}`;
  }

  async publish(event: PipelineEvent): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(event));
  }

  async publishMany(events: PipelineEvent[]): Promise<void> {
    if (!events.length) return;
    const p = this.redis.pipeline();
    for (const e of events) p.publish(this.channel, JSON.stringify(e));
    await p.exec();
  }
}
