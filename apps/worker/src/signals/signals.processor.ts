import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { QueueName, type EvaluateSignalsJobData } from '@seismo/contracts';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { mergeEvaluations } from './merge-evaluations';
import { SignalEvaluationService } from './signal-evaluation.service';

/** Waiting jobs taken into one evaluation at most (with the one BullMQ handed over). */
export const SIGNALS_BATCH = 64;
/** A job that waited in the queue at least this long (ms) was behind others: there may be more waiting. */
export const BACKLOG_WAIT_MS = 10;

/**
 * Whether to look for waiting jobs to take with this one. Looking costs a Redis round trip on the
 * alert's path; it pays only in a backlog. A job that started as soon as it was added (one BullMQ
 * hop, about a millisecond) had nothing before it, and jobs added after it will find the worker
 * busy, wait, and gather when their turn comes. A backlog is seen as the job's own wait, a retry
 * (it waited for its backoff), or the previous evaluation having found jobs waiting.
 */
export function shouldGather(job: Pick<Job, 'timestamp' | 'processedOn' | 'attemptsMade'>, previousFound: boolean, now = Date.now()): boolean {
  if (previousFound || job.attemptsMade > 0) return true;
  const waited = (job.processedOn ?? now) - job.timestamp;
  return !(waited < BACKLOG_WAIT_MS);
}

const valid = (p: EvaluateSignalsJobData | undefined) => !!p && Array.isArray(p.symbols) && Array.isArray(p.keywords) && Number.isFinite(Date.parse(p.asOf));
const validJob = (d: EvaluateSignalsJobData | undefined) => valid(d) && (d!.points === undefined || (Array.isArray(d!.points) && d!.points.every(valid)));

/**
 * `signals` queue: evaluate the rules of the targets a batch of articles or bars touched.
 *
 * When evaluations queue up (a backlog, a replay, a burst of feeds), the jobs waiting behind the
 * one BullMQ hands over are taken with it and evaluated together: their points merge per half hour
 * of event time, so a target is judged once per half hour instead of once per job. The extra jobs
 * are taken with a lock, as any worker takes a job, and completed only after the evaluation is
 * stored; a crash leaves them locked until BullMQ's stall check puts them back, so none is lost.
 */
@Processor(QueueName.Signals, { concurrency: 1, autorun: false })
export class SignalsProcessor extends WorkerHost implements OnModuleDestroy {
  private readonly logger = new Logger(SignalsProcessor.name);
  /** A worker without a processor, only to take waiting jobs (BullMQ's manual processing). */
  private taker: Worker<EvaluateSignalsJobData> | null = null;
  /** The previous evaluation took waiting jobs with its own. */
  private foundWaiting = false;

  constructor(private readonly service: SignalEvaluationService) {
    super();
  }

  async process(job: Job<EvaluateSignalsJobData>) {
    if (!validJob(job.data)) throw new UnrecoverableError(`job ${job.id}: symbols, keywords and asOf are required (in every point)`);
    const token = randomUUID();
    // Gathered while the evaluation's first reads run; malformed ones fail on their own.
    const taken = shouldGather(job, this.foundWaiting) ? this.takeWaiting(token, SIGNALS_BATCH - 1) : Promise.resolve([] as Job<EvaluateSignalsJobData>[]);
    const gathered = taken.then(async (extra) => {
      const bad = extra.filter((j) => !validJob(j.data));
      await Promise.all(bad.map((j) => j.moveToFailed(new UnrecoverableError(`job ${j.id}: symbols, keywords and asOf are required (in every point)`), token, false)));
      return extra.filter((j) => validJob(j.data));
    });
    try {
      const result = await this.service.evaluate(
        gathered.then((usable) => (usable.length ? mergeEvaluations([job.data, ...usable.map((j) => j.data)]) : job.data)),
        job.data,
      );
      const usable = await gathered;
      this.foundWaiting = usable.length > 0;
      this.logger.debug(`queue=${QueueName.Signals} job=${job.id} attempt=${job.attemptsMade + 1} batched=${usable.length}`);
      await Promise.all(usable.map((j) => j.moveToCompleted({ ...result, batchedWith: job.id }, token, false)));
      return { ...result, batched: usable.length };
    } catch (e) {
      // The taken jobs fail with this one and are retried by their own attempts and backoff.
      const usable = await gathered.catch(() => [] as Job<EvaluateSignalsJobData>[]);
      await Promise.all(usable.map((j) => j.moveToFailed(e as Error, token, false).catch(() => undefined)));
      throw e;
    }
  }

  private async takeWaiting(token: string, max: number): Promise<Job<EvaluateSignalsJobData>[]> {
    this.taker ??= new Worker<EvaluateSignalsJobData>(QueueName.Signals, null, { ...this.worker.opts, autorun: false, concurrency: 1 });
    const out: Job<EvaluateSignalsJobData>[] = [];
    while (out.length < max) {
      const next = (await this.taker.getNextJob(token, { block: false })) as Job<EvaluateSignalsJobData> | undefined;
      if (!next) break;
      out.push(next);
    }
    return out;
  }

  async onModuleDestroy(): Promise<void> {
    await this.taker?.close();
  }
}
