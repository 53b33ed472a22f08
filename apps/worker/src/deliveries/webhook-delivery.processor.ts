import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QueueName, type DeliverWebhookJobData } from '@seismo/contracts';
import { alertToPayload, WebhooksRepository } from '@seismo/db';
import { UnrecoverableError, type Job } from 'bullmq';
import { signBody, webhookBody } from './webhook.format';

/** `deliveries` queue: POST one alert to one endpoint, signed; failures are retried with backoff. */
@Processor(QueueName.Deliveries, { concurrency: 8, autorun: false })
export class WebhookDeliveryProcessor extends WorkerHost {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);

  constructor(private readonly hooks: WebhooksRepository) {
    super();
  }

  async process(job: Job<DeliverWebhookJobData>) {
    const id = job.data?.deliveryId;
    if (!Number.isInteger(id)) throw new UnrecoverableError(`job ${job.id}: deliveryId must be an integer`);
    const d = await this.hooks.delivery(id);
    if (!d) throw new UnrecoverableError(`delivery ${id} no longer exists`);
    if (d.status === 'delivered') return { status: 'delivered', already: true };
    const body = JSON.stringify(webhookBody(d.endpoint.format, alertToPayload(d.alert)));
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.endpoint.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Seismo-Webhook/0.1', 'x-seismo-signature': signBody(d.endpoint.secret, body), 'x-seismo-delivery': String(d.id) },
        body,
        signal: AbortSignal.timeout(10_000),
        redirect: 'manual',
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? 'timed out after 10 s' : (e as Error).message;
    }
    await this.hooks.recordAttempt(id, { ok: error === null, statusCode: status, error, final: error !== null && final });
    if (error) {
      this.logger.warn(`delivery ${id} to endpoint ${d.endpoint.id} failed (attempt ${job.attemptsMade + 1}): ${error}`);
      throw new Error(`webhook delivery ${id} failed: ${error}`);
    }
    return { status: 'delivered', code: status };
  }
}
