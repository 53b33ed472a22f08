/** Classification metrics for the evaluation and training scripts. */
import type { Label } from '../types';

export const LABELS: readonly Label[] = ['positive', 'negative', 'neutral'];

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Scores {
  n: number;
  accuracy: number;
  /** Mean F1 over the classes present in the gold labels. */
  macroF1: number;
  perClass: Record<Label, ClassScores>;
}

export function score(gold: readonly Label[], pred: readonly Label[]): Scores {
  const perClass = {} as Record<Label, ClassScores>;
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === pred[i]) correct++;
  let sum = 0;
  let present = 0;
  for (const c of LABELS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === c && gold[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support: tp + fn };
    if (tp + fn > 0) {
      sum += f1;
      present++;
    }
  }
  return { n: gold.length, accuracy: gold.length ? correct / gold.length : 0, macroF1: present ? sum / present : 0, perClass };
}

/** Macro-F1 over positive and negative only (for sets such as FiQA that are nearly binary). */
export function polarMacroF1(s: Scores): number {
  return (s.perClass.positive.f1 + s.perClass.negative.f1) / 2;
}
