import { dedupeKeyOf, stateKeyOf } from '../dedupe';
import type { AlertType, Candidate, Observation, RuleContext, Severity } from '../signal.types';

export const MINUTE_MS = 60_000;
const MAX_EVIDENCE_ARTICLES = 20;

/** `symbol`/`keyword` fields of an alert on this target. */
export function targetFields(ctx: RuleContext): { symbol: string | null; keyword: string | null } {
  return ctx.target.type === 'ticker' ? { symbol: ctx.target.key.toUpperCase(), keyword: null } : { symbol: null, keyword: ctx.target.key.toLowerCase() };
}

export function cooldownMsOf(ctx: RuleContext): number {
  return Math.max(0, (ctx.rule.cooldownSeconds ?? 3600) * 1000);
}

/** The ids of the observations that weigh most (|score| × relevance), at most 20. */
export function strongestIds(obs: readonly Observation[]): number[] {
  return [...obs]
    .sort((a, b) => Math.abs(b.score) * b.relevance - Math.abs(a.score) * a.relevance || b.t - a.t)
    .slice(0, MAX_EVIDENCE_ARTICLES)
    .map((o) => o.articleId);
}

/** The newest ids, at most 20. */
export function newestIds(obs: readonly Observation[]): number[] {
  return obs
    .slice(-MAX_EVIDENCE_ARTICLES)
    .reverse()
    .map((o) => o.articleId);
}

/** A value, or how to make it when it is first read. */
export type Lazy<T> = T | (() => T);

export interface CandidateParts {
  type: AlertType;
  severity: Severity;
  title: string;
  message: string;
  level: number;
  /** Made when first read (see `makeCandidate`). */
  articleIds?: Lazy<number[]>;
  score?: number;
  changePct?: number;
  /** Made when first read (see `makeCandidate`). */
  evidence: Lazy<Record<string, unknown>>;
  /** A story/article scope makes a one-off event (no hysteresis); otherwise the time bucket is used. */
  scope?: string;
}

/**
 * A candidate alert. Its `articleIds` and `evidence` are made when first read: most candidates of
 * a level rule are held back by cooldown or hysteresis and never stored, and the evidence (window
 * statistics with their EWMA, the strongest articles sorted) was most of what evaluating them
 * cost. Reading them (or spreading or serializing the candidate) makes them, once.
 */
export function makeCandidate(ctx: RuleContext, p: CandidateParts): Candidate {
  const dedupeKey = p.scope ? dedupeKeyOf(p.type, ctx.rule.id, ctx.target, p.scope) : dedupeKeyOf(p.type, ctx.rule.id, ctx.target, { at: ctx.asOf, bucketMs: cooldownMsOf(ctx) });
  const { evidence, articleIds } = p;
  const ruleId = ctx.rule.id;
  const asOf = ctx.asOf;
  const candidate = {
    type: p.type,
    severity: ctx.rule.severity ?? p.severity,
    ruleId: ctx.rule.id,
    target: ctx.target,
    ...targetFields(ctx),
    title: p.title,
    message: p.message,
    ...(p.score !== undefined ? { score: round(p.score, 4) } : {}),
    ...(p.changePct !== undefined ? { changePct: round(p.changePct, 4) } : {}),
    articleIds: [] as number[],
    evidence: {} as Record<string, unknown>,
    dedupeKey,
    stateKey: stateKeyOf(p.type, ctx.rule.id, ctx.target, p.scope),
    eventTime: ctx.asOf,
    level: p.level,
    latch: !p.scope,
  };
  lazyProperty(candidate, 'articleIds', () => (typeof articleIds === 'function' ? articleIds() : (articleIds ?? [])));
  lazyProperty(candidate, 'evidence', () => ({ ...(typeof evidence === 'function' ? evidence() : evidence), ruleId, asOf: new Date(asOf).toISOString() }));
  return candidate;
}

/** Makes `obj[key]` an enumerable property computed by `make` on first read (or replaced by a write). */
function lazyProperty<T extends object, K extends keyof T>(obj: T, key: K, make: () => T[K]): void {
  const settle = (value: T[K]) => Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get(): T[K] {
      const value = make();
      settle(value);
      return value;
    },
    set: settle,
  });
}

export function round(n: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Passes the direction filter of a rule ('both', 'negative', 'positive'). */
export function directionAllows(direction: string, value: number): boolean {
  return direction === 'both' || (direction === 'negative' ? value < 0 : value > 0);
}
