import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QueueName, type EvaluateSignalsJobData } from '@seismo/contracts';
import { UnrecoverableError, type Job } from 'bullmq';
import { SignalEvaluationService } from './signal-evaluation.service';

/** `signals` queue: evaluate the rules of the targets a batch of articles or bars touched. */
@Processor(QueueName.Signals, { concurrency: 1 })
export class SignalsProcessor extends WorkerHost {
  private readonly logger = new Logger(SignalsProcessor.name);

  constructor(private readonly service: SignalEvaluationService) {
    super();
  }

  async process(job: Job<EvaluateSignalsJobData>) {
    const d = job.data;
    const valid = (p: EvaluateSignalsJobData | undefined) => !!p && Array.isArray(p.symbols) && Array.isArray(p.keywords) && Number.isFinite(Date.parse(p.asOf));
    if (!valid(d) || (d.points !== undefined && (!Array.isArray(d.points) || !d.points.every(valid)))) {
      throw new UnrecoverableError(`job ${job.id}: symbols, keywords and asOf are required (in every point)`);
    }
    this.logger.debug(`queue=${QueueName.Signals} job=${job.id} attempt=${job.attemptsMade + 1}`);
    return this.service.evaluate(d);
  }
}
