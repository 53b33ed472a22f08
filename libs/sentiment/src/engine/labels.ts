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

const TWEET_MARKS = /https?:\/\/|www\.|(?:^|[\s(])[@#$][A-Za-z_]|\bt\.co\//;
const ENDS_SENTENCE = /[.!]["'”’)\]]*\s*$/;

export function registerOf(text: string, title?: string): Register {
  if (title !== undefined && title !== null) return 'headline';
  if (typeof text !== 'string') return 'headline';
  const head = text.length > REPORT_SCAN_CHARS ? text.slice(0, REPORT_SCAN_CHARS) : text;
  const tail = text.length > 16 ? text.slice(-16) : text;
  if (!ENDS_SENTENCE.test(tail) || TWEET_MARKS.test(head)) return 'headline';
  let words = 0;
  for (let i = 0, inWord = false; i < head.length && words < REPORT_MIN_WORDS; i++) {
    const c = head.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words >= REPORT_MIN_WORDS ? 'report' : 'headline';
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
