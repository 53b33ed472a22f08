/**
 * Splits a token stream into sentences and clause segments, and weighs segments for contrast:
 * after "but" a clause outweighs what came before; a "despite …" clause weighs little.
 */
import type { Lex } from '../lexicon/lexicon';
import { Kind, type Token } from '../text/tokenize';

export interface Segment {
  start: number;
  end: number;
  sentence: number;
  /** Clause block: segments split by commas stay in one block; connectives and sentences open a new one. */
  block: number;
  weight: number;
  /** The connective that opened the segment, if any. */
  opener: string | null;
}

export interface Layout {
  segments: Segment[];
  /** Per token: index into `segments`. */
  segOf: number[];
  sentenceCount: number;
  /** Per sentence: [start, end) token range. */
  sentences: [number, number][];
}

const ABBREVIATIONS = new Set([
  'inc', 'corp', 'co', 'ltd', 'plc', 'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'vs', 'no', 'approx', 'est', 'jan', 'feb',
  'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'bros', 'e.g', 'i.e', 'etc', 'cf', 'fig', 'mln', 'bln', 'mn', 'bn',
]);

function isSentenceEnd(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t.kind !== Kind.Punct) return false;
  const c = t.text;
  if (c === '!' || c === '?' || c === ';' || c === '\n' || c === '|') return true;
  if (c !== '.') return false;
  const prev = tokens[i - 1];
  if (prev && prev.kind === Kind.Word && ABBREVIATIONS.has(prev.lower)) {
    const next = tokens[i + 1];
    // "Inc. said" continues; "… Corp. Shares fell" starts a new sentence only before a capital.
    return !!next && next.kind === Kind.Word && next.case === 1 && prev.lower !== 'inc' && prev.lower !== 'corp' && prev.lower !== 'co';
  }
  return true;
}

function isSegmentBreak(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t.kind !== Kind.Punct) return false;
  const c = t.text;
  if (c === ',' || c === ':' || c === '(' || c === ')' || c === '—' || c === '–' || c === '[' || c === ']') return true;
  // A spaced dash separates headline parts: "$BYND - JPMorgan reels in …"
  return c === '-' && t.spaceBefore && (tokens[i + 1]?.spaceBefore ?? true);
}

export function layout(tokens: readonly Token[], lex: readonly (Lex | undefined)[]): Layout {
  const segments: Segment[] = [];
  // Filled by push as segments close, in token order: a packed array of small integers.
  const segOf: number[] = [];
  const sentences: [number, number][] = [];
  let sentence = 0;
  let block = 0;
  let segStart = 0;
  let sentStart = 0;
  let opener: string | null = null;
  const close = (end: number, nextOpener: string | null) => {
    if (end > segStart) {
      segments.push({ start: segStart, end, sentence, block, weight: 1, opener });
      for (let k = segStart; k < end; k++) segOf.push(segments.length - 1);
      // A clause opened by a connective is its own block: "despite the loss, sales rose".
      if (opener !== null) block++;
    }
    segStart = end;
    opener = nextOpener;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const lx = lex[i];
    if (lx !== undefined && lx.splitter && t.kind === Kind.Word && i > segStart) {
      if (opener === null) block++;
      close(i, t.lower);
    } else if (lx !== undefined && (lx.splitter || lx.concessive || lx.contrast) && t.kind === Kind.Word && i === segStart) {
      if (!(t.lower === 'even' && !['though', 'if'].includes(tokens[i + 1]?.lower ?? ''))) {
        opener = t.lower;
        if (segments.length && segments[segments.length - 1].sentence === sentence) block++;
      }
    }
    if (isSentenceEnd(tokens, i)) {
      close(i + 1, null);
      sentences.push([sentStart, i + 1]);
      sentStart = i + 1;
      sentence++;
      block++;
    } else if (isSegmentBreak(tokens, i)) {
      close(i + 1, null);
    }
  }
  close(tokens.length, null);
  if (sentStart < tokens.length) {
    sentences.push([sentStart, tokens.length]);
    sentence++;
  }
  weigh(segments, lex);
  return { segments, segOf, sentenceCount: sentence, sentences };
}

function weigh(segments: Segment[], lex: readonly (Lex | undefined)[]): void {
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s];
    const op = seg.opener;
    if (op === null) continue;
    // The opener is the word the segment starts with.
    const lx = lex[seg.start];
    if (lx?.concessive) {
      // A concession ("despite the scare", "although sales fell") runs to its comma.
      seg.weight = 0.35;
    } else if (lx?.contrast) {
      for (let k = s - 1; k >= 0 && segments[k].sentence === seg.sentence; k--) segments[k].weight *= 0.6;
      seg.weight = 1.4;
    }
  }
}
