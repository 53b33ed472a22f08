import { Injectable, Logger } from '@nestjs/common';
import { FeedsRepository } from '@seismo/db';
import { FeedsProducer } from '@seismo/queues';

/** Rebuilds the per-feed job schedulers from Postgres (at start-up and whenever Redis lost them). */
@Injectable()
export class FeedSchedulesService {
  private readonly logger = new Logger(FeedSchedulesService.name);

  constructor(
    private readonly feeds: FeedsRepository,
    private readonly producer: FeedsProducer,
  ) {}

  async reconcile(): Promise<{ scheduled: number; removed: number }> {
    const feeds = await this.feeds.allEnabled();
    const existing = new Set(await this.producer.schedulerIds());
    const wanted = new Set(feeds.map((f) => `feed:${f.id}`));
    let scheduled = 0;
    for (const f of feeds) {
      if (!existing.has(`feed:${f.id}`)) {
        await this.producer.schedule(f.id, f.pollSeconds);
        scheduled++;
      }
    }
    let removed = 0;
    for (const id of existing) {
      if (!wanted.has(id) && id.startsWith('feed:')) {
        await this.producer.unschedule(Number(id.slice(5)));
        removed++;
      }
    }
    if (scheduled || removed) this.logger.log(`job schedulers reconciled: ${scheduled} added, ${removed} removed`);
    return { scheduled, removed };
  }
}
