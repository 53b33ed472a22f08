import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QueueName, type ProcessArticlesJobData } from '@seismo/contracts';
import { UnrecoverableError, type Job } from 'bullmq';
import { ArticleScoringService } from './article-scoring.service';

/** `articles` queue: a batch of normalised items per job; retried jobs are harmless (unique keys). */
@Processor(QueueName.Articles, { concurrency: 4, autorun: false })
export class ArticlesProcessor extends WorkerHost {
  private readonly logger = new Logger(ArticlesProcessor.name);

  constructor(private readonly scoring: ArticleScoringService) {
    super();
  }

  async process(job: Job<ProcessArticlesJobData>) {
    if (!job.data || !Array.isArray(job.data.items)) throw new UnrecoverableError(`job ${job.id}: items must be an array`);
    this.logger.debug(`queue=${QueueName.Articles} job=${job.id} attempt=${job.attemptsMade + 1} items=${job.data.items.length}`);
    // Started before (failed, or its worker died): see `ArticleScoringService.process`.
    return this.scoring.process(job.data, { retry: job.attemptsStarted > 1 || job.attemptsMade > 0 });
  }
}
