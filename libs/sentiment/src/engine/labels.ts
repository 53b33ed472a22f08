/** Score → label mappings. Thresholds are stored with every score so history stays comparable. */
import type { Label, Label5, Thresholds } from '../types';

/** Alpha Vantage's five-level cut-offs. */
export const LABEL5_CUTOFFS = { bullish: 0.35, somewhatBullish: 0.15, somewhatBearish: -0.15, bearish: -0.35 } as const;

/** `positive` when score ≥ thresholds.positive, `negative` when score ≤ thresholds.negative. */
export function label3(score: number, t: Thresholds): Label {
  if (score >= t.positive) return 'positive';
  if (score <= t.negative) return 'negative';
  return 'neutral';
}

export function label5(score: number): Label5 {
  if (score >= LABEL5_CUTOFFS.bullish) return 'bullish';
  if (score >= LABEL5_CUTOFFS.somewhatBullish) return 'somewhat-bullish';
  if (score <= LABEL5_CUTOFFS.bearish) return 'bearish';
  if (score <= LABEL5_CUTOFFS.somewhatBearish) return 'somewhat-bearish';
  return 'neutral';
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
