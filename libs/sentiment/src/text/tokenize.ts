import { FNV_OFFSET, FNV_PRIME, hashRange, hashString } from './string-table';

/**
 * One-pass tokenizer for headlines and short news texts. It keeps what the linker needs
 * (original case, cashtags, whether a token touches the previous one) and what the scorer
 * needs (lowercase form, numbers with sign, percent and scale).
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

export interface Token {
  kind: Kind;
  /** Original text (for cashtags: the symbol without `$`, upper-cased). */
  text: string;
  lower: string;
  /** FNV-1a hash of `lower`, signed 32-bit (see string-table.ts): lookups never re-hash the string. */
  hash: number;
  /** Whitespace (or start of text) precedes the token. */
  spaceBefore: boolean;
  case: Case;
  /** Numbers: what the number says; every other token shares {@link NOT_A_NUMBER}. */
  num: Readonly<NumberInfo>;
}

export interface NumberInfo {
  /** Signed value (`+9%` → 9, `−17%` → −17). */
  value: number;
  /** Written with an explicit sign. */
  signed: boolean;
  /** Followed by `%` or `pct`. */
  pct: boolean;
  /** Preceded by a currency sign or followed by a scale (m, bn). */
  money: boolean;
}

/**
 * The `num` of every token that is not a number. Shared, so a word token is one object: with the
 * number fields in the token itself, each token carried a heap-allocated box for its (NaN) value.
 */
export const NOT_A_NUMBER: Readonly<NumberInfo> = { value: Number.NaN, signed: false, pct: false, money: false };

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

function caseOf(s: string): Case {
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      if (i === 0) firstUpper = true;
    } else if (c >= 97 && c <= 122) lower++;
    else if (c > 127) {
      const ch = s[i];
      const lc = ch.toLowerCase();
      const uc = ch.toUpperCase();
      if (lc !== uc) {
        if (ch === uc) {
          upper++;
          if (i === 0) firstUpper = true;
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

/** `hash`: the hash of the lower-case form when the caller computed it on the way. */
function makeToken(kind: Kind, text: string, hash: number | undefined, spaceBefore: boolean, lower?: string, c?: Case): Token {
  const low = lower ?? text.toLowerCase();
  return {
    kind,
    text,
    lower: low,
    hash: hash !== undefined ? hash : hashString(low),
    spaceBefore,
    case: c ?? (kind === KIND_WORD ? caseOf(text) : CASE_NONE),
    num: NOT_A_NUMBER,
  };
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

/** A punctuation token made outside the tokenizer (same shape as the tokenizer's). */
export function punctToken(text: string): Token {
  return makeToken(KIND_PUNCT, text, undefined, true);
}

/** Maximum number of tokens produced; the input is already bounded by `cleanText`. */
export const MAX_TOKENS = 6000;

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  const n = s.length;
  // The whole text lower-cased, made when a word that is not plain ASCII first needs it (plain
  // ASCII words lower-case their own slice); its slices are only valid when lower-casing kept
  // every length. A headline's lower-case words then cost one slice each instead of a slice of
  // a whole-text copy, and only its capitalised words call toLowerCase (on a few characters).
  // Measured: the scorer ~4–5 % faster (a lone engine per process, alternating runs).
  let low: string | undefined;
  let sameLength = false;
  let i = 0;
  let space = true;
  // The last token and the count, kept in locals: the tokenizer looks back at the previous token
  // for every token, and V8 compiled `out.length` and `out[out.length - 1]` here as megamorphic
  // property loads (generic lookups), several per token. Every push goes `count = out.push((last = t))`.
  let last: Token | undefined;
  let count = 0;
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
        const sym = s.slice(i + 1, j).toUpperCase();
        const t = makeToken(KIND_CASHTAG, sym, undefined, space);
        count = out.push((last = t));
        i = j;
        space = false;
        continue;
      }
    }
    // Signed number: +9%, -17%, −17% (only at a word boundary)
    const signChar = c === 43 || c === 45 || c === 0x2212 || c === 0x2013;
    const signable = space || (last !== undefined && (last.text === '(' || last.text === '['));
    if ((isDigit(c) || (signChar && signable && i + 1 < n && isDigit(s.charCodeAt(i + 1)))) && !(last !== undefined && !space && last.kind === KIND_WORD)) {
      let j = signChar ? i + 1 : i;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (isDigit(d)) j++;
        else if ((d === 44 || d === 46) && j + 1 < n && isDigit(s.charCodeAt(j + 1))) j++;
        else break;
      }
      // Trailing letters: a scale (600bn) makes a number, anything else (5G, 3D) a word.
      let k = j;
      while (k < n && isLetterAt(s, k, s.charCodeAt(k))) k++;
      const suffix = k === j ? '' : s.slice(j, k).toLowerCase();
      if (k === j || SCALES.has(suffix) || suffix === 'pct') {
        let end = k;
        const percent = end < n && s.charCodeAt(end) === 37; /* % */
        if (percent) end++;
        const t = makeToken(KIND_NUM, s.slice(i, end), undefined, space);
        // NaN, not 0: the field must hold doubles from the start. A field that starts as a small
        // integer and later receives 5.2 makes V8 deprecate the object's shape, and every object
        // then pays a shape migration on first access (measured: 4x slower scoring of report sentences).
        const num: NumberInfo = { value: Number.NaN, signed: signChar, pct: percent || suffix === 'pct', money: k > j && suffix !== 'pct' && suffix !== 'x' };
        num.value = parseDigits(s, signChar ? i + 1 : i, j) * (c === 45 || c === 0x2212 || c === 0x2013 ? -1 : 1);
        if (!Number.isFinite(num.value)) num.value = 0;
        const prev = last;
        if (prev && !space && prev.kind === KIND_PUNCT && (prev.text === '$' || prev.text === '€' || prev.text === '£' || prev.text === '¥')) num.money = true;
        t.num = num;
        k = end;
        count = out.push((last = t));
        i = k;
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
      // falls back to caseOf() and hashString().
      let ascii = c < 128;
      let joined = false;
      let upper = c >= 65 && c <= 90 ? 1 : 0;
      let lowerCount = c >= 97 && c <= 122 ? 1 : 0;
      let h = Math.imul(FNV_OFFSET ^ (upper ? c + 32 : c), FNV_PRIME);
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d >= 97 && d <= 122) {
          lowerCount++;
          h = Math.imul(h ^ d, FNV_PRIME);
          j++;
          continue;
        }
        if (d >= 65 && d <= 90) {
          upper++;
          h = Math.imul(h ^ (d + 32), FNV_PRIME);
          j++;
          continue;
        }
        if (d >= 48 && d <= 57) {
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
      let lowered: string | undefined;
      let text: string;
      let hash: number | undefined;
      if (ascii && !joined) {
        // [A-Za-z0-9]+: its lower-case form is its own, or its slice lower-cased.
        text = s.slice(i, j);
        lowered = upper === 0 ? text : text.toLowerCase();
        hash = h;
      } else {
        if (low === undefined) {
          low = s.toLowerCase();
          sameLength = low.length === n;
        }
        lowered = sameLength ? low.slice(i, j) : undefined;
        text = lowered !== undefined && upper === 0 && ascii ? lowered : s.slice(i, j);
        hash = ascii && !joined && lowered !== undefined ? h : undefined;
      }
      let cs: Case | undefined;
      if (ascii && !joined) {
        if (upper === 0) cs = lowerCount === 0 ? CASE_NONE : CASE_LOWER;
        else if (lowerCount === 0) cs = CASE_UPPER;
        else if (upper === 1 && c >= 65 && c <= 90) cs = CASE_TITLE;
        else cs = CASE_MIXED;
      }
      count = out.push((last = makeToken(KIND_WORD, text, hash, space, lowered, cs)));
      i = j;
      space = false;
      continue;
    }
    if ((c === 39 || c === 0x2019) && i + 1 < n && (s.charCodeAt(i + 1) === 115 || s.charCodeAt(i + 1) === 83) && last !== undefined && !space) {
      count = out.push((last = makeToken(KIND_PUNCT, "'s", undefined, false)));
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
      const pair = s.slice(i, i + 2);
      if (MARKET_EMOJI.has(pair)) count = out.push((last = makeToken(KIND_WORD, pair, undefined, space, pair, CASE_NONE)));
      i += 2;
      space = true;
      continue;
    }
    // ASCII punctuation has no case: the lower-case form is the character itself, and its hash
    // is the one-character hash (saves a toLowerCase call per punctuation mark).
    const ch = s[i];
    count = out.push((last = c < 128 ? makeToken(KIND_PUNCT, ch, hashRange(s, i, i + 1), space, ch, CASE_NONE) : makeToken(KIND_PUNCT, ch, undefined, space)));
    i++;
    space = false;
  }
  return out;
}
