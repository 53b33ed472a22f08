import { signed, spanAdjective, spanNoun, targetLabel } from '../format';
import { resolveParams } from '../rule-params';
import type { Observation, RuleContext, RuleOutcome } from '../signal.types';
import { windowSlice, windowStats, type WindowStats } from '../target-window';
import { directionAllows, makeCandidate, MINUTE_MS, round, strongestIds } from './rule-helpers';

export function statsEvidence(s: WindowStats): Record<string, unknown> {
  return {
    from: new Date(s.from).toISOString(),
    to: new Date(s.to).toISOString(),
    count: s.count,
    mean: round(s.mean),
    weightedMean: round(s.weightedMean),
    ewma: round(s.ewma),
    std: round(s.std),
    velocityPerHour: round(s.velocityPerHour),
  };
}

/** `sentiment_threshold`: the rolling relevance-weighted mean (or EWMA) beyond ±threshold. */
export function sentimentThresholdRule(ctx: RuleContext): RuleOutcome {
  const p = resolveParams('sentiment_threshold', ctx.rule.params);
  const from = ctx.asOf - p.windowMinutes * MINUTE_MS;
  const s = windowStats(ctx.observations, from, ctx.asOf, { minRelevance: p.minRelevance });
  if (s.count === 0) return { candidate: null, level: null };
  const value = p.metric === 'ewma' ? s.ewma : s.weightedMean;
  const level = directionAllows(p.direction, value) ? Math.abs(value) / p.threshold : 0;
  if (level < 1 || s.count < p.minArticles) return { candidate: null, level: s.count < p.minArticles ? Math.min(level, 0.99) : level };
  const label = targetLabel(ctx.target);
  const tone = value < 0 ? 'negative' : 'positive';
  return {
    level,
    candidate: makeCandidate(ctx, {
      type: 'sentiment_threshold',
      severity: Math.abs(value) >= p.criticalThreshold ? 'critical' : 'warning',
      title: `${label} sentiment ${tone} (${signed(value)})`,
      message: `${label} sentiment averaged ${signed(value)} over ${s.count} articles in the last ${spanNoun(p.windowMinutes)} (threshold ±${p.threshold})`,
      level,
      score: value,
      articleIds: () => strongestIds(windowSlice(ctx.observations, from, ctx.asOf, p.minRelevance)),
      evidence: () => ({ window: statsEvidence(s), metric: p.metric, value: round(value), threshold: p.threshold, minArticles: p.minArticles }),
    }),
  };
}

export interface ShiftMeasure {
  recent: WindowStats;
  baseline: WindowStats;
  baselineMean: number;
  baselineStd: number;
  /** True when the baseline had too few articles and a neutral prior was used. */
  prior: boolean;
  /** (recent mean − baseline mean) / max(baseline std, floor). */
  z: number;
  /** The recent window's observations (made when read). */
  readonly recentObs: Observation[];
}

interface ShiftParams {
  recentMinutes: number;
  baselineMinutes: number;
  minBaselineArticles: number;
  stdFloor: number;
  minRelevance: number;
}

/** The recent window's mean against the baseline window just before it, in baseline standard deviations. */
export function measureShift(ctx: RuleContext, p: ShiftParams): ShiftMeasure {
  const recentFrom = ctx.asOf - p.recentMinutes * MINUTE_MS;
  const baselineFrom = recentFrom - p.baselineMinutes * MINUTE_MS;
  const recent = windowStats(ctx.observations, recentFrom, ctx.asOf, { minRelevance: p.minRelevance });
  const baseline = windowStats(ctx.observations, baselineFrom, recentFrom, { minRelevance: p.minRelevance });
  const prior = baseline.count < p.minBaselineArticles;
  const baselineMean = prior ? 0 : baseline.weightedMean;
  const baselineStd = Math.max(prior ? 0 : baseline.std, p.stdFloor);
  const z = recent.count > 0 ? (recent.weightedMean - baselineMean) / baselineStd : 0;
  let recentObs: Observation[] | undefined;
  return {
    recent,
    baseline,
    baselineMean,
    baselineStd,
    prior,
    z,
    get recentObs() {
      return (recentObs ??= windowSlice(ctx.observations, recentFrom, ctx.asOf, p.minRelevance));
    },
  };
}

export function shiftEvidence(m: ShiftMeasure): Record<string, unknown> {
  return {
    recent: statsEvidence(m.recent),
    baseline: { ...statsEvidence(m.baseline), mean: round(m.baselineMean), std: round(m.baselineStd), neutralPrior: m.prior },
    z: round(m.z, 3),
  };
}

/** "fell 2.8σ below its 7-day baseline" */
export function shiftPhrase(m: ShiftMeasure, baselineMinutes: number): string {
  const moved = m.z < 0 ? 'fell' : 'rose';
  const where = m.z < 0 ? 'below' : 'above';
  const base = m.prior ? 'a neutral baseline (too few articles before)' : `its ${spanAdjective(baselineMinutes)} baseline`;
  return `${moved} ${Math.abs(m.z).toFixed(1)}σ ${where} ${base}`;
}

/** `sentiment_shift`: the recent mean moved beyond thresholdSigma baseline standard deviations. */
export function sentimentShiftRule(ctx: RuleContext): RuleOutcome {
  const p = resolveParams('sentiment_shift', ctx.rule.params);
  const m = measureShift(ctx, p);
  if (m.recent.count === 0) return { candidate: null, level: null };
  const level = directionAllows(p.direction, m.z) ? Math.abs(m.z) / p.thresholdSigma : 0;
  if (level < 1 || m.recent.count < p.minArticles) return { candidate: null, level: m.recent.count < p.minArticles ? Math.min(level, 0.99) : level };
  const label = targetLabel(ctx.target);
  return {
    level,
    candidate: makeCandidate(ctx, {
      type: 'sentiment_shift',
      severity: Math.abs(m.z) >= p.criticalSigma ? 'critical' : 'warning',
      title: `${label} sentiment ${m.z < 0 ? 'fell' : 'rose'} ${Math.abs(m.z).toFixed(1)}σ`,
      message:
        `${label} sentiment ${shiftPhrase(m, p.baselineMinutes)}: ${signed(m.recent.weightedMean)} over the last ${spanNoun(p.recentMinutes)} ` +
        `(${m.recent.count} articles) vs ${signed(m.baselineMean)}`,
      level,
      score: m.recent.weightedMean,
      articleIds: () => strongestIds(m.recentObs),
      evidence: () => ({ ...shiftEvidence(m), thresholdSigma: p.thresholdSigma, criticalSigma: p.criticalSigma, stdFloor: p.stdFloor, minArticles: p.minArticles }),
    }),
  };
}
