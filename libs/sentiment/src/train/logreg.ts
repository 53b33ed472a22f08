/**
 * Multinomial logistic regression (neutral as reference class) trained with AdaGrad and L2,
 * plain TypeScript so the weights can be rebuilt anywhere the project runs.
 */
import type { Label } from '../types';

export interface SparseExample {
  idx: Int32Array;
  val: Float32Array;
  label: Label;
  weight: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 on word features. */
  l2: number;
  /** L2 on rule features (indices below `ruleCount`). */
  l2Rules: number;
  ruleCount: number;
  seed: number;
}

export interface Trained {
  wPos: Float64Array;
  wNeg: Float64Array;
  bias: [number, number];
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function probabilities(t: Trained, idx: Int32Array, val: Float32Array): [number, number, number] {
  let zp = t.bias[0];
  let zn = t.bias[1];
  for (let k = 0; k < idx.length; k++) {
    zp += t.wPos[idx[k]] * val[k];
    zn += t.wNeg[idx[k]] * val[k];
  }
  const m = Math.max(zp, zn, 0);
  const ep = Math.exp(zp - m);
  const en = Math.exp(zn - m);
  const e0 = Math.exp(-m);
  const s = ep + en + e0;
  return [ep / s, en / s, e0 / s];
}

export function train(data: readonly SparseExample[], dim: number, o: TrainOptions): Trained {
  const t: Trained = { wPos: new Float64Array(dim), wNeg: new Float64Array(dim), bias: [0, 0] };
  const gPos = new Float64Array(dim).fill(1e-8);
  const gNeg = new Float64Array(dim).fill(1e-8);
  const gb = [1e-8, 1e-8];
  const order = data.map((_, i) => i);
  const r = rng(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const n of order) {
      const ex = data[n];
      const [pp, pn] = probabilities(t, ex.idx, ex.val);
      const ep = (pp - (ex.label === 'positive' ? 1 : 0)) * ex.weight;
      const en = (pn - (ex.label === 'negative' ? 1 : 0)) * ex.weight;
      for (let k = 0; k < ex.idx.length; k++) {
        const f = ex.idx[k];
        const x = ex.val[k];
        const l2 = f < o.ruleCount ? o.l2Rules : o.l2;
        const g1 = ep * x + l2 * t.wPos[f];
        const g2 = en * x + l2 * t.wNeg[f];
        gPos[f] += g1 * g1;
        gNeg[f] += g2 * g2;
        t.wPos[f] -= (o.learningRate * g1) / Math.sqrt(gPos[f]);
        t.wNeg[f] -= (o.learningRate * g2) / Math.sqrt(gNeg[f]);
      }
      gb[0] += ep * ep;
      gb[1] += en * en;
      t.bias[0] -= (o.learningRate * ep) / Math.sqrt(gb[0]);
      t.bias[1] -= (o.learningRate * en) / Math.sqrt(gb[1]);
    }
  }
  return t;
}
