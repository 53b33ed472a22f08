/**
 * Finds the companies and topics a text names: cashtags, exchange forms (`NASDAQ: NVDA`), bare
 * upper-case tickers that cannot be ordinary words, and names and aliases, with the traps of
 * ordinary words (Apple pie, the Oracle of Omaha, meta-analysis, an arm of) kept out.
 */
import { StringTable } from '../text/string-table';
import { CASE_LOWER, CASE_MIXED, CASE_NONE, CASE_TITLE, CASE_UPPER, KIND_CASHTAG, KIND_NUM, KIND_PUNCT, KIND_WORD, type Token } from '../text/tokenize';
import * as words from './context-words';
import type { DirectoryIndex, Entity, Phrase, WordEntry } from './directory-index';

export type MentionKind = 'cashtag' | 'exchange' | 'ticker' | 'name' | 'keyword';

export interface Mention {
  entity: Entity;
  /** Token range [start, end). */
  start: number;
  end: number;
  kind: MentionKind;
}

/** What the casing of the whole text says about how far capitals can be trusted. */
export interface TextShape {
  /** No capital letters at all (tweets): names cannot be told from words by case. */
  allLower: boolean;
  /** Mostly capitals: bare tickers cannot be told from words. */
  mostlyUpper: boolean;
  /** Headline case: most words capitalised. */
  titleCase: boolean;
}

/** Counts for `TextShape`, filled one token at a time (the engine does it in its lexicon pass). */
export class ShapeCounter {
  words = 0;
  upper = 0;
  lower = 0;
  long = 0;
  capitalised = 0;
  capitalNumber = false;

  reset(): this {
    this.words = this.upper = this.lower = this.long = this.capitalised = 0;
    this.capitalNumber = false;
    return this;
  }

  add(t: Token): void {
    if (t.kind === KIND_NUM) {
      if (t.text !== t.lower) this.capitalNumber = true; // 3M
      return;
    }
    if (t.kind !== KIND_WORD || t.case === CASE_NONE) return;
    this.words++;
    if (t.case === CASE_LOWER) this.lower++;
    else if (t.case === CASE_UPPER && t.text.length > 1) this.upper++;
    if (t.text.length >= 4) {
      this.long++;
      if (t.case !== CASE_LOWER) this.capitalised++;
    }
  }

  shape(): TextShape {
    return {
      allLower: this.words > 0 && this.lower === this.words && !this.capitalNumber,
      mostlyUpper: this.words >= 3 && this.upper / this.words >= 0.6,
      titleCase: this.long >= 3 && this.capitalised / this.long >= 0.7,
    };
  }
}

export function textShape(tokens: readonly Token[]): TextShape {
  const c = new ShapeCounter();
  for (const t of tokens) c.add(t);
  return c.shape();
}

/**
 * A word list looked up with the token's own hash: `Set.has(token.lower)` first has to hash the
 * token's fresh string, for every lookup of every candidate name.
 */
class WordList {
  private readonly table: StringTable<true>;

  constructor(list: Iterable<string>) {
    const all = [...list];
    this.table = new StringTable<true>(all.length);
    for (const w of all) this.table.set(w, true);
  }

  has(t: Token): boolean {
    return this.table.getHashed(t.lower, t.hash) !== undefined;
  }
}

const COMPANY_CUES_AFTER = new WordList(words.COMPANY_CUES_AFTER);
const COMPANY_CUES_BEFORE = new WordList(words.COMPANY_CUES_BEFORE);
const DETERMINERS = new WordList(words.DETERMINERS);
const HYPHEN_OK = new WordList(words.HYPHEN_OK);
const CAPITALISED_OK_BEFORE = new WordList(words.CAPITALISED_OK_BEFORE);
const EXCHANGES = new WordList(words.EXCHANGES);
const FIRST_NAMES = new WordList(words.FIRST_NAMES);
/** Per last word of a name: the followers that make it the ordinary word (a Map: a keyed read of the record was megamorphic). */
const TRAP_FOLLOWERS = new Map(Object.entries(words.TRAP_FOLLOWERS).map(([w, list]) => [w, new WordList(list)]));

/** Sentence starts: token 0 and every token after `.`, `!`, `?`, `:` or a line-break marker. */
function isSentenceStart(tokens: readonly Token[], i: number): boolean {
  if (i === 0) return true;
  const p = tokens[i - 1];
  return p.kind === KIND_PUNCT && (p.text === '.' || p.text === '!' || p.text === '?' || p.text === ':' || p.text === '"' || p.text === '“' || p.text === '|' || p.text === '-' || p.text === '—' || p.text === '(');
}

function isSkippable(t: Token): boolean {
  return t.kind === KIND_PUNCT && (t.text === '.' || t.text === '-' || t.text === '–');
}

/**
 * The token before index i, if any. `tokens[-1]` is not an array index but a property name, and
 * V8 compiles such a read as a generic (megamorphic) lookup: a name at the start of the text
 * paid for one with every look back.
 */
function tokenBefore(tokens: readonly Token[], i: number): Token | undefined {
  return i > 0 ? tokens[i - 1] : undefined;
}

function prevWord(tokens: readonly Token[], i: number): Token | undefined {
  const p = tokenBefore(tokens, i);
  return p && p.kind === KIND_WORD ? p : undefined;
}

function nextWordAfter(tokens: readonly Token[], end: number): Token | undefined {
  let j = end;
  if (tokens[j] && tokens[j].text === "'s") j++;
  const t = tokens[j];
  return t && t.kind === KIND_WORD ? t : undefined;
}

const CURRENCY_WORDS = new WordList(['$', '€', '£', '¥', 'eur', 'usd', 'gbp', 'sek', 'nok', 'dkk', 'jpy', 'chf', 'cad', 'aud', 'us$', 'rmb', 'cny', 'inr']);

function isCurrency(t: Token | undefined): boolean {
  return !!t && CURRENCY_WORDS.has(t);
}

function hasCompanyContext(tokens: readonly Token[], start: number, end: number): boolean {
  const next = nextWordAfter(tokens, end);
  if (next && COMPANY_CUES_AFTER.has(next)) return true;
  const prev = prevWord(tokens, start);
  if (prev && COMPANY_CUES_BEFORE.has(prev)) return true;
  if (prev && prev.lower === 'of') {
    const pp = prevWord(tokens, start - 1);
    if (pp && (pp.lower === 'shares' || pp.lower === 'stake' || pp.lower === 'ceo' || pp.lower === 'investors')) return true;
  }
  const after = tokens[end];
  return !!after && after.kind === KIND_PUNCT && after.text === '(' && tokens[end + 1]?.kind === KIND_WORD && tokens[end + 1].case === CASE_UPPER;
}

/** Whether a soft or hard alias match at [start, end) reads as the company. */
function acceptAmbiguous(tokens: readonly Token[], start: number, end: number, phrase: Phrase, shape: TextShape): boolean {
  const first = tokens[start];
  // "$3M deal", "EUR 3M": an amount, not 3M the company.
  if (first.kind === KIND_NUM && isCurrency(tokenBefore(tokens, start))) return false;
  const context = hasCompanyContext(tokens, start, end);
  if (phrase.mode === 'hard') return context;
  if (shape.allLower) return context;
  if (first.case === CASE_LOWER) return false;
  const after = tokens[end];
  // Hyphen compounds: Meta-analysis, Apple-shaped — but Apple-backed is still Apple.
  if (after && after.kind === KIND_PUNCT && (after.text === '-' || after.text === '–') && !after.spaceBefore) {
    const w = tokens[end + 1];
    if (w && w.kind === KIND_WORD && !tokens[end + 1].spaceBefore && !HYPHEN_OK.has(w)) return false;
  }
  const before = tokenBefore(tokens, start);
  if (before && before.kind === KIND_PUNCT && (before.text === '-' || before.text === '–') && !first.spaceBefore) return false;
  const next = nextWordAfter(tokens, end);
  const traps = TRAP_FOLLOWERS.get(phrase.tokens[phrase.tokens.length - 1]);
  if (next && traps && traps.has(next) && tokens[end]?.text !== "'s") return false;
  if (next && next.lower === 'of' && tokens[end] === next) return false;
  const prev = prevWord(tokens, start);
  if (prev && DETERMINERS.has(prev) && !context) return false;
  // "Harrison Ford", "Greg Abbott": a first name, or a capitalised word mid-sentence in running text.
  if (prev && prev.case !== CASE_LOWER && FIRST_NAMES.has(prev) && !context) return false;
  if (prev && !shape.titleCase && !isSentenceStart(tokens, start - 1) && (prev.case === CASE_TITLE || prev.case === CASE_MIXED) && !CAPITALISED_OK_BEFORE.has(prev) && !context) {
    return false;
  }
  return true;
}

function caseMatches(tokens: readonly Token[], start: number, end: number, phrase: Phrase): boolean {
  if (!phrase.upperOnly) return true;
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (t.kind === KIND_WORD && t.case !== CASE_UPPER) return false;
  }
  return true;
}

/** Tries the phrase at token i (whose first word already matched); returns the end (exclusive) or -1. */
function matchPhrase(tokens: readonly Token[], i: number, phrase: Phrase): number {
  let j = i + 1;
  const words = phrase.tokens;
  for (let k = 1; k < words.length; k++) {
    while (j < tokens.length && isSkippable(tokens[j])) j++;
    const t = tokens[j];
    if (!t) return -1;
    const lower = t.kind === KIND_CASHTAG ? '$' + t.lower : t.lower;
    if (lower !== words[k]) return -1;
    j++;
  }
  return j;
}

export interface LinkOptions {
  /** Scoring given `targets`: the index holds only those, so soft names link whenever capitalised. */
  lenient?: boolean;
  /** Per-token entries of `index.words`, when the caller already looked them up. */
  lex?: readonly (WordEntry | undefined)[];
}

export function link(tokens: readonly Token[], index: DirectoryIndex, shape: TextShape, opts: LinkOptions = {}): Mention[] {
  const out: Mention[] = [];
  const lenient = opts.lenient === true;
  const lex = opts.lex;
  // Both made when first needed: most texts have no cashtag outside the directory, and no
  // mention that waits for the whole text before it is accepted.
  let adHoc: Map<string, Entity> | undefined;
  let pending: { m: Mention; phrase: Phrase }[] | undefined;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.kind === KIND_CASHTAG) {
      const e = index.bySymbol.get(t.text) ?? (lenient ? undefined : adHocTicker((adHoc ??= new Map()), t.text));
      if (e) out.push({ entity: e, start: i, end: i + 1, kind: 'cashtag' });
      i++;
      continue;
    }
    if (t.kind === KIND_WORD && tokens[i + 1]?.text === ':' && EXCHANGES.has(t)) {
      const s = tokens[i + 2];
      if (s && s.kind === KIND_WORD && s.case === CASE_UPPER && s.text.length <= 6) {
        let sym = s.text;
        let end = i + 3;
        if (tokens[end]?.text === '.' && tokens[end + 1]?.kind === KIND_WORD && tokens[end + 1].text.length === 1 && !tokens[end + 1].spaceBefore) {
          sym += '.' + tokens[end + 1].text;
          end += 2;
        }
        const e = index.bySymbol.get(sym) ?? (lenient ? undefined : adHocTicker((adHoc ??= new Map()), sym));
        if (e) out.push({ entity: e, start: i, end, kind: 'exchange' });
        i = end;
        continue;
      }
    }
    let matched = false;
    const candidates = t.kind === KIND_PUNCT ? undefined : lex ? lex[i]?.names : index.phrases.getHashed(t.lower, t.hash);
    if (candidates) {
      for (const phrase of candidates) {
        const end = matchPhrase(tokens, i, phrase);
        if (end < 0 || !caseMatches(tokens, i, end, phrase)) continue;
        const kind: MentionKind = phrase.entity.type === 'keyword' ? 'keyword' : 'name';
        const m: Mention = { entity: phrase.entity, start: i, end, kind };
        if (phrase.mode === 'plain' || (lenient && phrase.mode === 'soft' && !shape.allLower && t.case !== CASE_LOWER)) out.push(m);
        else (pending ??= []).push({ m, phrase });
        i = end;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (t.kind === KIND_WORD && t.case === CASE_UPPER && t.text.length >= 2 && !shape.mostlyUpper) {
      const e = index.bySymbol.get(t.text);
      if (e && e.type === 'ticker' && !e.commonWordSymbol) {
        out.push({ entity: e, start: i, end: i + 1, kind: 'ticker' });
      }
    }
    i++;
  }
  if (pending) {
    // Entities already linked for sure (before any pending one is added).
    const confirmedCount = out.length;
    for (const { m, phrase } of pending) {
      const sure = !shape.allLower && tokens[m.start].case !== CASE_LOWER && namedIn(out, confirmedCount, m.entity);
      if (sure || acceptAmbiguous(tokens, m.start, m.end, phrase, shape)) out.push(m);
    }
    if (out.length > 1) out.sort(byStart);
  }
  return out;
}

/**
 * Whether one of the first `count` mentions names `e`. A text names a few entities, so a scan is
 * cheaper than building a Set (and a module function, unlike a closure, costs no allocation).
 */
function namedIn(mentions: readonly Mention[], count: number, e: Entity): boolean {
  for (let k = 0; k < count; k++) if (mentions[k].entity === e) return true;
  return false;
}

/** Mentions in text order (one comparator for every sort, not a closure made per call). */
export function byStart(a: Mention, b: Mention): number {
  return a.start - b.start;
}

/** The ad-hoc ticker of a symbol, one per symbol and text (`cache` lives for one `link` call). */
function adHocTicker(cache: Map<string, Entity>, symbol: string): Entity | undefined {
  let e = cache.get(symbol);
  if (!e) {
    e = newAdHocTicker(symbol);
    if (e) cache.set(symbol, e);
  }
  return e;
}

/** Cashtags and exchange forms of symbols outside the directory still name a company. */
function newAdHocTicker(symbol: string): Entity | undefined {
  if (!/^[A-Z]{1,6}(?:\.[A-Z])?$/.test(symbol)) return undefined;
  // Not added to the index: the entity lives only as long as this result.
  return { key: 't:' + symbol, type: 'ticker', symbol, name: null, commonWordSymbol: false, linked: [] };
}
