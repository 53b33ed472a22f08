import type { AlertType, Severity } from '@seismo/contracts';

export type { AlertType, Severity };

export type TargetType = 'ticker' | 'keyword';

/** What a window is about: a ticker symbol (`NVDA`) or a keyword term (`deepseek`). */
export interface Target {
  type: TargetType;
  key: string;
}

/** One scored mention of a target, on event time (the article's published time, epoch ms). */
export interface Observation {
  t: number;
  /** Targeted sentiment, -1..1. */
  score: number;
  /** How much the article is about the target, 0..1. */
  relevance: number;
  articleId: number;
  storyId?: number | null;
  source?: string | null;
  title?: string | null;
}

/** Price questions about the target's symbol; `PriceWindows.view(symbol)` of `@seismo/market` fits. */
export interface PriceView {
  changePct(windowMs: number, asOf: number): number | null;
  changeVsPrevClose(asOf: number): number | null;
}

/** A configured rule, as stored in `alert_rules`. A rule with neither symbol nor keyword applies to every target. */
export interface RuleConfig {
  id: number | string;
  type: AlertType;
  symbol?: string | null;
  keyword?: string | null;
  params?: Record<string, unknown> | null;
  cooldownSeconds?: number | null;
  enabled?: boolean | null;
  /** Forces the severity of every candidate of this rule. */
  severity?: Severity | null;
}

/** What is known about a story (one event reported by several sources). */
export interface StoryInfo {
  id: number;
  title?: string | null;
  sources?: string[];
  articleIds?: number[];
}

/** Stories by id: a map, a record, or anything that answers `get` (a lookup made on demand). */
export type StoryLookup = Pick<ReadonlyMap<number, StoryInfo>, 'get'> | Readonly<Record<number, StoryInfo>>;

export interface RuleContext {
  rule: RuleConfig;
  target: Target;
  /** Sorted by `t` ascending, one per article, none after `asOf` (see `prepareObservations`). */
  observations: readonly Observation[];
  price?: PriceView | null;
  /** Event time of the evaluation, epoch ms. */
  asOf: number;
  stories?: StoryLookup | null;
  /**
   * Without `stories`: a story is its observations in this window (titled by the first of them), as
   * a lookup made from the same observations would say. Spares the caller that lookup's grouping.
   */
  storiesFromWindow?: boolean;
  /** Articles that triggered this evaluation; `breaking` looks only at these when given. */
  triggerArticleIds?: readonly number[] | null;
}

/** An alert a rule wants to raise, before cooldown and hysteresis. */
export interface Candidate {
  type: AlertType;
  severity: Severity;
  ruleId: number | string;
  target: Target;
  symbol: string | null;
  keyword: string | null;
  title: string;
  message: string;
  score?: number;
  changePct?: number;
  articleIds: number[];
  evidence: Record<string, unknown>;
  /** Content-derived: the same evaluation always yields the same key (unique in `alerts`). */
  dedupeKey: string;
  /** Key of the cooldown/hysteresis state (`signal_states.key`). */
  stateKey: string;
  eventTime: number;
  /** Signal strength relative to the firing threshold (>= 1 when firing). */
  level: number;
  /** True for level rules (hysteresis: disarm after firing); false for one-off events (`breaking`). */
  latch: boolean;
}

/** A rule's verdict: a candidate or null, plus the level that drives re-arming. */
export interface RuleOutcome {
  candidate: Candidate | null;
  /** |value| / threshold, null when there is nothing to measure. */
  level: number | null;
}

export type RuleFn = (ctx: RuleContext) => RuleOutcome;
