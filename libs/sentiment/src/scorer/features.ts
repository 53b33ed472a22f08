/**
 * Features for the statistical model: word and bigram features (entity names masked, negation
 * marked, contrast-weighted, L2-normalised) plus the rule evidence summed over the same tokens.
 * The training script and the engine share this code, so the features cannot drift apart. The
 * hot path (`modelLogits`) hashes features from their parts and never builds strings.
 */
import { Kind, type Token } from '../text/tokenize';
import { bigramId, hashString, namedId, unigramId, type WeightTable } from './hash';
import type { RuleResult } from './rules';
import type { Layout } from './segments';

export type Ranges = readonly (readonly [number, number])[];

/** Rule evidence summed over a set of token ranges. */
export interface RuleSummary {
  pos: number;
  neg: number;
  composedPos: number;
  composedNeg: number;
  count: number;
  cues: number;
  question: boolean;
}

export function inRanges(ranges: Ranges, i: number): boolean {
  for (const [a, b] of ranges) if (i >= a && i < b) return true;
  return false;
}

export function summarise(rules: RuleResult, lay: Layout, ranges: Ranges): RuleSummary {
  const s: RuleSummary = { pos: 0, neg: 0, composedPos: 0, composedNeg: 0, count: 0, cues: 0, question: false };
  for (const e of rules.evidence) {
    if (!inRanges(ranges, e.pos)) continue;
    const seg = lay.segments[lay.segOf[e.pos]];
    const v = e.value * seg.weight * rules.sentenceMult[seg.sentence];
    if (v > 0) s.pos += v;
    else s.neg -= v;
    if (e.composed) {
      if (v > 0) s.composedPos += v;
      else s.composedNeg -= v;
    }
    s.count++;
  }
  for (const c of rules.cues) if (inRanges(ranges, c)) s.cues++;
  for (const [a, b] of ranges) {
    if (b > a && (rules.questions[lay.segments[lay.segOf[a]].sentence] || rules.questions[lay.segments[lay.segOf[b - 1]].sentence])) s.question = true;
  }
  return s;
}

/**
 * How sure the text is, 0..1: the evidence-weighted mean of the sentence multipliers (hedges
 * such as "may" or "reportedly", questions). The model's score is scaled by it, so "profit may
 * fall" stays weaker than "profit fell" whatever the word features say.
 */
export function certainty(rules: RuleResult, lay: Layout, ranges: Ranges): number {
  let w = 0;
  let m = 0;
  for (const e of rules.evidence) {
    if (!inRanges(ranges, e.pos)) continue;
    const seg = lay.segments[lay.segOf[e.pos]];
    const a = Math.abs(e.value) * seg.weight;
    w += a;
    m += a * rules.sentenceMult[seg.sentence];
  }
  return w > 0 ? m / w : 1;
}

/** The rule score alone, in −1..1 (softsign: cheaper than tanh, same shape for our range). */
export function ruleScore(s: RuleSummary): number {
  const x = (s.pos - s.neg) / 1.5;
  return x / (1 + Math.abs(x));
}

const RULE_NAMES = ['r:pos', 'r:neg', 'r:cpos', 'r:cneg', 'r:net', 'r:none', 'r:cue', 'r:q'] as const;
const RULE_IDS = RULE_NAMES.map(namedId);

function ruleValues(s: RuleSummary): number[] {
  return [
    Math.log1p(s.pos),
    Math.log1p(s.neg),
    Math.log1p(s.composedPos),
    Math.log1p(s.composedNeg),
    ruleScore(s),
    s.count === 0 ? 1 : 0,
    Math.min(2, s.cues) / 2,
    s.question ? 1 : 0,
  ];
}

const T_ENTITY = '<e>';
const T_PCT_UP = '<p+>';
const T_PCT_DOWN = '<p->';
const T_PCT = '<p>';
const T_MONEY = '<$>';
const T_NUM = '<n>';

function term(t: Token, masked: boolean): string | null {
  if (masked || t.kind === Kind.Cashtag) return T_ENTITY;
  if (t.kind === Kind.Num) {
    if (t.pct) return t.signed ? (t.value >= 0 ? T_PCT_UP : T_PCT_DOWN) : T_PCT;
    return t.money ? T_MONEY : T_NUM;
  }
  if (t.kind === Kind.Word) return t.lower.length > 24 ? null : t.lower;
  return null;
}

/** Reusable buffers for one featurisation (the engine is synchronous and single-threaded). */
let ids = new Int32Array(1024);
let vals = new Float32Array(1024);
let used = 0;
let keys: string[] | null = null;
/** Open-addressing set over feature ids (slot → buffer index + 1), cleared by generation stamps. */
let slots = new Int32Array(4096);
let stamps = new Int32Array(4096);
let generation = 0;

function resetSet(expected: number): void {
  if (expected * 2 > slots.length) {
    let size = slots.length;
    while (size < expected * 2) size <<= 1;
    slots = new Int32Array(size);
    stamps = new Int32Array(size);
    generation = 0;
  }
  generation++;
  if (generation === 0x7fffffff) {
    stamps.fill(0);
    generation = 1;
  }
}

/** Adds a feature once; a repeat keeps the larger weight (presence, not counts). */
function emit(id: number, v: number, key: string | null): void {
  const mask = slots.length - 1;
  let s = (id ^ (id >>> 16)) & mask;
  while (stamps[s] === generation) {
    const k = slots[s] - 1;
    if (ids[k] === (id | 0)) {
      if (v > vals[k]) vals[k] = v;
      return;
    }
    s = (s + 1) & mask;
  }
  if (used === ids.length) {
    const ni = new Int32Array(used * 2);
    ni.set(ids);
    ids = ni;
    const nv = new Float32Array(used * 2);
    nv.set(vals);
    vals = nv;
  }
  stamps[s] = generation;
  slots[s] = used + 1;
  ids[used] = id | 0;
  vals[used] = v;
  used++;
  if (keys) keys.push(key!);
}

/** Fills the buffers with the word features of the ranges; returns their sum of squares. */
function walk(tokens: readonly Token[], lay: Layout, rules: RuleResult, ranges: Ranges, mask: Uint8Array): number {
  used = 0;
  let span = 0;
  for (const [a, b] of ranges) span += b - a;
  resetSet(span * 2 + 2);
  const withKeys = keys !== null;
  for (const [a, b] of ranges) {
    let prevHash = 0;
    let prevTerm: string | null = null;
    let prevSeg = -1;
    for (let i = a; i < b; i++) {
      const t = tokens[i];
      const seg = lay.segOf[i];
      const w = lay.segments[seg].weight;
      const x = term(t, mask[i] === 1);
      if (x === null) {
        if (t.kind === Kind.Punct && (t.text === '?' || t.text === '!')) {
          emit(unigramId(hashString(t.text), false), w, withKeys ? 'u:' + t.text : null);
        }
        if (!(t.kind === Kind.Punct && (t.text === '-' || t.text === "'s"))) prevTerm = null;
        continue;
      }
      const h = x === t.lower ? t.hash : hashString(x);
      const neg = rules.negated[i] === 1;
      emit(unigramId(h, neg), w, withKeys ? (neg ? 'u:not_' : 'u:') + x : null);
      if (prevTerm !== null && prevSeg === seg) emit(bigramId(prevHash, h), w, withKeys ? 'b:' + prevTerm + ' ' + x : null);
      prevTerm = x;
      prevHash = h;
      prevSeg = seg;
    }
  }
  let sumsq = 0;
  for (let k = 0; k < used; k++) sumsq += vals[k] * vals[k];
  return sumsq;
}

/** Logits of the positive and negative classes (neutral is 0) for the tokens in `ranges`. */
export function modelLogits(
  tokens: readonly Token[], lay: Layout, rules: RuleResult, ranges: Ranges, mask: Uint8Array,
  table: WeightTable, bias: readonly [number, number],
): [number, number] {
  keys = null;
  const sumsq = walk(tokens, lay, rules, ranges, mask);
  let zp = 0;
  let zn = 0;
  for (let k = 0; k < used; k++) {
    const s = table.slot(ids[k]);
    if (s >= 0) {
      zp += table.pos[s] * vals[k];
      zn += table.neg[s] * vals[k];
    }
  }
  const scale = sumsq > 0 ? 1 / Math.sqrt(sumsq) : 0;
  zp = bias[0] + zp * scale;
  zn = bias[1] + zn * scale;
  const rv = ruleValues(summarise(rules, lay, ranges));
  for (let r = 0; r < RULE_IDS.length; r++) {
    if (rv[r] === 0) continue;
    const s = table.slot(RULE_IDS[r]);
    if (s >= 0) {
      zp += table.pos[s] * rv[r];
      zn += table.neg[s] * rv[r];
    }
  }
  return [zp, zn];
}

export interface NamedFeatures {
  keys: string[];
  values: number[];
}

/** The same features with their names (training only: builds strings). */
export function namedFeatures(tokens: readonly Token[], lay: Layout, rules: RuleResult, ranges: Ranges, mask: Uint8Array): NamedFeatures {
  keys = [];
  const sumsq = walk(tokens, lay, rules, ranges, mask);
  const scale = sumsq > 0 ? 1 / Math.sqrt(sumsq) : 0;
  const out: NamedFeatures = { keys, values: Array.from(vals.subarray(0, used), (v) => v * scale) };
  keys = null;
  const rv = ruleValues(summarise(rules, lay, ranges));
  RULE_NAMES.forEach((name, r) => {
    if (rv[r] !== 0) {
      out.keys.push(name);
      out.values.push(rv[r]);
    }
  });
  return out;
}
