import { formatPct, signed, spanNoun, targetLabel } from '../format';
import { resolveParams } from '../rule-params';
import type { RuleContext, RuleOutcome } from '../signal.types';
import { makeCandidate, MINUTE_MS, round, strongestIds } from './rule-helpers';
import { measureShift, shiftEvidence, shiftPhrase } from './sentiment.rules';

export interface PriceChange {
  changePct: number;
  basis: 'previousClose' | 'window';
  windowMinutes: number | null;
  /** "vs previous close" or "in 60 minutes" */
  phrase: string;
}

/** The price change of a ticker target at `asOf`, vs previous close (windowMinutes 0) or over a window. */
export function priceChangeOf(ctx: RuleContext, windowMinutes: number): PriceChange | null {
  if (ctx.target.type !== 'ticker' || !ctx.price) return null;
  if (windowMinutes > 0) {
    const c = ctx.price.changePct(windowMinutes * MINUTE_MS, ctx.asOf);
    return c === null || !Number.isFinite(c) ? null : { changePct: c, basis: 'window', windowMinutes, phrase: `over the last ${spanNoun(windowMinutes)}` };
  }
  const c = ctx.price.changeVsPrevClose(ctx.asOf);
  return c === null || !Number.isFinite(c) ? null : { changePct: c, basis: 'previousClose', windowMinutes: null, phrase: 'vs previous close' };
}

function priceEvidence(c: PriceChange): Record<string, unknown> {
  return { changePct: round(c.changePct), basis: c.basis, windowMinutes: c.windowMinutes };
}

/** `price_move`: |Δ%| ≥ warnPct (warning) or ≥ criticalPct (critical). */
export function priceMoveRule(ctx: RuleContext): RuleOutcome {
  const p = resolveParams('price_move', ctx.rule.params);
  const c = priceChangeOf(ctx, p.windowMinutes);
  if (!c) return { candidate: null, level: null };
  const level = Math.abs(c.changePct) / p.warnPct;
  if (level < 1) return { candidate: null, level };
  const label = targetLabel(ctx.target);
  return {
    level,
    candidate: makeCandidate(ctx, {
      type: 'price_move',
      severity: Math.abs(c.changePct) >= p.criticalPct ? 'critical' : 'warning',
      title: `${label} ${formatPct(c.changePct)} ${c.phrase}`,
      message: `${label} is ${c.changePct < 0 ? 'down' : 'up'} ${formatPct(Math.abs(c.changePct)).replace('+', '')} ${c.phrase} (alert at ±${p.warnPct}%, critical at ±${p.criticalPct}%)`,
      level,
      changePct: c.changePct,
      evidence: { price: priceEvidence(c), warnPct: p.warnPct, criticalPct: p.criticalPct },
    }),
  };
}

/**
 * `shock`: a sentiment shift AND a price move in the same direction on the same symbol inside one
 * window — the DeepSeek signature. Always critical.
 */
export function shockRule(ctx: RuleContext): RuleOutcome {
  const p = resolveParams('shock', ctx.rule.params);
  const c = priceChangeOf(ctx, p.windowMinutes);
  if (!c) return { candidate: null, level: null };
  const m = measureShift(ctx, p);
  // The sentiment side: a shift against the baseline, or a recent mean already far from neutral
  // (a baseline that soured over a weekend hides the shift in σ, not in the mean).
  const mean = m.recent.count > 0 ? m.recent.weightedMean : 0;
  const zLevel = m.z !== 0 && Math.sign(m.z) === Math.sign(c.changePct) ? Math.abs(m.z) / p.thresholdSigma : 0;
  const meanLevel = mean !== 0 && Math.sign(mean) === Math.sign(c.changePct) ? Math.abs(mean) / p.meanThreshold : 0;
  const sentimentLevel = Math.max(zLevel, meanLevel);
  const level = sentimentLevel > 0 ? Math.min(sentimentLevel, Math.abs(c.changePct) / p.pricePct) : 0;
  if (level < 1 || m.recent.count < p.minArticles) return { candidate: null, level: m.recent.count < p.minArticles ? Math.min(level, 0.99) : level };
  const label = targetLabel(ctx.target);
  return {
    level,
    candidate: makeCandidate(ctx, {
      type: 'shock',
      severity: 'critical',
      title: `Shock: ${label} ${formatPct(c.changePct)} as sentiment ${c.changePct < 0 ? 'collapses' : 'surges'}`,
      message: `${label} ${formatPct(c.changePct)} ${c.phrase} while sentiment ${zLevel >= meanLevel ? shiftPhrase(m, p.baselineMinutes) : `averaged ${signed(mean)} over ${m.recent.count} articles in the last ${spanNoun(p.recentMinutes)}`}`,
      level,
      score: m.recent.weightedMean,
      changePct: c.changePct,
      articleIds: () => strongestIds(m.recentObs),
      evidence: () => ({ ...shiftEvidence(m), recentMean: mean, price: priceEvidence(c), thresholdSigma: p.thresholdSigma, meanThreshold: p.meanThreshold, pricePct: p.pricePct, minArticles: p.minArticles }),
    }),
  };
}
