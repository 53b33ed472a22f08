/**
 * Features for the statistical model: word and bigram features (entity names masked, negation
 * marked, contrast-weighted, L2-normalised) plus the rule evidence summed over the same tokens.
 * The training script and the engine share this code, so the features cannot drift apart. The
 * hot path (`modelLogits`) hashes features from their parts and never builds strings.
 */
import { CODE_POSSESSIVE, KIND_CASHTAG, KIND_NUM, KIND_WORD, NUM_MONEY, NUM_PCT, NUM_SIGNED, type TokenStore } from '../text/tokenize';
import { bigramId, hashString, namedId, unigramId, type WeightTable } from './hash';
import { firstEvidenceAt, type RuleResult } from './rules';
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

function emptySummary(): RuleSummary {
  return { pos: 0, neg: 0, composedPos: 0, composedNeg: 0, count: 0, cues: 0, question: false };
}

/** `into`: a summary to overwrite (the scorer reuses one rather than allocating one per call). */
export function summarise(rules: RuleResult, lay: Layout, ranges: Ranges, into: RuleSummary = emptySummary()): RuleSummary {
  const s = into;
  s.pos = s.neg = s.composedPos = s.composedNeg = 0;
  s.count = s.cues = 0;
  s.question = false;
  const ev = rules.evidence;
  for (const [a, b] of ranges) {
    for (let k = firstEvidenceAt(ev, a); k < ev.length && ev[k].pos < b; k++) {
      const e = ev[k];
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
    if (b > a && (rules.questions[lay.segments[lay.segOf[a]].sentence] || rules.questions[lay.segments[lay.segOf[b - 1]].sentence])) s.question = true;
  }
  if (rules.cues.length) for (const c of rules.cues) if (inRanges(ranges, c)) s.cues++;
  return s;
}

/** Whether any rule evidence lies in the ranges: `summarise(…).count > 0` without the sums. */
export function hasEvidence(rules: RuleResult, ranges: Ranges): boolean {
  const ev = rules.evidence;
  for (let r = 0; r < ranges.length; r++) {
    const k = firstEvidenceAt(ev, ranges[r][0]);
    if (k < ev.length && ev[k].pos < ranges[r][1]) return true;
  }
  return false;
}

/**
 * How sure the text is, 0..1: the evidence-weighted mean of the sentence multipliers (hedges
 * such as "may" or "reportedly", questions). The model's score is scaled by it, so "profit may
 * fall" stays weaker than "profit fell" whatever the word features say.
 */
export function certainty(rules: RuleResult, lay: Layout, ranges: Ranges): number {
  let w = 0;
  let m = 0;
  const ev = rules.evidence;
  for (const [a, b] of ranges) {
    for (let k = firstEvidenceAt(ev, a); k < ev.length && ev[k].pos < b; k++) {
      const e = ev[k];
      const seg = lay.segments[lay.segOf[e.pos]];
      const x = Math.abs(e.value) * seg.weight;
      w += x;
      m += x * rules.sentenceMult[seg.sentence];
    }
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

/** The r-th rule feature (same order as RULE_NAMES). */
function ruleValue(s: RuleSummary, r: number): number {
  switch (r) {
    case 0:
      return s.pos === 0 ? 0 : Math.log1p(s.pos);
    case 1:
      return s.neg === 0 ? 0 : Math.log1p(s.neg);
    case 2:
      return s.composedPos === 0 ? 0 : Math.log1p(s.composedPos);
    case 3:
      return s.composedNeg === 0 ? 0 : Math.log1p(s.composedNeg);
    case 4:
      return ruleScore(s);
    case 5:
      return s.count === 0 ? 1 : 0;
    case 6:
      return Math.min(2, s.cues) / 2;
    default:
      return s.question ? 1 : 0;
  }
}

/** Slots of the rule features in a weight table, looked up once per table. */
const ruleSlotCache = new WeakMap<WeightTable, Int32Array>();
/** The last table asked for: the engine scores with one model, and a WeakMap lookup per call shows in profiles. */
let lastTable: WeightTable | undefined;
let lastSlots: Int32Array | undefined;
function ruleSlots(table: WeightTable): Int32Array {
  if (table === lastTable) return lastSlots!;
  let slots = ruleSlotCache.get(table);
  if (!slots) {
    slots = Int32Array.from(RULE_IDS, (id) => table.slot(id));
    ruleSlotCache.set(table, slots);
  }
  lastTable = table;
  lastSlots = slots;
  return slots;
}

/**
 * Placeholder terms: a number or an entity name is a feature by its kind, not by its text.
 * `termCode` names a token's term by a small integer, so the walk takes the hash from an array
 * (or the token) and never handles a term string unless the caller wants feature names.
 */
const PLACEHOLDERS = ['<e>', '<p+>', '<p->', '<p>', '<$>', '<n>'] as const;
const P_ENTITY = 0;
const P_PCT_UP = 1;
const P_PCT_DOWN = 2;
const P_PCT = 3;
const P_MONEY = 4;
const P_NUM = 5;
const PLACEHOLDER_HASH = Int32Array.from(PLACEHOLDERS, (x) => hashString(x));
/** The term is the token's own lower-case form (hash: `tokens.hash[i]`). */
const OWN_TERM = -1;
/** The token makes no term. */
const NO_TERM = -2;
const QUESTION_HASH = hashString('?');
const EXCLAMATION_HASH = hashString('!');

/**
 * A placeholder index, OWN_TERM or NO_TERM (`kind`: of token i; `plain`: `tokens.allPlain()`,
 * read once per walk, so that a word's length is read from its range rather than by a call).
 */
function termCode(tokens: TokenStore, i: number, kind: number, masked: boolean, plain: boolean): number {
  if (masked || kind === KIND_CASHTAG) return P_ENTITY;
  if (kind === KIND_NUM) {
    const flags = tokens.numFlags[i];
    if (flags & NUM_PCT) return flags & NUM_SIGNED ? (tokens.value[i] >= 0 ? P_PCT_UP : P_PCT_DOWN) : P_PCT;
    return flags & NUM_MONEY ? P_MONEY : P_NUM;
  }
  if (kind === KIND_WORD) return (plain ? tokens.end[i] - tokens.start[i] : tokens.lowerLength(i)) > 24 ? NO_TERM : OWN_TERM;
  return NO_TERM;
}

/** Receives each word feature occurrence; a feature counts once, with its largest weight. */
interface FeatureSink {
  add(id: number, weight: number, key: string | null): void;
}

/**
 * Walks the word features of the ranges into the sink and returns the L2 norm of the
 * occurrences (a feature repeated adds to the norm but counts once: long repetitive texts
 * lean on the rules rather than on a few repeated words). Feature names are built only
 * `withKeys` (training).
 */
function walk(tokens: TokenStore, lay: Layout, rules: RuleResult, ranges: Ranges, mask: Uint8Array, sink: FeatureSink, withKeys: boolean): number {
  let sumsq = 0;
  // The token arrays in locals: the sink calls in the loop would make each `tokens.x` read again.
  const kind = tokens.kind;
  const hash = tokens.hash;
  const punct = tokens.code;
  const segOf = lay.segOf;
  const segments = lay.segments;
  const negated = rules.negated;
  const plain = tokens.allPlain();
  // The weight of the segment being walked, read again only when the segment changes (a text has
  // a segment or two: one load of the segment object per token was spent on the same value).
  let wSeg = -1;
  let w = 0;
  for (let r = 0; r < ranges.length; r++) {
    const a = ranges[r][0];
    const b = ranges[r][1];
    let prevHash = 0;
    let hasPrev = false;
    let prevTerm: string | null = null;
    let prevSeg = -1;
    for (let i = a; i < b; i++) {
      const seg = segOf[i];
      if (seg !== wSeg) {
        wSeg = seg;
        w = segments[seg].weight;
      }
      const code = termCode(tokens, i, kind[i], mask[i] === 1, plain);
      if (code === NO_TERM) {
        const c = punct[i];
        if (c === 63 /* ? */ || c === 33 /* ! */) {
          sink.add(unigramId(c === 63 ? QUESTION_HASH : EXCLAMATION_HASH, false), w, withKeys ? 'u:' + tokens.text(i) : null);
          sumsq += w * w;
        }
        if (c !== 45 /* - */ && c !== CODE_POSSESSIVE) hasPrev = false;
        continue;
      }
      const h = code === OWN_TERM ? hash[i] : PLACEHOLDER_HASH[code];
      const x = withKeys ? (code === OWN_TERM ? tokens.lower(i) : PLACEHOLDERS[code]) : null;
      const neg = negated[i] === 1;
      sink.add(unigramId(h, neg), w, withKeys ? (neg ? 'u:not_' : 'u:') + x : null);
      sumsq += w * w;
      if (hasPrev && prevSeg === seg) {
        sink.add(bigramId(prevHash, h), w, withKeys ? 'b:' + prevTerm + ' ' + x : null);
        sumsq += w * w;
      }
      hasPrev = true;
      prevTerm = x;
      prevHash = h;
      prevSeg = seg;
    }
  }
  return Math.sqrt(sumsq);
}

/** Hot-path sink: only features the model knows are kept, in per-slot scratch arrays. */
class ModelSink implements FeatureSink {
  table!: WeightTable;
  touched = new Int32Array(256);
  count = 0;

  reset(table: WeightTable): void {
    this.table = table;
    this.count = 0;
    table.nextGeneration();
  }

  add(id: number, weight: number): void {
    const s = this.table.offerId(id, weight);
    if (s < 0) return;
    if (this.count === this.touched.length) {
      const grown = new Int32Array(this.count * 2);
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[this.count++] = s;
  }
}

const modelSink = new ModelSink();

/** Logits of the positive and negative classes (neutral is 0). */
export interface Logits {
  pos: number;
  neg: number;
}

/** Scratch of `modelLogits` (NaN, not 0: the fields hold doubles from the start). */
const logits: Logits = { pos: Number.NaN, neg: Number.NaN };
const ruleSummary = emptySummary();

/**
 * Logits for the tokens in `ranges`. Returns a shared object, overwritten by the next call:
 * read it before scoring again (saves the result pair and the rule summary per call).
 */
export function modelLogits(
  tokens: TokenStore, lay: Layout, rules: RuleResult, ranges: Ranges, mask: Uint8Array,
  table: WeightTable, bias: readonly [number, number],
): Readonly<Logits> {
  modelSink.reset(table);
  const norm = walk(tokens, lay, rules, ranges, mask, modelSink, false);
  let zp = 0;
  let zn = 0;
  for (let k = 0; k < modelSink.count; k++) {
    const s = modelSink.touched[k];
    const best = table.best(s);
    zp += table.pos(s) * best;
    zn += table.neg(s) * best;
  }
  const scale = norm > 0 ? 1 / norm : 0;
  zp = bias[0] + zp * scale;
  zn = bias[1] + zn * scale;
  const sum = summarise(rules, lay, ranges, ruleSummary);
  const rs = ruleSlots(table);
  for (let r = 0; r < RULE_IDS.length; r++) {
    const s = rs[r];
    if (s < 0) continue;
    const v = ruleValue(sum, r);
    if (v === 0) continue;
    zp += table.pos(s) * v;
    zn += table.neg(s) * v;
  }
  logits.pos = zp;
  logits.neg = zn;
  return logits;
}

export interface NamedFeatures {
  keys: string[];
  values: number[];
}

/** The same features with their names (training only: builds strings). */
export function namedFeatures(tokens: TokenStore, lay: Layout, rules: RuleResult, ranges: Ranges, mask: Uint8Array): NamedFeatures {
  const best = new Map<string, number>();
  const sink: FeatureSink = {
    add(_id, weight, key) {
      const prev = best.get(key!);
      if (prev === undefined || weight > prev) best.set(key!, weight);
    },
  };
  const norm = walk(tokens, lay, rules, ranges, mask, sink, true);
  const scale = norm > 0 ? 1 / norm : 0;
  const out: NamedFeatures = { keys: [], values: [] };
  for (const [k, v] of best) {
    out.keys.push(k);
    out.values.push(v * scale);
  }
  const sum = summarise(rules, lay, ranges);
  RULE_NAMES.forEach((name, r) => {
    const v = ruleValue(sum, r);
    if (v !== 0) {
      out.keys.push(name);
      out.values.push(v);
    }
  });
  return out;
}
