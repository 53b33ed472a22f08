/**
 * Multinomial logistic regression with the neutral class as reference: two weights per feature
 * (positive, negative). Weights are trained by `train/train.main.ts` and committed as a module.
 */
import { idOfKey, WeightTable } from './hash';

export interface Model {
  id: string;
  bias: [number, number];
  table: WeightTable;
}

/** Parses the packed "feature\twPos\twNeg" lines written by the training script. */
export function loadModel(id: string, bias: [number, number], packed: string): Model {
  const lines = packed.split('\n');
  const table = new WeightTable(lines.length);
  for (const line of lines) {
    if (!line) continue;
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    table.set(idOfKey(line.slice(0, a)), Number(line.slice(a + 1, b)), Number(line.slice(b + 1)));
  }
  return { id, bias, table };
}

/** score = P(positive) − P(negative), in −1..1. */
export function scoreFromLogits(zp: number, zn: number): number {
  const m = Math.max(zp, zn, 0);
  // One of the three exponents is the maximum itself, exactly 0: exp(0) is exactly 1, so that
  // call is skipped (a difference of 0 only; NaN and ±Infinity still go through Math.exp).
  const dp = zp - m;
  const dn = zn - m;
  const ep = dp === 0 ? 1 : Math.exp(dp);
  const en = dn === 0 ? 1 : Math.exp(dn);
  const e0 = m === 0 ? 1 : Math.exp(-m);
  return (ep - en) / (ep + en + e0);
}
