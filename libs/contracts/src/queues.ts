/**
 * Queue and job names. The values are Redis keys: never rename one (jobs already queued under the
 * old name would be orphaned). Add new names instead.
 */
export const QUEUE_PREFIX_DEFAULT = 'seismo';

export const QueueName = {
  Feeds: 'feeds',
  Articles: 'articles',
  Prices: 'prices',
  Signals: 'signals',
  Deliveries: 'deliveries',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
export const ALL_QUEUES: QueueName[] = Object.values(QueueName);

export const JobName = {
  FetchFeed: 'fetch-feed',
  ProcessArticles: 'process-articles',
  PriceBars: 'price-bars',
  EvaluateSignals: 'evaluate-signals',
  DeliverWebhook: 'deliver-webhook',
  Ping: 'ping',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** Redis pub/sub channel on which the worker publishes what the gateway emits. */
export const EVENTS_CHANNEL = 'seismo:events';
