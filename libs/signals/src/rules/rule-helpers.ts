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

export interface CandidateParts {
  type: AlertType;
  severity: Severity;
  title: string;
  message: string;
  level: number;
  articleIds?: number[];
  score?: number;
  changePct?: number;
  evidence: Record<string, unknown>;
  /** A story/article scope makes a one-off event (no hysteresis); otherwise the time bucket is used. */
  scope?: string;
}

export function makeCandidate(ctx: RuleContext, p: CandidateParts): Candidate {
  const dedupeKey = p.scope ? dedupeKeyOf(p.type, ctx.rule.id, ctx.target, p.scope) : dedupeKeyOf(p.type, ctx.rule.id, ctx.target, { at: ctx.asOf, bucketMs: cooldownMsOf(ctx) });
  return {
    type: p.type,
    severity: ctx.rule.severity ?? p.severity,
    ruleId: ctx.rule.id,
    target: ctx.target,
    ...targetFields(ctx),
    title: p.title,
    message: p.message,
    ...(p.score !== undefined ? { score: round(p.score, 4) } : {}),
    ...(p.changePct !== undefined ? { changePct: round(p.changePct, 4) } : {}),
    articleIds: p.articleIds ?? [],
    evidence: { ...p.evidence, ruleId: ctx.rule.id, asOf: new Date(ctx.asOf).toISOString() },
    dedupeKey,
    stateKey: stateKeyOf(p.type, ctx.rule.id, ctx.target, p.scope),
    eventTime: ctx.asOf,
    level: p.level,
    latch: !p.scope,
  };
}

export function round(n: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Passes the direction filter of a rule ('both', 'negative', 'positive'). */
export function directionAllows(direction: string, value: number): boolean {
  return direction === 'both' || (direction === 'negative' ? value < 0 : value > 0);
}
