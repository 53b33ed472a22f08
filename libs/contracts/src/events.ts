/** socket.io contract of namespace `/alerts`, shared by the gateway, tests, dashboard and CLI. */
export const ALERTS_NAMESPACE = '/alerts';

export const AlertTypes = ['breaking', 'sentiment_threshold', 'sentiment_shift', 'mention_spike', 'price_move', 'shock'] as const;
export type AlertType = (typeof AlertTypes)[number];
export const Severities = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof Severities)[number];

export interface EvidenceArticle {
  id: number;
  title: string;
  source: string | null;
  url: string | null;
  publishedAt: string;
  score?: number;
}

export interface AlertPayload {
  id: number;
  type: AlertType;
  severity: Severity;
  symbol?: string | null;
  keyword?: string | null;
  title: string;
  message: string;
  score?: number | null;
  changePct?: number | null;
  articleIds: number[];
  createdAt: string;
  /** Event time the rule fired at (article published time or bar time). */
  eventTime?: string;
  /** Why it fired: articles, window values, thresholds, price change. */
  evidence?: Record<string, unknown> & { articles?: EvidenceArticle[] };
  /** Tickers a keyword alert reaches through keyword links. */
  linkedSymbols?: string[];
}

export interface ArticleTargetScore {
  type: 'ticker' | 'keyword';
  symbol: string;
  name?: string | null;
  label: string;
  score: number;
  relevance: number;
}

export interface ArticlePayload {
  id: number;
  title: string;
  summary: string;
  url: string | null;
  source: string | null;
  publishedAt: string;
  storyId: number | null;
  label: string | null;
  sentiment: number | null;
  targets: ArticleTargetScore[];
}

export interface SubscribePayload {
  symbols?: string[];
  keywords?: string[];
  types?: AlertType[];
  /** Last alert id the client saw: missed alerts are replayed from Postgres, then live. */
  after?: number;
}

export type SubscribeAck = { ok: true; rooms: string[]; replayed: number } | { ok: false; error: string };

export interface ServerToClientEvents {
  alert: (payload: AlertPayload) => void;
  article: (payload: ArticlePayload) => void;
  ping: (payload: { message: string; at: string }) => void;
}

export interface ClientToServerEvents {
  subscribe: (payload: SubscribePayload, ack: (res: SubscribeAck) => void) => void;
  unsubscribe: (payload: SubscribePayload, ack: (res: SubscribeAck) => void) => void;
}

/** Room names; clients join them only through a validated `subscribe`. */
export const room = {
  symbol: (s: string) => `symbol:${s.toUpperCase()}`,
  keyword: (k: string) => `keyword:${k.toLowerCase()}`,
  all: () => 'all',
};

/** What the worker publishes on EVENTS_CHANNEL for the gateway to emit. */
export type PipelineEvent =
  | { kind: 'alert'; alert: AlertPayload }
  | { kind: 'article'; article: ArticlePayload }
  /** A stored batch's news, in one message (the worker sends these; `article` is still read). */
  | { kind: 'articles'; articles: ArticlePayload[] }
  | { kind: 'ping'; message: string; at: string };
