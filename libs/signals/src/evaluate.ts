import { decide, type SignalState } from './decide';
import { stateKeyOf } from './dedupe';
import { breakingCandidates, breakingRule } from './rules/breaking.rule';
import { mentionSpikeRule } from './rules/mention-spike.rule';
import { priceMoveRule, shockRule } from './rules/price.rules';
import { cooldownMsOf } from './rules/rule-helpers';
import { sentimentShiftRule, sentimentThresholdRule } from './rules/sentiment.rules';
import type { AlertType, Candidate, Observation, PriceView, RuleConfig, RuleContext, RuleFn, StoryLookup, Target } from './signal.types';
import { prepareObservations } from './target-window';

/** Every rule type's function. `breaking` here yields the strongest story; `evaluateRules` yields all. */
export const RULES: Record<AlertType, RuleFn> = {
  breaking: breakingRule,
  sentiment_threshold: sentimentThresholdRule,
  sentiment_shift: sentimentShiftRule,
  mention_spike: mentionSpikeRule,
  price_move: priceMoveRule,
  shock: shockRule,
};

export interface EvaluateInput {
  rules: readonly RuleConfig[];
  target: Target;
  /** Scored observations of the target (any order, duplicates allowed: see `prepareObservations`). */
  observations: readonly Observation[];
  price?: PriceView | null;
  asOf: number | Date | string;
  stories?: StoryLookup | null;
  /** See `RuleContext.storiesFromWindow`. */
  storiesFromWindow?: boolean;
  triggerArticleIds?: readonly number[] | null;
  /**
   * The observations are already time-ordered, one per article and none after `asOf` (as
   * `TargetWindow.observations(asOf)` gives them): skips re-sorting them.
   */
  prepared?: boolean;
}

export interface RuleEvaluation {
  rule: RuleConfig;
  stateKey: string;
  cooldownMs: number;
  candidate: Candidate | null;
  level: number | null;
}

/** Whether a configured rule applies to the target: enabled, and for this symbol/keyword or for all. */
export function ruleApplies(rule: RuleConfig, target: Target): boolean {
  if (rule.enabled === false || !(rule.type in RULES)) return false;
  const sym = rule.symbol?.trim();
  const kw = rule.keyword?.trim();
  if (!sym && !kw) return true;
  return target.type === 'ticker' ? !!sym && sym.toUpperCase() === target.key.toUpperCase() : !!kw && kw.toLowerCase() === target.key.toLowerCase();
}

function toMs(at: number | Date | string): number {
  const ms = typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`evaluateRules: bad asOf ${String(at)}`);
  return ms;
}

/**
 * Runs the target's rules over its observations and price at event time `asOf`. Pure: the same input
 * gives the same evaluations (and dedupe keys), so stateless workers can evaluate from database rows.
 * Non-firing evaluations are returned too: their level re-arms hysteresis in `decide`.
 */
export function evaluateRules(input: EvaluateInput): RuleEvaluation[] {
  const asOf = toMs(input.asOf);
  const observations = input.prepared ? input.observations : prepareObservations(input.observations, asOf);
  const out: RuleEvaluation[] = [];
  for (const rule of input.rules) {
    if (!ruleApplies(rule, input.target)) continue;
    const ctx: RuleContext = { rule, target: input.target, observations, price: input.price ?? null, asOf, stories: input.stories, storiesFromWindow: input.storiesFromWindow, triggerArticleIds: input.triggerArticleIds };
    const cooldownMs = cooldownMsOf(ctx);
    const baseKey = stateKeyOf(rule.type, rule.id, input.target);
    if (rule.type === 'breaking') {
      const all = breakingCandidates(ctx);
      if (all.length === 0) out.push({ rule, stateKey: baseKey, cooldownMs, candidate: null, level: 0 });
      // One cooldown per rule and target: a burst of ten different stories is one alert, not ten
      // (the strongest story comes first); each story still has its own dedupe key.
      // The candidates are this evaluation's own: set in place, as a spread would make their lazy parts.
      for (const c of all) {
        c.stateKey = baseKey;
        out.push({ rule, stateKey: baseKey, cooldownMs, candidate: c, level: c.level });
      }
      continue;
    }
    const { candidate, level } = RULES[rule.type](ctx);
    out.push({ rule, stateKey: candidate?.stateKey ?? baseKey, cooldownMs, candidate, level });
  }
  return out;
}

/** The candidates of evaluations, before cooldown and hysteresis. */
export function firingCandidates(evaluations: readonly RuleEvaluation[]): Candidate[] {
  return evaluations.flatMap((e) => (e.candidate ? [e.candidate] : []));
}

export interface AppliedDecisions {
  /** Candidates to insert as alerts (the caller still checks snoozes). */
  fire: Candidate[];
  /** New state of every evaluated state key, to persist. */
  states: Map<string, SignalState>;
}

/** Applies `decide` to every evaluation with the states loaded for their keys (missing: initial). */
export function applyDecisions(
  evaluations: readonly RuleEvaluation[],
  states: ReadonlyMap<string, SignalState> | Readonly<Record<string, SignalState>>,
  asOf: number,
): AppliedDecisions {
  const get = (k: string) => (states instanceof Map ? states.get(k) : (states as Readonly<Record<string, SignalState>>)[k]) ?? null;
  const fire: Candidate[] = [];
  const next = new Map<string, SignalState>();
  for (const e of evaluations) {
    // Breaking without a candidate has nothing to re-arm: story states only ever see their own story.
    if (!e.candidate && e.rule.type === 'breaking') continue;
    const d = decide(next.get(e.stateKey) ?? get(e.stateKey), e.candidate, asOf, e.cooldownMs, { level: e.level, rearmBelow: rearmOf(e.rule) });
    next.set(e.stateKey, d.next);
    if (d.fire && e.candidate) fire.push(e.candidate);
  }
  return { fire, states: next };
}

function rearmOf(rule: RuleConfig): number | undefined {
  const v = rule.params?.rearmRatio;
  return typeof v === 'number' && v >= 0 && v < 1 ? v : undefined;
}
