/** Three-level label stored with every score. */
export type Label = 'positive' | 'negative' | 'neutral';

/** Five-level label with the Alpha Vantage cut-offs (±0.15, ±0.35). */
export type Label5 = 'bearish' | 'somewhat-bearish' | 'neutral' | 'somewhat-bullish' | 'bullish';

/** A ticker a user watches; extends the built-in directory at run time. */
export interface WatchedTicker {
  symbol: string;
  name?: string | null;
  aliases?: string[];
}

/** A topic a user watches; `symbols` links its mentions to tickers. */
export interface WatchedKeyword {
  term: string;
  aliases?: string[];
  symbols?: string[];
}

export interface TargetResult {
  type: 'ticker' | 'keyword';
  /** Ticker symbol, or the keyword term for type `keyword`. */
  symbol: string;
  name: string | null;
  label: Label;
  label5: Label5;
  score: number;
  relevance: number;
  /** Set when a ticker target came only through a linked keyword. */
  viaKeyword?: string;
}

export interface Thresholds {
  positive: number;
  negative: number;
}

export interface Analysis {
  label: Label;
  label5: Label5;
  score: number;
  /** Why nothing could be said (empty, no words, …); absent on normal results. */
  reason?: string;
  modelVersion: string;
  thresholds: Thresholds;
  targets: TargetResult[];
}

export interface AnalyzeOptions {
  /** When given, `text` is the summary/body and the title counts more for relevance. */
  title?: string;
  /** Symbols or company names to score instead of linking against the directory. */
  targets?: string[];
}

/** One input line of the CLI `score` command and of `POST /api/score`. */
export interface ScoreRequest {
  id: string | number;
  text: string;
  targets?: string[];
}

export interface ScoreLineTarget {
  symbol: string;
  name: string | null;
  label: Label;
  score: number;
  relevance: number;
}

/** One output line of the CLI `score` command and the body of `POST /api/score`. */
export interface ScoreLine {
  id: string | number;
  label: Label;
  score: number;
  targets: ScoreLineTarget[];
}
