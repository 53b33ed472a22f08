/** Job payloads, one per job name. Producers and processors share these types. */

export interface FetchFeedJobData {
  feedId: number;
  /** A fetch asked for now (feed added, user action): ignores the error backoff, not `enabled`. */
  force?: boolean;
}

/** A normalised feed item, as the feeds stage hands it to the articles stage. */
export interface NormalizedItemData {
  guid: string | null;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  summary: string;
  source: string | null;
  language: string | null;
  /** ISO-8601, UTC. */
  publishedAt: string;
  fetchedAt: string;
  contentHash: string;
}

export interface ProcessArticlesJobData {
  feedId: number | null;
  items: NormalizedItemData[];
}

export interface PriceBarData {
  symbol: string;
  interval: '1m' | '1d';
  /** ISO-8601 start of the bar. */
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  source?: string;
}

export interface PriceBarsJobData {
  bars: PriceBarData[];
}

/** Targets whose windows changed, evaluated at event time `asOf`. */
export interface EvaluationPoint {
  symbols: string[];
  keywords: string[];
  /** ISO-8601 event time (published time of the newest article or time of the newest bar). */
  asOf: string;
  /** Article ids that triggered this evaluation (for `breaking`). */
  articleIds?: number[];
}

/**
 * One `signals` job. The top-level point is the newest; `points`, when given, lists every point
 * of the job (a batch of articles spread over hours is judged at each half hour of event time,
 * in time order, in one job that reads the windows once).
 */
export interface EvaluateSignalsJobData extends EvaluationPoint {
  points?: EvaluationPoint[];
  /** Why, when it is not new data at `asOf` (e.g. `late-news:<article id>`); part of the job id. */
  cause?: string;
}

export interface DeliverWebhookJobData {
  deliveryId: number;
}

export interface PingJobData {
  message: string;
  at: string;
}
