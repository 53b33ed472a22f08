import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { QueueName, type FetchFeedJobData } from '@seismo/contracts';
import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import { FeedIngestService } from './feed-ingest.service';

/** `feeds` queue: one job per poll of one feed (job schedulers add them). */
@Processor(QueueName.Feeds, { concurrency: 8, autorun: false })
export class FeedFetchProcessor extends WorkerHost {
  private readonly logger = new Logger(FeedFetchProcessor.name);

  constructor(
    private readonly ingest: FeedIngestService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    void config;
  }

  async process(job: Job<FetchFeedJobData>): Promise<unknown> {
    const id = job.data?.feedId;
    if (!Number.isInteger(id) || id <= 0) throw new UnrecoverableError(`job ${job.id}: feedId must be a positive integer`);
    this.logger.debug(`queue=${QueueName.Feeds} job=${job.id} attempt=${job.attemptsMade + 1} feed=${id}`);
    return this.ingest.poll(id, job.data.force === true);
  }
}
