/**
 * All word lists folded into one map, so the rules look each token up once.
 */
import { hashString, StringTable } from '../text/string-table';
import { tokenize } from '../text/tokenize';
import { DIRECTIONS, METRICS, METRIC_ALONE, type Direction } from './directions';
import { CONCESSIVE, CONTRAST_AFTER, DIMINISHERS, HEDGES, INTENSIFIERS, NEGATORS, NEUTRAL_CUES, SPLITTERS } from './modifiers';
import { POLAR_PHRASES, POLAR_WORDS } from './words';

export interface PhraseEntry {
  tokens: string[];
  /** Hashes of `tokens` (as `TokenStore.hash`): most candidates are rejected by these alone. */
  hashes: Int32Array;
  value: number;
}

export interface Lex {
  dir?: Direction;
  /** +1 more is good, −1 more is bad. */
  metric?: number;
  /** Polarity of a metric nobody moved. */
  metricAlone?: number;
  polar?: number;
  negator?: boolean;
  hedge?: number;
  /** Intensifier (> 1) or diminisher (< 1). */
  mod?: number;
  /** The modifier also works after the word it modifies ("fell sharply"). */
  modAfter?: boolean;
  rating?: number;
  ratingBefore?: boolean;
  ratingAfterOk?: boolean;
  particle?: boolean;
  percentWord?: boolean;
  compare?: boolean;
  /** Opens a new clause for another subject: while, whereas, but, despite. */
  splitter?: boolean;
  concessive?: boolean;
  contrast?: boolean;
  /** Polar phrases starting with this word, longest first. */
  phrases?: PhraseEntry[];
  /** Neutral-reporting cues starting with this word, longest first. */
  cues?: PhraseEntry[];
}

/** Every field of T present (possibly `undefined`): the compiler then flags a field left out. */
export type Dense<T> = { [K in keyof Required<T>]: T[K] };

/**
 * A lexicon entry with every field present, in one fixed order. The rules and the linker read
 * these fields for every token; entries built field by field each get their own hidden class
 * (63 of them for the lexicon, one per entry after a spread copy) and make those reads
 * megamorphic, which is slow in V8. Absent fields stay `undefined`, so `lx.x !== undefined` and
 * `lx.x` tests read exactly as they would on a sparse object.
 */
export function denseLex(lx: Lex): Dense<Lex> {
  return {
    dir: lx.dir, metric: lx.metric, metricAlone: lx.metricAlone, polar: lx.polar, negator: lx.negator, hedge: lx.hedge,
    mod: lx.mod, modAfter: lx.modAfter, rating: lx.rating, ratingBefore: lx.ratingBefore, ratingAfterOk: lx.ratingAfterOk,
    particle: lx.particle, percentWord: lx.percentWord, compare: lx.compare, splitter: lx.splitter, concessive: lx.concessive,
    contrast: lx.contrast, phrases: lx.phrases, cues: lx.cues,
  };
}

const RATINGS: [string, number][] = [
  ['buy', 1.3], ['outperform', 1.3], ['overweight', 1.3], ['accumulate', 1], ['add', 0.8], ['positive', 0.8],
  ['sell', -1.3], ['underperform', -1.3], ['underweight', -1.3], ['reduce', -1], ['negative', -0.8],
  ['neutral', 0], ['hold', 0], ['perform', 0], ['equal', 0], ['market', 0], ['sector', 0], ['peer', 0], ['in-line', 0],
];
const RATING_BEFORE = ['to', 'at', 'with', 'rated', 'rates', 'reiterated', 'reiterates', 'reiterate', 'maintains', 'maintained', 'initiated', 'initiates', 'starts', 'started', 'assigns', 'a'];
const RATING_AFTER_OK = ['at', 'from', 'rating', 'on', 'by', 'in', 'with', 'recommendation', 'call', 'and'];
const PARTICLES = ['up', 'down', 'higher', 'lower', 'off', 'back'];
const PERCENT_WORDS = ['percent', 'pct', 'per'];
const COMPARE_WORDS = ['compared', 'versus', 'vs', 'against', 'from'];
const FAIL_WORDS = ['fail', 'fails', 'failed'];

function phraseTokens(text: string): string[] {
  const tokens = tokenize(text);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) if (tokens.code[i] !== 45 /* - */) out.push(tokens.lower(i));
  return out;
}

export const LEXICON: StringTable<Lex> = (() => {
  const m = new StringTable<Lex>(2048);
  const at = (w: string): Lex => {
    let e = m.get(w);
    if (!e) m.set(w, (e = denseLex({})));
    return e;
  };
  for (const [w, d] of DIRECTIONS) at(w).dir = d;
  for (const [w, s] of METRICS) at(w).metric = s;
  for (const [w, v] of METRIC_ALONE) at(w).metricAlone = v;
  for (const [w, v] of POLAR_WORDS) at(w).polar = v;
  for (const w of NEGATORS) at(w).negator = true;
  for (const w of FAIL_WORDS) at(w).negator = true;
  for (const [w, v] of HEDGES) at(w).hedge = v;
  for (const [w, v] of INTENSIFIERS) {
    at(w).mod = v;
    at(w).modAfter = w.endsWith('ly') || w === 'hard';
  }
  for (const [w, v] of DIMINISHERS) {
    at(w).mod = v;
    at(w).modAfter = true;
  }
  for (const [w, v] of RATINGS) at(w).rating = v;
  for (const w of RATING_BEFORE) at(w).ratingBefore = true;
  for (const w of RATING_AFTER_OK) at(w).ratingAfterOk = true;
  for (const w of PARTICLES) at(w).particle = true;
  for (const w of PERCENT_WORDS) at(w).percentWord = true;
  for (const w of COMPARE_WORDS) at(w).compare = true;
  for (const w of SPLITTERS) at(w).splitter = true;
  for (const w of CONCESSIVE) at(w).concessive = true;
  for (const w of CONTRAST_AFTER) at(w).contrast = true;
  const addPhrase = (text: string, value: number, field: 'phrases' | 'cues') => {
    const tokens = phraseTokens(text);
    if (tokens.length === 0) return;
    const e = at(tokens[0]);
    const list = (e[field] ??= []);
    if (list.some((p) => p.tokens.join(' ') === tokens.join(' '))) return;
    list.push({ tokens, hashes: Int32Array.from(tokens, hashString), value });
    list.sort((a, b) => b.tokens.length - a.tokens.length);
  };
  for (const [text, v] of POLAR_PHRASES) addPhrase(text, v, 'phrases');
  for (const text of NEUTRAL_CUES) addPhrase(text, 1, 'cues');
  return m;
})();
