/** Score → label mappings. Thresholds are stored with every score so history stays comparable. */
import type { Label, Label5, Thresholds } from '../types';

/** Alpha Vantage's five-level cut-offs. */
export const LABEL5_CUTOFFS = { bullish: 0.35, somewhatBullish: 0.15, somewhatBearish: -0.15, bearish: -0.35 } as const;

/**
 * The register of a text, which picks its label thresholds (the score itself does not depend on
 * it). `report`: prose as in press releases, company reports and wire copy — a sentence ending in
 * a full stop, without a tweet's marks (URL, cashtag, @handle, #hashtag), given without a title.
 * `headline`: everything else — tweets, headlines, and title + body items from feeds. The
 * thresholds of each register are fitted by `train.main.ts` (see docs/accuracy.md).
 */
export type Register = 'headline' | 'report';

/** At least this many words make a report sentence ("Sales fell." is too short to tell). */
const REPORT_MIN_WORDS = 5;
/** Only the start of a long text is looked at (the register check stays O(1) per text). */
const REPORT_SCAN_CHARS = 2000;

/** Closing quotes and brackets that may follow the final full stop. */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Ends in a full stop or an exclamation mark (before closing quotes, brackets, spaces). */
function endsSentence(text: string): boolean {
  let i = text.length - 1;
  const stop = Math.max(0, text.length - 16);
  while (i >= stop && (isSpace(text.charCodeAt(i)) || isCloser(text.charCodeAt(i)))) i--;
  if (i < stop) return false;
  const c = text.charCodeAt(i);
  return c === 46 || c === 33;
}

/**
 * A tweet's marks in the first `end` characters: a URL, or @, # or $ starting a word and followed
 * by a letter (handle, hashtag, cashtag; "$540" is an amount, not a cashtag). Counts words up to
 * REPORT_MIN_WORDS on the way; returns -1 when a mark is found, else the word count.
 */
function wordsWithoutMarks(text: string, end: number): number {
  if (text.indexOf('://') !== -1 || text.indexOf('www.') !== -1) return -1;
  let words = 0;
  let prevSpace = true;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      prevSpace = true;
      continue;
    }
    if ((c === 64 || c === 35 || c === 36) && (prevSpace || text.charCodeAt(i - 1) === 40) && isAsciiLetter(text.charCodeAt(i + 1))) return -1;
    if (prevSpace) words++;
    prevSpace = false;
  }
  return words;
}

export function registerOf(text: string, title?: string): Register {
  if (title !== undefined && title !== null) return 'headline';
  if (typeof text !== 'string' || !endsSentence(text)) return 'headline';
  return wordsWithoutMarks(text, Math.min(text.length, REPORT_SCAN_CHARS)) >= REPORT_MIN_WORDS ? 'report' : 'headline';
}

/** The thresholds for a text: the report register's for report prose, else the default pair. */
export function thresholdsFor(text: string, title: string | undefined, headline: Thresholds, report: Thresholds): Thresholds {
  return registerOf(text, title) === 'report' ? report : headline;
}

/** `positive` when score ≥ thresholds.positive, `negative` when score ≤ thresholds.negative. */
export function label3(score: number, t: Thresholds): Label {
  if (score >= t.positive) return 'positive';
  if (score <= t.negative) return 'negative';
  return 'neutral';
}

export function label5(score: number): Label5 {
  if (score >= LABEL5_CUTOFFS.bullish) return 'bullish';
  if (score >= LABEL5_CUTOFFS.somewhatBullish) return 'somewhat-bullish';
  if (score <= LABEL5_CUTOFFS.bearish) return 'bearish';
  if (score <= LABEL5_CUTOFFS.somewhatBearish) return 'somewhat-bearish';
  return 'neutral';
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
