/**
 * Finds the companies and topics a text names: cashtags, exchange forms (`NASDAQ: NVDA`), bare
 * upper-case tickers that cannot be ordinary words, and names and aliases, with the traps of
 * ordinary words (Apple pie, the Oracle of Omaha, meta-analysis, an arm of) kept out.
 */
import { appended } from '../arrays';
import { StringTable } from '../text/string-table';
import { CASE_LOWER, CASE_MIXED, CASE_NONE, CASE_TITLE, CASE_UPPER, CODE_POSSESSIVE, KIND_CASHTAG, KIND_NUM, KIND_PUNCT, KIND_WORD, type TokenStore } from '../text/tokenize';
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

  add(tokens: TokenStore, i: number): void {
    const kind = tokens.kind[i];
    if (kind === KIND_NUM) {
      if (tokens.hasCapitals(i)) this.capitalNumber = true; // 3M
      return;
    }
    const cs = tokens.cas[i];
    if (kind !== KIND_WORD || cs === CASE_NONE) return;
    this.words++;
    const length = tokens.textLength(i);
    if (cs === CASE_LOWER) this.lower++;
    else if (cs === CASE_UPPER && length > 1) this.upper++;
    if (length >= 4) {
      this.long++;
      if (cs !== CASE_LOWER) this.capitalised++;
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

export function textShape(tokens: TokenStore): TextShape {
  const c = new ShapeCounter();
  for (let i = 0; i < tokens.length; i++) c.add(tokens, i);
  return c.shape();
}

/**
 * A word list looked up with the token's own hash and compared in place: `Set.has` would need
 * the token's lower-case form as a string, hashed again, for every lookup of every candidate name.
 */
class WordList {
  private readonly table: StringTable<true>;

  constructor(list: Iterable<string>) {
    const all = [...list];
    this.table = new StringTable<true>(all.length);
    for (const w of all) this.table.set(w, true);
  }

  has(tokens: TokenStore, i: number): boolean {
    return this.table.getToken(tokens, i) !== undefined;
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

/** The punctuation code of token i, 0 for other kinds and for positions outside the text. */
function codeAt(tokens: TokenStore, i: number): number {
  return i >= 0 && i < tokens.length ? tokens.code[i] : 0;
}

/** Sentence starts: token 0 and every token after `.`, `!`, `?`, `:` or a line-break marker. */
function isSentenceStart(tokens: TokenStore, i: number): boolean {
  if (i === 0) return true;
  const c = tokens.code[i - 1];
  return c === 46 /* . */ || c === 33 /* ! */ || c === 63 /* ? */ || c === 58 /* : */ || c === 34 /* " */ || c === 0x201c /* “ */ || c === 124 /* | */ || c === 45 /* - */ || c === 0x2014 /* — */ || c === 40; /* ( */
}

function isSkippable(tokens: TokenStore, i: number): boolean {
  const c = tokens.code[i];
  return c === 46 /* . */ || c === 45 /* - */ || c === 0x2013; /* – */
}

function isWordAt(tokens: TokenStore, i: number): boolean {
  return i >= 0 && i < tokens.length && tokens.kind[i] === KIND_WORD;
}

/** The word token just before i, or −1. */
function prevWord(tokens: TokenStore, i: number): number {
  return isWordAt(tokens, i - 1) ? i - 1 : -1;
}

/** The word token at `end` (after a possessive `'s`), or −1. */
function nextWordAfter(tokens: TokenStore, end: number): number {
  const j = codeAt(tokens, end) === CODE_POSSESSIVE ? end + 1 : end;
  return isWordAt(tokens, j) ? j : -1;
}

const CURRENCY_WORDS = new WordList(['$', '€', '£', '¥', 'eur', 'usd', 'gbp', 'sek', 'nok', 'dkk', 'jpy', 'chf', 'cad', 'aud', 'us$', 'rmb', 'cny', 'inr']);

function hasCompanyContext(tokens: TokenStore, start: number, end: number): boolean {
  const next = nextWordAfter(tokens, end);
  if (next >= 0 && COMPANY_CUES_AFTER.has(tokens, next)) return true;
  const prev = prevWord(tokens, start);
  if (prev >= 0 && COMPANY_CUES_BEFORE.has(tokens, prev)) return true;
  if (prev >= 0 && tokens.is(prev, 'of')) {
    const pp = prevWord(tokens, start - 1);
    if (pp >= 0 && (tokens.is(pp, 'shares') || tokens.is(pp, 'stake') || tokens.is(pp, 'ceo') || tokens.is(pp, 'investors'))) return true;
  }
  return codeAt(tokens, end) === 40 /* ( */ && isWordAt(tokens, end + 1) && tokens.cas[end + 1] === CASE_UPPER;
}

/** Whether a soft or hard alias match at [start, end) reads as the company. */
function acceptAmbiguous(tokens: TokenStore, start: number, end: number, phrase: Phrase, shape: TextShape): boolean {
  // "$3M deal", "EUR 3M": an amount, not 3M the company.
  if (tokens.kind[start] === KIND_NUM && start > 0 && CURRENCY_WORDS.has(tokens, start - 1)) return false;
  const context = hasCompanyContext(tokens, start, end);
  if (phrase.mode === 'hard') return context;
  if (shape.allLower) return context;
  if (tokens.cas[start] === CASE_LOWER) return false;
  const after = codeAt(tokens, end);
  // Hyphen compounds: Meta-analysis, Apple-shaped — but Apple-backed is still Apple.
  if ((after === 45 /* - */ || after === 0x2013) /* – */ && !tokens.space[end]) {
    if (isWordAt(tokens, end + 1) && !tokens.space[end + 1] && !HYPHEN_OK.has(tokens, end + 1)) return false;
  }
  const before = codeAt(tokens, start - 1);
  if ((before === 45 /* - */ || before === 0x2013) /* – */ && !tokens.space[start]) return false;
  const next = nextWordAfter(tokens, end);
  const traps = TRAP_FOLLOWERS.get(phrase.tokens[phrase.tokens.length - 1]);
  if (next >= 0 && traps && traps.has(tokens, next) && codeAt(tokens, end) !== CODE_POSSESSIVE) return false;
  if (next >= 0 && tokens.is(next, 'of') && next === end) return false;
  const prev = prevWord(tokens, start);
  if (prev >= 0 && DETERMINERS.has(tokens, prev) && !context) return false;
  // "Harrison Ford", "Greg Abbott": a first name, or a capitalised word mid-sentence in running text.
  if (prev >= 0 && tokens.cas[prev] !== CASE_LOWER && FIRST_NAMES.has(tokens, prev) && !context) return false;
  if (prev >= 0 && !shape.titleCase && !isSentenceStart(tokens, start - 1) && (tokens.cas[prev] === CASE_TITLE || tokens.cas[prev] === CASE_MIXED) && !CAPITALISED_OK_BEFORE.has(tokens, prev) && !context) {
    return false;
  }
  return true;
}

function caseMatches(tokens: TokenStore, start: number, end: number, phrase: Phrase): boolean {
  if (!phrase.upperOnly) return true;
  for (let i = start; i < end; i++) {
    if (tokens.kind[i] === KIND_WORD && tokens.cas[i] !== CASE_UPPER) return false;
  }
  return true;
}

/** Tries the phrase at token i (whose first word already matched); returns the end (exclusive) or -1. */
function matchPhrase(tokens: TokenStore, i: number, phrase: Phrase): number {
  let j = i + 1;
  const words = phrase.tokens;
  const hashes = phrase.hashes;
  for (let k = 1; k < words.length; k++) {
    while (j < tokens.length && isSkippable(tokens, j)) j++;
    if (j >= tokens.length || tokens.hash[j] !== hashes[k]) return -1;
    const w = words[k];
    // A cashtag matches as `$` and its symbol.
    if (tokens.kind[j] === KIND_CASHTAG ? w.charCodeAt(0) !== 36 || !tokens.is(j, w, 1) : !tokens.is(j, w)) return -1;
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

export function link(tokens: TokenStore, index: DirectoryIndex, shape: TextShape, opts: LinkOptions = {}): Mention[] {
  // NO_MENTIONS until the first mention (see `appended`).
  let out = NO_MENTIONS;
  const lenient = opts.lenient === true;
  const lex = opts.lex;
  // Both made when first needed: most texts have no cashtag outside the directory, and no
  // mention that waits for the whole text before it is accepted.
  let adHoc: Map<string, Entity> | undefined;
  let pending: { m: Mention; phrase: Phrase }[] | undefined;
  const n = tokens.length;
  const kinds = tokens.kind;
  let i = 0;
  while (i < n) {
    const kind = kinds[i];
    if (kind === KIND_CASHTAG) {
      const symbol = tokens.text(i);
      const e = index.bySymbol.get(symbol) ?? (lenient ? undefined : adHocTicker((adHoc ??= new Map()), symbol));
      if (e) out = appended(out, { entity: e, start: i, end: i + 1, kind: 'cashtag' });
      i++;
      continue;
    }
    if (kind === KIND_WORD && codeAt(tokens, i + 1) === 58 /* : */ && EXCHANGES.has(tokens, i)) {
      const s = i + 2;
      if (isWordAt(tokens, s) && tokens.cas[s] === CASE_UPPER && tokens.textLength(s) <= 6) {
        let sym = tokens.text(s);
        let end = i + 3;
        if (codeAt(tokens, end) === 46 /* . */ && isWordAt(tokens, end + 1) && tokens.textLength(end + 1) === 1 && !tokens.space[end + 1]) {
          sym += '.' + tokens.text(end + 1);
          end += 2;
        }
        const e = index.bySymbol.get(sym) ?? (lenient ? undefined : adHocTicker((adHoc ??= new Map()), sym));
        if (e) out = appended(out, { entity: e, start: i, end, kind: 'exchange' });
        i = end;
        continue;
      }
    }
    let matched = false;
    const candidates = kind === KIND_PUNCT ? undefined : lex ? lex[i]?.names : index.phrases.getToken(tokens, i);
    if (candidates) {
      for (const phrase of candidates) {
        const end = matchPhrase(tokens, i, phrase);
        if (end < 0 || !caseMatches(tokens, i, end, phrase)) continue;
        const kind: MentionKind = phrase.entity.type === 'keyword' ? 'keyword' : 'name';
        const m: Mention = { entity: phrase.entity, start: i, end, kind };
        if (phrase.mode === 'plain' || (lenient && phrase.mode === 'soft' && !shape.allLower && tokens.cas[i] !== CASE_LOWER)) out = appended(out, m);
        // Literals of one and two rather than pushes (see `appended`).
        else if (pending === undefined) pending = [{ m, phrase }];
        else if (pending.length === 1) pending = [pending[0], { m, phrase }];
        else pending.push({ m, phrase });
        i = end;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (kind === KIND_WORD && tokens.cas[i] === CASE_UPPER && tokens.textLength(i) >= 2 && !shape.mostlyUpper) {
      const e = index.bySymbol.get(tokens.text(i));
      if (e && e.type === 'ticker' && !e.commonWordSymbol) {
        out = appended(out, { entity: e, start: i, end: i + 1, kind: 'ticker' });
      }
    }
    i++;
  }
  if (pending) {
    // Entities already linked for sure (before any pending one is added).
    const confirmedCount = out.length;
    for (const { m, phrase } of pending) {
      const sure = !shape.allLower && tokens.cas[m.start] !== CASE_LOWER && namedIn(out, confirmedCount, m.entity);
      if (sure || acceptAmbiguous(tokens, m.start, m.end, phrase, shape)) out = appended(out, m);
    }
    // Pending mentions usually follow the sure ones already: then the sort (a builtin call that
    // would leave them as they are, being stable) is skipped.
    if (out.length > 1 && !sortedByStart(out)) out.sort(byStart);
  }
  // The caller owns the result: a text without mentions gets an empty array of its own.
  return out === NO_MENTIONS ? [] : out;
}

/** `link`'s mentions before the first one (shared, never written). */
const NO_MENTIONS: Mention[] = [];

/**
 * Whether one of the first `count` mentions names `e`. A text names a few entities, so a scan is
 * cheaper than building a Set (and a module function, unlike a closure, costs no allocation).
 */
function namedIn(mentions: readonly Mention[], count: number, e: Entity): boolean {
  for (let k = 0; k < count; k++) if (mentions[k].entity === e) return true;
  return false;
}

/** Whether the mentions are in text order already. */
function sortedByStart(mentions: readonly Mention[]): boolean {
  for (let k = 1; k < mentions.length; k++) if (mentions[k - 1].start > mentions[k].start) return false;
  return true;
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
