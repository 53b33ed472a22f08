/**
 * The finance rules: turns tokens into signed evidence at token positions. Directions compose
 * with metrics ("cut guidance", "losses narrowed"), numbers carry direction ("−17%", "down 17%"),
 * negation flips, intensifiers and hedges scale, contrast re-weighs clauses (see segments.ts).
 */
import { appended } from '../arrays';
import type { Lex, PhraseEntry } from '../lexicon/lexicon';
import { wordTable } from '../text/string-table';
import { CODE_POSSESSIVE, hashedWord, KIND_NUM, KIND_PUNCT, KIND_WORD, NUM_MONEY, NUM_PCT, NUM_SIGNED, TokenStore } from '../text/tokenize';
import type { Layout, Segment } from './segments';

export interface Evidence {
  pos: number;
  value: number;
  /** A direction composed with a metric, or a number with a direction. */
  composed: boolean;
}

export interface RuleResult {
  /** Sorted by position. */
  evidence: Evidence[];
  /** Per sentence: hedge and question multiplier (≤ 1). */
  sentenceMult: number[];
  /** Per sentence: ends in a question mark. */
  questions: boolean[];
  /** Token positions of neutral-reporting cues. */
  cues: number[];
  /** Per token: inside a negation scope (used for `not_` features). */
  negated: Uint8Array;
}

/** Read-only: never written (a text with a negator gets its own array). */
const NO_NEGATION = new Uint8Array(16_384);

/** 0, 1, 2, …: the stream of a text without joined hyphens. */
let IDENTITY: number[] = Array.from({ length: 512 }, (_, i) => i);

function identity(n: number): readonly number[] {
  if (IDENTITY.length < n) IDENTITY = Array.from({ length: n * 2 }, (_, i) => i);
  return IDENTITY;
}

/**
 * The stream of a text with joined hyphens ("full-year", "Coca-Cola": common in headlines),
 * reused: a slice of IDENTITY per such text, then grown by push, cost a builtin call and a copy.
 * Written by index; entries past the stream's length are stale, never read (every read is < sn).
 */
const STREAM: number[] = [];

/** STREAM with room for n positions and the identity written for its first `upTo`. */
function streamScratch(n: number, upTo: number): number[] {
  while (STREAM.length < n) STREAM.push(0);
  for (let k = 0; k < upTo; k++) STREAM[k] = k;
  return STREAM;
}

/** Scratch buffers reused across calls (the scorer is synchronous). */
let scratchConsumed = new Uint8Array(256);
let scratchMetricUsed = new Uint8Array(256);

function scratch(n: number): void {
  if (scratchConsumed.length < n) {
    scratchConsumed = new Uint8Array(n * 2);
    scratchMetricUsed = new Uint8Array(n * 2);
  } else {
    // A loop, not `fill(0, 0, n)`: for the dozen tokens of a headline the builtin call costs more.
    for (let i = 0; i < n; i++) {
      scratchConsumed[i] = 0;
      scratchMetricUsed[i] = 0;
    }
  }
}

/** Negation reaches this many words. */
const NEGATION_WINDOW = 3;
/** A direction looks this many words either way for the metric it moves. */
const METRIC_WINDOW = 4;
/** A negated polar item keeps this share of its strength, with the sign flipped. */
const NEGATION_FACTOR = -0.6;

/** Word lists looked up by token, in place (see TokenStore.is). */
const UP_NOT_MOVES = wordTable(['set', 'sets', 'sign', 'signs', 'signed', 'pick', 'picks', 'line', 'lined', 'make', 'makes', 'made', 'show', 'shows', 'showed', 'end', 'ends', 'ended', 'wrap', 'wraps', 'team', 'teams', 'teamed', 'open', 'opens', 'opened', 'tie', 'ties', 'tied', 'start', 'starts', 'follow', 'step', 'steps', 'stepped', 'beef', 'ramp', 'ramps', 'ramped', 'speed', 'sum', 'catch', 'look', 'looks', 'come', 'comes', 'came']);
const DOWN_NOT_MOVES = wordTable(['step', 'steps', 'stepped', 'stepping', 'shut', 'shuts', 'turn', 'turns', 'turned', 'break', 'breaks', 'broke', 'crack', 'cracks', 'cracked', 'track', 'tracked', 'narrow', 'narrows', 'narrowed', 'back', 'back']);

/** Words the rules test at many tokens. */
const PER = hashedWord('per');
const TO = hashedWord('to');
const INTO = hashedWord('into');
const UP = hashedWord('up');
const DOWN = hashedWord('down');
const RECORD = hashedWord('record');

/** A signed number after these is a level ("rate at -0.5%"), not a move. */
const LEVEL_BEFORE = wordTable(['at', 'of', 'to', 'from', 'is', 'was', 'are', 'were', 'around', 'near', 'about', 'below', 'above', 'rate', 'yield', 'yields', 'rates', 'between', 'and', 'or']);

function magnitudeOfNumber(pct: number): number {
  return 1 + Math.min(pct, 30) / 30;
}

/** The reader's arrays and tokens between texts (shared, never written). */
const NOTHING: readonly never[] = [];
const NO_TOKENS = new TokenStore(1);

/**
 * The text being read by `extractEvidence` and the lookaround helpers of its passes ("is there a
 * metric within four words", "a percentage nearby"). The helpers are methods of one reused
 * reader rather than closures made per call: nine closures per text cost their allocation, and
 * the variables they capture then live in a heap context that every loop had to go through.
 * Positions `k` are stream positions; `stream[k]` is the token index.
 */
class Reader {
  tokens: TokenStore = NO_TOKENS;
  lex: readonly (Lex | undefined)[] = NOTHING;
  stream: readonly number[] = NOTHING;
  /** Length of the stream. */
  sn = 0;
  consumed: Uint8Array = scratchConsumed;
  segs: readonly Segment[] = NOTHING;
  segOf: readonly number[] = NOTHING;

  start(tokens: TokenStore, lex: readonly (Lex | undefined)[], stream: readonly number[], sn: number, lay: Layout): void {
    this.tokens = tokens;
    this.lex = lex;
    this.stream = stream;
    this.sn = sn;
    this.consumed = scratchConsumed;
    this.segs = lay.segments;
    this.segOf = lay.segOf;
  }

  /** Drops the references to the text (the reader is module state). */
  finish(): void {
    this.tokens = NO_TOKENS;
    this.lex = NOTHING;
    this.stream = NOTHING;
    this.segs = NOTHING;
    this.segOf = NOTHING;
  }

  blockOf(i: number): number {
    return this.segs[this.segOf[i]].block;
  }

  /** The first entry of `list` whose words follow at stream position k (its first word matched). */
  matchAt(k: number, list: PhraseEntry[]): PhraseEntry | undefined {
    const { tokens, stream, sn } = this;
    outer: for (const e of list) {
      if (k + e.tokens.length > sn) continue;
      for (let j = 1; j < e.tokens.length; j++) {
        const i = stream[k + j];
        if (tokens.hash[i] !== e.hashes[j] || !tokens.is(i, e.tokens[j])) continue outer;
      }
      return e;
    }
    return undefined;
  }

  /** The token index of the metric a direction at k moves, or −1. */
  findMetric(k: number): number {
    const { tokens, stream, sn, lex, consumed } = this;
    const block = this.blockOf(stream[k]);
    for (let d = 1; d <= METRIC_WINDOW; d++) {
      for (let side = 0; side < 2; side++) {
        const kk = side === 0 ? k - d : k + d;
        if (kk < 0 || kk >= sn) continue;
        const j = stream[kk];
        if (consumed[j] || this.blockOf(j) !== block) continue;
        // "loss per share": the noun before "per" is the head, so skip the one after it.
        if (kk > 0 && tokens.isWord(stream[kk - 1], PER)) continue;
        if (lex[j]?.metric !== undefined && tokens.kind[j] === KIND_WORD) return j;
      }
    }
    return -1;
  }

  /** "slipped to a net loss", "swung into profit": the metric after "to"/"into" is where things ended up. */
  isDestination(k: number, j: number): boolean {
    const { tokens, stream, sn } = this;
    for (let kk = k + 1; kk < sn && stream[kk] < j; kk++) {
      if (tokens.isWord(stream[kk], TO) || tokens.isWord(stream[kk], INTO)) return true;
    }
    return false;
  }

  pctAt(kk: number): number {
    if (kk < 0 || kk >= this.sn) return 0;
    const i = this.stream[kk];
    const tokens = this.tokens;
    if (tokens.kind[i] !== KIND_NUM) return 0;
    if (tokens.numFlags[i] & NUM_PCT) return Math.abs(tokens.value[i]);
    const nx = kk + 1 < this.sn ? this.lex[this.stream[kk + 1]] : undefined;
    return nx?.percentWord ? Math.abs(tokens.value[i]) : 0;
  }

  nearbyPct(k: number): number {
    let best = 0;
    for (let d = -2; d <= 4; d++) if (d !== 0) best = Math.max(best, this.pctAt(k + d));
    return best;
  }

  modifierAround(k: number): number {
    const { stream, sn, lex, consumed } = this;
    let up = 1;
    let down = 1;
    for (let d = -2; d <= 2; d++) {
      const kk = k + d;
      if (d === 0 || kk < 0 || kk >= sn) continue;
      const j = stream[kk];
      const lx = lex[j];
      if (!lx || lx.mod === undefined || consumed[j]) continue;
      if (d > 0 && !lx.modAfter) continue;
      if (lx.mod > 1) up = Math.max(up, lx.mod);
      else down = Math.min(down, lx.mod);
    }
    return up * down;
  }

  moneyAfter(k: number): boolean {
    const tokens = this.tokens;
    for (let d = 1; d <= 3 && k + d < this.sn; d++) {
      const i = this.stream[k + d];
      if (tokens.kind[i] === KIND_NUM && tokens.numFlags[i] & NUM_MONEY) return true;
    }
    return false;
  }
}

const reader = new Reader();

export function extractEvidence(tokens: TokenStore, lay: Layout, lex: readonly (Lex | undefined)[]): RuleResult {
  const n = tokens.length;
  const kind = tokens.kind;
  const code = tokens.code;
  // Stream positions skip joined hyphens so "better-than-expected" reads as "better than expected".
  // Most texts have no joined hyphen: then the stream is the identity and costs nothing.
  let sn = 0;
  let stream: readonly number[] = identity(n);
  for (let i = 0; i < n; i++) {
    if ((code[i] === 45 /* - */ || code[i] === 0x2013) /* – */ && !tokens.space[i]) {
      // Up to the first joined hyphen the stream is the identity: sn === i.
      if (stream === IDENTITY) stream = streamScratch(n, i);
      continue;
    }
    if (stream !== IDENTITY) (stream as number[])[sn] = i;
    sn++;
  }
  scratch(n);
  const consumed = scratchConsumed;
  const metricUsed = scratchMetricUsed;
  const R = reader;
  R.start(tokens, lex, stream, sn, lay);
  // Shared all-zero array until the first negator: most texts negate nothing.
  let negated = n <= NO_NEGATION.length ? NO_NEGATION : new Uint8Array(n);
  // NO_EVIDENCE until the first evidence (see `appended`).
  let evidence = NO_EVIDENCE;
  const cues: number[] = [];
  const sentenceCount = Math.max(1, lay.sentenceCount);
  // Literals sized for the first sentence, then filled by push: not `new Array(n).fill()`, which
  // costs more than the loop for the one or two sentences of a headline and leaves a holey
  // array, and not an empty `[]`, whose first push allocates room for 17.
  const sentenceMult: number[] = [1];
  const questions: boolean[] = [false];
  for (let s = 1; s < sentenceCount; s++) {
    sentenceMult.push(1);
    questions.push(false);
  }
  let sawAlone = false;
  let sawCompare = false;
  const segs = lay.segments;
  const segOf = lay.segOf;

  // Pass 1: phrases (consume their words), neutral cues, negation scopes, hedges, questions.
  let negLeft = 0;
  let negBlock = -1;
  for (let k = 0; k < sn; k++) {
    const i = stream[k];
    const lx = lex[i];
    const c = code[i];
    if (c !== 0) {
      if (c !== CODE_POSSESSIVE && c !== 36 /* $ */ && c !== 38 /* & */) negLeft = 0;
      if (c === 63 /* ? */) {
        const s = segs[segOf[i]].sentence;
        if (!questions[s]) {
          questions[s] = true;
          sentenceMult[s] *= 0.5;
        }
      }
      continue;
    }
    // The clause block is looked up only where negation needs it (a scope running on, or a
    // negator), not for every token: negation stops at the end of its block.
    if (negLeft > 0) {
      if (segs[segOf[i]].block !== negBlock) negLeft = 0;
      else {
        negated[i] = 1;
        negLeft--;
      }
    }
    if (!lx || consumed[i]) continue;
    if (lx.metricAlone !== undefined) sawAlone = true;
    if (lx.compare) sawCompare = true;
    if (lx.cues && R.matchAt(k, lx.cues)) cues.push(i);
    if (lx.phrases) {
      const ph = R.matchAt(k, lx.phrases);
      if (ph) {
        for (let j = 0; j < ph.tokens.length; j++) consumed[stream[k + j]] = 1;
        if (ph.value !== 0) evidence = appended(evidence, { pos: i, value: ph.value * (negated[i] ? NEGATION_FACTOR : 1), composed: false });
        continue;
      }
    }
    if (lx.negator) {
      if (negated === NO_NEGATION) negated = new Uint8Array(n);
      negLeft = NEGATION_WINDOW;
      negBlock = segs[segOf[i]].block;
    }
    if (lx.hedge !== undefined) {
      const s = segs[segOf[i]].sentence;
      sentenceMult[s] = Math.min(sentenceMult[s], lx.hedge);
    }
  }

  // Pass 2: directions, numbers, ratings, polar words.
  for (let k = 0; k < sn; k++) {
    const i = stream[k];
    const ki = kind[i];
    if (consumed[i] || ki === KIND_PUNCT) continue;
    const lx = lex[i];
    const dir = lx?.dir;
    // A negated polar item keeps part of its strength, with the sign flipped.
    const neg = negated[i] ? NEGATION_FACTOR : 1;
    if (dir && ki === KIND_WORD) {
      const prev = k > 0 ? stream[k - 1] : -1;
      const prevLex = k > 0 ? lex[prev] : undefined;
      if (lx!.particle && prevLex?.dir) continue; // "slowed down": counted once
      if (prev >= 0 && tokens.isWord(i, UP) && UP_NOT_MOVES.getToken(tokens, prev)) continue; // "set up", "signed up"
      if (prev >= 0 && tokens.isWord(i, DOWN) && DOWN_NOT_MOVES.getToken(tokens, prev)) continue; // "step down" is a phrase
      const pct = R.nearbyPct(k);
      const mod = R.modifierAround(k) * magnitudeOfNumber(pct);
      let value = 0;
      // A move with its size ("fell 9%", "wipes $600bn off") is firmer evidence than the verb alone.
      let composed = pct > 0 || R.moneyAfter(k);
      if (dir.inherent) value = dir.alone * mod;
      else {
        const m = R.findMetric(k);
        if (m >= 0) {
          const ms = lex[m]!.metric!;
          value = (m > i && ms !== 0 && R.isDestination(k, m) ? ms : dir.dir * ms) * dir.mag * mod;
          metricUsed[m] = 1;
          composed = true;
        } else if (dir.alone !== 0) value = dir.alone * mod;
        else if (pct > 0) value = dir.dir * 0.8 * mod;
      }
      if (value !== 0) evidence = appended(evidence, { pos: i, value: value * neg, composed });
      continue;
    }
    if (ki === KIND_NUM) {
      // Signed moves with no direction word next to them: "Pareteum +8% after …", "EPS -17%".
      const flags = tokens.numFlags[i];
      const value = tokens.value[i];
      if (flags & NUM_SIGNED && flags & (NUM_PCT | NUM_MONEY) && value !== 0 && !(k > 0 && LEVEL_BEFORE.getToken(tokens, stream[k - 1]))) {
        let nearDir = false;
        for (let d = -2; d <= 2 && !nearDir; d++) {
          const kk = k + d;
          if (d !== 0 && kk >= 0 && kk < sn && lex[stream[kk]]?.dir) nearDir = true;
        }
        if (!nearDir) {
          const m = R.findMetric(k);
          if (m >= 0) metricUsed[m] = 1;
          const sign = m >= 0 ? lex[m]!.metric! : 1;
          evidence = appended(evidence, { pos: i, value: Math.sign(value) * sign * 0.9 * magnitudeOfNumber(flags & NUM_PCT ? Math.abs(value) : 5), composed: true });
        }
      }
      continue;
    }
    if (!lx) continue;
    if (lx.rating !== undefined && k > 0 && lex[stream[k - 1]]?.ratingBefore) {
      let kk = k + 1;
      if (kk < sn && (tokens.is(stream[kk], 'perform') || tokens.is(stream[kk], 'weight') || tokens.is(stream[kk], 'outperform'))) kk++; // "market perform", "equal weight"
      if (kk >= sn || kind[stream[kk]] === KIND_PUNCT || lex[stream[kk]]?.ratingAfterOk) {
        for (let j = k; j < kk; j++) consumed[stream[j]] = 1;
        if (lx.rating !== 0) evidence = appended(evidence, { pos: i, value: lx.rating * neg, composed: true });
        continue;
      }
    }
    if (tokens.isWord(i, RECORD)) {
      // "record profit", "record market-cap loss": the head of the compound decides, so a bad
      // metric anywhere in the next three words wins.
      let j = -1;
      for (let d = 1; d <= 3 && k + d < sn; d++) {
        const jj = stream[k + d];
        const ms = lex[jj]?.metric;
        if (ms === undefined || consumed[jj]) continue;
        if (j < 0 || ms < 0) j = jj;
        if (ms < 0) break;
      }
      if (j >= 0 && lex[j]!.metric !== 0) {
        metricUsed[j] = 1;
        evidence = appended(evidence, { pos: i, value: lex[j]!.metric! * 1.6 * neg, composed: true });
        continue;
      }
    }
    if (lx.polar !== undefined && lx.metric === undefined) {
      evidence = appended(evidence, { pos: i, value: lx.polar * R.modifierAround(k) * neg, composed: false });
    }
  }
  if (sawCompare) evidence = compareNumbers(tokens, lex, lay, evidence, metricUsed, consumed);
  // Metrics nobody moved that carry polarity on their own ("swung to a loss").
  for (let k = 0; sawAlone && k < sn; k++) {
    const i = stream[k];
    const v = lex[i]?.metricAlone;
    if (v === undefined || consumed[i] || metricUsed[i]) continue;
    evidence = appended(evidence, { pos: i, value: v * R.modifierAround(k) * (negated[i] ? NEGATION_FACTOR : 1), composed: false });
  }
  R.finish();
  for (let k = 1; k < evidence.length; k++) {
    if (evidence[k - 1].pos > evidence[k].pos) {
      evidence.sort((a, b) => a.pos - b.pos);
      break;
    }
  }
  // The result owns its array: a text without evidence gets an empty one of its own.
  return { evidence: evidence === NO_EVIDENCE ? [] : evidence, sentenceMult, questions, cues, negated };
}

/** `extractEvidence`'s evidence before the first (shared, never written). */
const NO_EVIDENCE: Evidence[] = [];

/** Index of the first evidence at or after token `pos` (evidence is sorted by position). */
export function firstEvidenceAt(evidence: readonly Evidence[], pos: number): number {
  let lo = 0;
  let hi = evidence.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (evidence[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * "Net sales totalled EUR 21.1 mn compared with EUR 18.6 mn": direction from the two numbers.
 * Returns `evidence` with what it adds (see `appended`).
 */
function compareNumbers(tokens: TokenStore, lex: readonly (Lex | undefined)[], lay: Layout, evidence: Evidence[], metricUsed: Uint8Array, consumed: Uint8Array): Evidence[] {
  for (const [start, end] of lay.sentences) {
    let hasDir = false;
    for (const e of evidence) if (e.pos >= start && e.pos < end && e.composed) hasDir = true;
    if (hasDir) continue;
    let metric = -1;
    let a = Number.NaN;
    for (let i = start; i < end; i++) {
      const lx = lex[i];
      if (metric < 0) {
        if (lx?.metric !== undefined && tokens.kind[i] === KIND_WORD && !consumed[i]) metric = i;
      } else if (tokens.kind[i] === KIND_NUM && isAmount(tokens, i)) a = tokens.value[i];
      else if (!Number.isNaN(a) && lx?.compare) {
        // The earlier figure may be of the opposite kind: "profit of 9.8 compared to a loss of 12.7".
        let other = 0;
        let otherAt = -1;
        for (let j = i + 1; j < Math.min(end, i + 8); j++) {
          const ms = lex[j]?.metric;
          if (tokens.kind[j] === KIND_WORD && ms !== undefined && ms !== 0) {
            other = ms;
            otherAt = j;
          }
          if (tokens.kind[j] !== KIND_NUM || !isAmount(tokens, j)) continue;
          const b = tokens.value[j];
          const mine = lex[metric]!.metric!;
          // Compare as signed results: a loss is a negative profit.
          const av = mine < 0 ? -a : a;
          const bv = (other !== 0 ? other : mine) < 0 ? -b : b;
          if (av !== bv && mine !== 0) {
            metricUsed[metric] = 1;
            if (otherAt >= 0) metricUsed[otherAt] = 1;
            // Signed as good-is-positive (a loss or a cost is negative), so larger is better.
            evidence = appended(evidence, { pos: i, value: (av > bv ? 1 : -1) * 0.9, composed: true });
          }
          break;
        }
        break;
      }
    }
  }
  return evidence;
}

/** Years are not amounts. */
function isAmount(tokens: TokenStore, i: number): boolean {
  const value = tokens.value[i];
  return !(value >= 1900 && value <= 2100 && Number.isInteger(value) && !(tokens.numFlags[i] & (NUM_MONEY | NUM_PCT)));
}
