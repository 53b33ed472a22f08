import { spanAdjective, spanNoun, targetLabel } from '../format';
import { resolveParams } from '../rule-params';
import type { RuleContext, RuleOutcome } from '../signal.types';
import { windowSlice, windowStats } from '../target-window';
import { makeCandidate, MINUTE_MS, newestIds, round } from './rule-helpers';
import { statsEvidence } from './sentiment.rules';

/** `mention_spike`: mentions per hour in the recent window against the baseline window before it. */
export function mentionSpikeRule(ctx: RuleContext): RuleOutcome {
  const p = resolveParams('mention_spike', ctx.rule.params);
  const recentFrom = ctx.asOf - p.recentMinutes * MINUTE_MS;
  const recent = windowStats(ctx.observations, recentFrom, ctx.asOf, { minRelevance: p.minRelevance });
  const baseline = windowStats(ctx.observations, recentFrom - p.baselineMinutes * MINUTE_MS, recentFrom, { minRelevance: p.minRelevance });
  const baseVelocity = Math.max(baseline.velocityPerHour, p.baselineFloorPerHour);
  const ratio = recent.velocityPerHour / baseVelocity;
  const ratioLevel = ratio / p.ratio;
  // Too few mentions scale the level down, so a thin trickle never counts as a spike.
  const level = ratioLevel * Math.min(1, recent.count / p.minCount);
  if (recent.count < p.minCount || ratioLevel < 1) return { candidate: null, level: Math.min(level, 0.99) };
  const label = targetLabel(ctx.target);
  return {
    level,
    candidate: makeCandidate(ctx, {
      type: 'mention_spike',
      severity: ratio >= p.criticalRatio ? 'critical' : 'warning',
      title: `${label} mentions ×${ratio.toFixed(1)}`,
      message:
        `${label} was mentioned ${recent.count} times in the last ${spanNoun(p.recentMinutes)}, ` +
        `${ratio.toFixed(1)}× its ${spanAdjective(p.baselineMinutes)} baseline of ${baseVelocity.toFixed(2)}/hour`,
      level,
      score: recent.count > 0 ? recent.weightedMean : undefined,
      articleIds: () => newestIds(windowSlice(ctx.observations, recentFrom, ctx.asOf, p.minRelevance)),
      evidence: () => ({
        recent: statsEvidence(recent),
        baseline: { ...statsEvidence(baseline), velocityUsed: round(baseVelocity) },
        ratio: round(ratio, 3),
        thresholdRatio: p.ratio,
        criticalRatio: p.criticalRatio,
        minCount: p.minCount,
      }),
    }),
  };
}
