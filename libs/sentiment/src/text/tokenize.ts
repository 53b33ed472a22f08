import { FNV_OFFSET, FNV_PRIME, hashString } from './string-table';

/**
 * One-pass tokenizer for headlines and short news texts. It keeps what the linker needs
 * (original case, cashtags, whether a token touches the previous one) and what the scorer
 * needs (lowercase form, numbers with sign, percent and scale), in a {@link TokenStore}.
 */

/*
 * Token kinds and letter cases are numeric constants rather than TypeScript enums: swc compiles
 * each file on its own, so an enum member read in another module (`Kind.Punct`) stays a load of
 * the enum object and of its property at run time, in every hot loop of the linker, the rules and
 * the features. An imported constant is a single load. Measured: `analyze` 2.6–4.9 % less CPU
 * time per text (the bench's setup; four A/B runs, each the median of 6 alternating processes).
 */
export const KIND_WORD = 0;
export const KIND_NUM = 1;
export const KIND_PUNCT = 2;
export const KIND_CASHTAG = 3;
export type Kind = typeof KIND_WORD | typeof KIND_NUM | typeof KIND_PUNCT | typeof KIND_CASHTAG;

export const CASE_LOWER = 0;
export const CASE_TITLE = 1;
export const CASE_UPPER = 2;
export const CASE_MIXED = 3;
export const CASE_NONE = 4;
export type Case = typeof CASE_LOWER | typeof CASE_TITLE | typeof CASE_UPPER | typeof CASE_MIXED | typeof CASE_NONE;

/** Emoji that say which way a market went (📈 📉 🚀 …): kept as words for the lexicon. */
const MARKET_EMOJI = new Set(['📈', '📉', '🚀', '💰', '🟢', '🔴', '🔻', '🔥', '💥']);

const SCALES = new Set(['k', 'm', 'mn', 'mln', 'b', 'bn', 'bln', 'billion', 'million', 'trillion', 'tn', 't', 'x']);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const LETTER_RE = /\p{L}|\p{M}/u;

function isLetterAt(s: string, i: number, c: number): boolean {
  if (c < 128) return isAsciiLetter(c);
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral symbols (emoji) are not words
  return LETTER_RE.test(s[i]);
}

/** Whitespace, and control characters, which the tokenizer treats as whitespace. */
function isSpace(c: number): boolean {
  if (c > 32 && c < 127) return false;
  return c <= 32 || c === 127 || c === 160 || c === 0xfffd || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0xfeff;
}

/** The letter case of `s[from, to)`. */
function caseOf(s: string, from: number, to: number): Case {
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      if (i === from) firstUpper = true;
    } else if (c >= 97 && c <= 122) lower++;
    else if (c > 127) {
      const ch = s[i];
      const lc = ch.toLowerCase();
      const uc = ch.toUpperCase();
      if (lc !== uc) {
        if (ch === uc) {
          upper++;
          if (i === from) firstUpper = true;
        } else lower++;
      }
    }
  }
  if (upper === 0 && lower === 0) return CASE_NONE;
  if (upper === 0) return CASE_LOWER;
  if (lower === 0) return CASE_UPPER;
  if (firstUpper && upper === 1) return CASE_TITLE;
  return CASE_MIXED;
}

/** Exact powers of ten (up to 1e22 every one is a double exactly). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The value of the digits in `s[from, to)` — digits with `,` thousands separators and `.`
 * decimals, as the tokenizer scans them — equal to `parseFloat` of the same digits without
 * commas (which stops at a second dot: "1.2.3" is 1.2). With at most 15 digits and 22 decimals,
 * mantissa and power of ten are exact doubles and their one division is correctly rounded, so
 * the result is bit for bit what `parseFloat` returns (Clinger's fast path); longer numbers go to
 * `parseFloat`. Saves the slice, the comma replace and the generic parser for every number.
 */
export function parseDigits(s: string, from: number, to: number): number {
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let dot = false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c === 44 /* , */) continue;
    if (c === 46 /* . */) {
      if (dot) break;
      dot = true;
      continue;
    }
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    if (dot) decimals++;
  }
  if (digits > 15 || decimals > 22) return Number.parseFloat(s.slice(from, to).replace(/,/g, ''));
  return decimals === 0 ? mantissa : mantissa / POW10[decimals];
}


/** Number flags (`TokenStore.numFlags`). Signed: written with an explicit sign (`+9%`). */
export const NUM_SIGNED = 1;
/** Followed by `%` or `pct`. */
export const NUM_PCT = 2;
/** Preceded by a currency sign or followed by a scale (m, bn). */
export const NUM_MONEY = 4;

/** `TokenStore.code` of the possessive `'s` (however written: `’s`, `'S`), outside the UTF-16 range. */
export const CODE_POSSESSIVE = 0x10000;
const POSSESSIVE_HASH = hashString("'s");

/** Maximum number of tokens produced per text; the input is already bounded by `cleanText`. */
export const MAX_TOKENS = 6000;

/** `lowers` of a text whose every token is plain (shared, never written). */
const NO_LOWERS: (string | undefined)[] = [];

/** ASCII upper case to lower case; every other code unit is its own. */
function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Writes `s[from, to)` with ASCII letters lower-cased to `folded` at `base + from`, and returns
 * the FNV-1a hash (see string-table.ts) of what it wrote.
 */
function foldInto(folded: Uint16Array, base: number, s: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) {
    const c = fold(s.charCodeAt(i));
    folded[base + i] = c;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h | 0;
}

/** A word for `TokenStore.isWord`: compared by hash first. */
export interface HashedWord {
  text: string;
  hash: number;
}

export function hashedWord(text: string): HashedWord {
  return { text, hash: hashString(text) };
}

/**
 * The tokens of a text as parallel typed arrays, read by index. A token is a range of the source
 * text; its lower-case form is made as a string only where a consumer needs one. Almost every
 * token is *plain*: its lower-case form is its range with ASCII letters lower-cased, so the
 * lexicon, the linker and the rules compare it with their words in place (`is`). Only tokens
 * whose lower-casing is more than that (non-ASCII letters) keep a string, in `lowers`.
 *
 * A token object per token, with its text and lower-case slices, made tokenizing about a third
 * slower; typed arrays hold no pointers, so a reused store costs no allocation and no write
 * barrier (a pool of token objects, whose fields received fresh strings, was slower still).
 * Reading typed arrays costs the consumers a little more than reading fields, so the word lists
 * and names they compare with carry hashes, and most candidates are rejected by an integer.
 */
export class TokenStore {
  /** The text the ranges point into: the appended parts, one after another. */
  src = '';
  length = 0;
  kind: Uint8Array;
  /** Letter case of words; CASE_NONE for every other kind. */
  cas: Uint8Array;
  /** 1 where whitespace (or the start of a part) precedes the token. */
  space: Uint8Array;
  /** Source range [start, end) in `src`; for cashtags the symbol, without `$`. */
  start: Int32Array;
  end: Int32Array;
  /** FNV-1a hash of the lower-case form, signed 32-bit (see string-table.ts). */
  hash: Int32Array;
  /**
   * `src` with ASCII letters lower-cased, as char codes, written for the ranges of plain tokens
   * other than punctuation: `is` compares against typed array elements instead of reading the
   * source string, whose every `charCodeAt` dispatches on its representation.
   */
  folded = new Uint16Array(1024);
  /** Punctuation: the character code (CODE_POSSESSIVE for `'s`); 0 for every other kind. */
  code: Int32Array;
  /** Numbers: the signed value (`+9%` → 9, `−17%` → −17) and NUM_* flags (0 for other kinds). */
  value: Float64Array;
  numFlags: Uint8Array;
  /** Lower-case forms of the tokens that are not plain (NO_LOWERS when there are none). */
  private lowers = NO_LOWERS;

  constructor(capacity = 256) {
    this.kind = new Uint8Array(capacity);
    this.cas = new Uint8Array(capacity);
    this.space = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.hash = new Int32Array(capacity);
    this.code = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.numFlags = new Uint8Array(capacity);
  }

  /** Empties the store for the next text. */
  reset(): this {
    this.src = '';
    this.length = 0;
    this.lowers = NO_LOWERS;
    return this;
  }

  /** Tokenizes `s` and appends its tokens (at most MAX_TOKENS); returns how many. */
  append(s: string): number {
    const base = this.src.length;
    this.src = base === 0 ? s : this.src + s;
    if (this.folded.length < this.src.length) {
      const grown = new Uint16Array(this.src.length * 2);
      grown.set(this.folded);
      this.folded = grown;
    }
    return tokenizeInto(this, s, base);
  }

  /** Appends a punctuation token that is not in any text (the title/body separator). */
  appendPunct(ch: string): void {
    const at = this.src.length;
    this.src += ch;
    this.add(KIND_PUNCT, at, at + 1, hashString(ch), true, CASE_NONE, ch.charCodeAt(0));
  }

  /** Appends a token; returns its index. */
  add(kind: Kind, start: number, end: number, hash: number, space: boolean, cas: Case, code: number): number {
    const i = this.length;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.hash[i] = hash;
    this.space[i] = space ? 1 : 0;
    this.cas[i] = cas;
    this.code[i] = code;
    this.numFlags[i] = 0;
    this.length = i + 1;
    return i;
  }

  /** Marks token i as not plain: its lower-case form is `lower`. */
  setLower(i: number, lower: string): void {
    if (this.lowers === NO_LOWERS) this.lowers = [];
    this.lowers[i] = lower;
  }

  /**
   * The lower-case form kept for token i, if it is not plain. Tested against the shared empty
   * array first: most texts have none, and a read past the end of an array is a slow path.
   */
  private lowerOf(i: number): string | undefined {
    return this.lowers === NO_LOWERS ? undefined : this.lowers[i];
  }

  /** Whether token i's lower-case form is its range of `folded` (not punctuation, and plain). */
  isFolded(i: number): boolean {
    return this.code[i] === 0 && this.lowerOf(i) === undefined;
  }

  /** Whether the lower-case form of token i is `w` (from `w[from]` on), without making it. */
  is(i: number, w: string, from = 0): boolean {
    const c = this.code[i];
    if (c !== 0) {
      if (c === CODE_POSSESSIVE) return w.length - from === 2 && w.charCodeAt(from) === 39 && w.charCodeAt(from + 1) === 115;
      const l = this.lowerOf(i);
      if (l !== undefined) return l === w.slice(from);
      return w.length - from === 1 && w.charCodeAt(from) === c;
    }
    const a = this.start[i];
    const n = this.end[i] - a;
    const l = this.lowerOf(i);
    if (l !== undefined) return from === 0 ? l === w : l === w.slice(from);
    if (w.length - from !== n) return false;
    const folded = this.folded;
    for (let k = 0; k < n; k++) if (folded[a + k] !== w.charCodeAt(from + k)) return false;
    return true;
  }

  /** `is(i, w.text)`, rejecting other words by hash: for words tested at every token of a loop. */
  isWord(i: number, w: HashedWord): boolean {
    return this.hash[i] === w.hash && this.is(i, w.text);
  }

  /** The lower-case form of token i (a new string: for cold paths). */
  lower(i: number): string {
    const l = this.lowerOf(i);
    if (l !== undefined) return l;
    return this.kind[i] === KIND_PUNCT ? this.text(i) : this.src.slice(this.start[i], this.end[i]).toLowerCase();
  }

  /**
   * Whether every token is plain (no token keeps a lower-case string): then each token's
   * lower-case length is its range's. For loops that would call `lowerLength` per token.
   */
  allPlain(): boolean {
    return this.lowers === NO_LOWERS;
  }

  /** Length of the lower-case form of token i. */
  lowerLength(i: number): number {
    const l = this.lowerOf(i);
    return l !== undefined ? l.length : this.end[i] - this.start[i];
  }

  /** The original text of token i (for cashtags: the symbol, upper-cased; a new string: for cold paths). */
  text(i: number): string {
    const c = this.code[i];
    if (c !== 0) return c === CODE_POSSESSIVE ? "'s" : String.fromCharCode(c);
    const s = this.src.slice(this.start[i], this.end[i]);
    return this.kind[i] === KIND_CASHTAG ? s.toUpperCase() : s;
  }

  /** Whether lower-casing changes the text of token i ("3M"; not for cashtags, whose text is upper-cased). */
  hasCapitals(i: number): boolean {
    const l = this.lowerOf(i);
    if (l !== undefined) return l !== this.text(i);
    const src = this.src;
    for (let k = this.start[i]; k < this.end[i]; k++) {
      const c = src.charCodeAt(k);
      if (c >= 65 && c <= 90) return true;
    }
    return false;
  }

  /** Length of the original text of token i. */
  textLength(i: number): number {
    return this.end[i] - this.start[i];
  }

  /** Drops the last token. */
  pop(): void {
    this.length--;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const more = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(size);
      b.set(a);
      return b;
    };
    this.kind = more(this.kind, Uint8Array);
    this.cas = more(this.cas, Uint8Array);
    this.space = more(this.space, Uint8Array);
    this.start = more(this.start, Int32Array);
    this.end = more(this.end, Int32Array);
    this.hash = more(this.hash, Int32Array);
    this.code = more(this.code, Int32Array);
    this.value = more(this.value, Float64Array);
    this.numFlags = more(this.numFlags, Uint8Array);
  }
}

/** The tokens of `s` in a store of their own. */
export function tokenize(s: string): TokenStore {
  const store = new TokenStore(16);
  store.append(s);
  return store;
}

/** Tokenizes `s`, whose first character is `src[base]` in the store, into the store. */
function tokenizeInto(out: TokenStore, s: string, base: number): number {
  const n = s.length;
  // The whole text lower-cased, made when a word that is not plain ASCII first needs it (plain
  // words are compared in place); its slices are only valid when lower-casing kept every length.
  let low: string | undefined;
  let sameLength = false;
  let i = 0;
  let space = true;
  // The previous token of this part: its kind (−1: none yet) and punctuation code.
  let lastKind = -1;
  let lastCode = 0;
  let count = 0;
  const folded = out.folded;
  while (i < n && count < MAX_TOKENS) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      space = true;
      i++;
      continue;
    }
    // Cashtag: $NVDA, $BRK.B
    if (c === 36 && i + 1 < n && isAsciiLetter(s.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < n && isAsciiLetter(s.charCodeAt(j)) && j - i <= 6) j++;
      if (j + 1 < n && s.charCodeAt(j) === 46 && isAsciiLetter(s.charCodeAt(j + 1)) && !(j + 2 < n && isAsciiLetter(s.charCodeAt(j + 2)))) j += 2;
      if (j >= n || !isLetterAt(s, j, s.charCodeAt(j))) {
        // The symbol is ASCII letters and a dot: plain, its lower-case form its range folded.
        out.add(KIND_CASHTAG, base + i + 1, base + j, foldInto(folded, base, s, i + 1, j), space, CASE_NONE, 0);
        count++;
        lastKind = KIND_CASHTAG;
        lastCode = 0;
        i = j;
        space = false;
        continue;
      }
    }
    // Signed number: +9%, -17%, −17% (only at a word boundary)
    const signChar = c === 43 || c === 45 || c === 0x2212 || c === 0x2013;
    const signable = space || lastCode === 40 /* ( */ || lastCode === 91; /* [ */
    if ((isDigit(c) || (signChar && signable && i + 1 < n && isDigit(s.charCodeAt(i + 1)))) && !(!space && lastKind === KIND_WORD)) {
      let j = signChar ? i + 1 : i;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (isDigit(d)) j++;
        else if ((d === 44 || d === 46) && j + 1 < n && isDigit(s.charCodeAt(j + 1))) j++;
        else break;
      }
      // Trailing letters: a scale (600bn) makes a number, anything else (5G, 3D) a word.
      let k = j;
      let asciiSuffix = true;
      while (k < n) {
        const d = s.charCodeAt(k);
        if (!isLetterAt(s, k, d)) break;
        if (d >= 128) asciiSuffix = false;
        k++;
      }
      const suffix = k === j ? '' : s.slice(j, k).toLowerCase();
      if (k === j || SCALES.has(suffix) || suffix === 'pct') {
        let end = k;
        const percent = end < n && s.charCodeAt(end) === 37; /* % */
        if (percent) end++;
        // Digits, separators, signs and ASCII letters lower-case in place; a non-ASCII letter
        // that lower-cases to a scale (the Kelvin sign) keeps its string.
        let t: number;
        if (asciiSuffix) t = out.add(KIND_NUM, base + i, base + end, foldInto(folded, base, s, i, end), space, CASE_NONE, 0);
        else {
          const lower = s.slice(i, end).toLowerCase();
          t = out.add(KIND_NUM, base + i, base + end, hashString(lower), space, CASE_NONE, 0);
          out.setLower(t, lower);
        }
        let value = parseDigits(s, signChar ? i + 1 : i, j) * (c === 45 || c === 0x2212 || c === 0x2013 ? -1 : 1);
        if (!Number.isFinite(value)) value = 0;
        const currency = !space && (lastCode === 36 /* $ */ || lastCode === 0x20ac /* € */ || lastCode === 0xa3 /* £ */ || lastCode === 0xa5); /* ¥ */
        const money = (k > j && suffix !== 'pct' && suffix !== 'x') || currency;
        out.value[t] = value;
        out.numFlags[t] = (signChar ? NUM_SIGNED : 0) | (percent || suffix === 'pct' ? NUM_PCT : 0) | (money ? NUM_MONEY : 0);
        count++;
        lastKind = KIND_NUM;
        lastCode = 0;
        i = end;
        space = false;
        continue;
      }
      // fall through: a word such as 5G
    }
    // URLs carry no sentiment and would shatter into junk tokens: skip them whole.
    // (The second character is tested first: every word starting with h or w came here.)
    if ((c === 104 && s.charCodeAt(i + 1) === 116 && (s.startsWith('http://', i) || s.startsWith('https://', i))) || (c === 119 && s.charCodeAt(i + 1) === 119 && s.startsWith('www.', i))) {
      let j = i;
      while (j < n && !isSpace(s.charCodeAt(j))) j++;
      i = j;
      space = true;
      continue;
    }
    if (isDigit(c) || isLetterAt(s, i, c)) {
      let j = i + 1;
      // ASCII case counts and the FNV-1a hash of the lower-case form on the way; anything else
      // falls back to caseOf() and a hash of the whole range.
      let ascii = c < 128;
      let joined = false;
      let upper = c >= 65 && c <= 90 ? 1 : 0;
      let lowerCount = c >= 97 && c <= 122 ? 1 : 0;
      // Plain ASCII words also write their folded codes here (others in foldInto).
      folded[base + i] = upper ? c + 32 : c;
      let h = Math.imul(FNV_OFFSET ^ (upper ? c + 32 : c), FNV_PRIME);
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d >= 97 && d <= 122) {
          lowerCount++;
          folded[base + j] = d;
          h = Math.imul(h ^ d, FNV_PRIME);
          j++;
          continue;
        }
        if (d >= 65 && d <= 90) {
          upper++;
          folded[base + j] = d + 32;
          h = Math.imul(h ^ (d + 32), FNV_PRIME);
          j++;
          continue;
        }
        if (d >= 48 && d <= 57) {
          folded[base + j] = d;
          h = Math.imul(h ^ d, FNV_PRIME);
          j++;
          continue;
        }
        if (d >= 128 && isLetterAt(s, j, d)) {
          ascii = false;
          j++;
          continue;
        }
        // internal apostrophe: don't, isn't — but split the possessive 's
        if ((d === 39 || d === 0x2019) && j + 1 < n && isLetterAt(s, j + 1, s.charCodeAt(j + 1))) {
          const next = s.charCodeAt(j + 1);
          const possessive = (next === 115 || next === 83) && (j + 2 >= n || !isLetterAt(s, j + 2, s.charCodeAt(j + 2)));
          if (possessive) break;
          joined = true;
          j++;
          continue;
        }
        // abbreviations with dots: U.S., U.K.
        if (d === 46 && j - i === 1 && j + 2 < n && isAsciiLetter(s.charCodeAt(j + 1)) && s.charCodeAt(j + 2) === 46) {
          joined = true;
          j += 3;
          continue;
        }
        break;
      }
      if (ascii && !joined) {
        // [A-Za-z0-9]+: case and hash from the counts of the loop.
        let cs: Case;
        if (upper === 0) cs = lowerCount === 0 ? CASE_NONE : CASE_LOWER;
        else if (lowerCount === 0) cs = CASE_UPPER;
        else if (upper === 1 && c >= 65 && c <= 90) cs = CASE_TITLE;
        else cs = CASE_MIXED;
        out.add(KIND_WORD, base + i, base + j, h, space, cs, 0);
      } else if (ascii) {
        // Joined ASCII letters (U.S., didn't, isn’t): the joiners lower-case to themselves, so
        // the word is plain; the loop skipped letters of abbreviations, so hash and case again.
        out.add(KIND_WORD, base + i, base + j, foldInto(folded, base, s, i, j), space, caseOf(s, i, j), 0);
      } else {
        if (low === undefined) {
          low = s.toLowerCase();
          sameLength = low.length === n;
        }
        const lower = sameLength ? low.slice(i, j) : s.slice(i, j).toLowerCase();
        out.setLower(out.add(KIND_WORD, base + i, base + j, hashString(lower), space, caseOf(s, i, j), 0), lower);
      }
      count++;
      lastKind = KIND_WORD;
      lastCode = 0;
      i = j;
      space = false;
      continue;
    }
    if ((c === 39 || c === 0x2019) && i + 1 < n && (s.charCodeAt(i + 1) === 115 || s.charCodeAt(i + 1) === 83) && lastKind >= 0 && !space) {
      out.add(KIND_PUNCT, base + i, base + i + 2, POSSESSIVE_HASH, false, CASE_NONE, CODE_POSSESSIVE);
      count++;
      lastKind = KIND_PUNCT;
      lastCode = CODE_POSSESSIVE;
      i += 2;
      space = false;
      continue;
    }
    // Astral characters (emoji): the few that carry market meaning become words; the rest are skipped.
    if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate (broken input) is skipped alone; a pair is one character.
      const paired = c <= 0xdbff && i + 1 < n && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
      if (!paired) {
        i++;
        space = true;
        continue;
      }
      if (MARKET_EMOJI.has(s.slice(i, i + 2))) {
        // A surrogate pair lower-cases to itself: plain.
        out.add(KIND_WORD, base + i, base + i + 2, foldInto(folded, base, s, i, i + 2), space, CASE_NONE, 0);
        count++;
        lastKind = KIND_WORD;
        lastCode = 0;
      }
      i += 2;
      space = true;
      continue;
    }
    // ASCII punctuation has no case: its code is its lower-case form. Other marks may have one
    // (Ⅰ, Ⓐ are not letters to the tokenizer), kept as a string.
    if (c < 128) out.add(KIND_PUNCT, base + i, base + i + 1, Math.imul(FNV_OFFSET ^ c, FNV_PRIME), space, CASE_NONE, c);
    else {
      const lower = s[i].toLowerCase();
      const t = out.add(KIND_PUNCT, base + i, base + i + 1, hashString(lower), space, CASE_NONE, c);
      if (lower !== s[i]) out.setLower(t, lower);
    }
    count++;
    lastKind = KIND_PUNCT;
    lastCode = c;
    i++;
    space = false;
  }
  return count;
}
