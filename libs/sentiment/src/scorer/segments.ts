/**
 * Splits a token stream into sentences and clause segments, and weighs segments for contrast:
 * after "but" a clause outweighs what came before; a "despite …" clause weighs little.
 */
import type { Lex } from '../lexicon/lexicon';
import { KIND_PUNCT, KIND_WORD, type Token } from '../text/tokenize';

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
  if (t.kind !== KIND_PUNCT) return false;
  const c = t.text;
  if (c === '!' || c === '?' || c === ';' || c === '\n' || c === '|') return true;
  if (c !== '.') return false;
  const prev = i > 0 ? tokens[i - 1] : undefined;
  if (prev && prev.kind === KIND_WORD && ABBREVIATIONS.has(prev.lower)) {
    const next = tokens[i + 1];
    // "Inc. said" continues; "… Corp. Shares fell" starts a new sentence only before a capital.
    return !!next && next.kind === KIND_WORD && next.case === 1 && prev.lower !== 'inc' && prev.lower !== 'corp' && prev.lower !== 'co';
  }
  return true;
}

function isSegmentBreak(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t.kind !== KIND_PUNCT) return false;
  const c = t.text;
  if (c === ',' || c === ':' || c === '(' || c === ')' || c === '—' || c === '–' || c === '[' || c === ']') return true;
  // A spaced dash separates headline parts: "$BYND - JPMorgan reels in …"
  return c === '-' && t.spaceBefore && (tokens[i + 1]?.spaceBefore ?? true);
}

/**
 * The segments of a text as `layout` closes them. One reused writer rather than a closure per
 * call: the closure and the context holding what it captured were two allocations per text.
 */
class SegmentWriter {
  segments: Segment[] = [];
  /** Per token: index into `segments`. Filled by push in token order: a packed array of small integers. */
  segOf: number[] = [];
  sentence = 0;
  block = 0;
  segStart = 0;
  /** The connective that opened the segment being read, if any. */
  opener: string | null = null;

  begin(): void {
    this.segments = [];
    this.segOf = [];
    this.sentence = 0;
    this.block = 0;
    this.segStart = 0;
    this.opener = null;
  }

  /** Ends the segment being read at token `end`; the next one opens with `nextOpener`. */
  close(end: number, nextOpener: string | null): void {
    if (end > this.segStart) {
      this.segments.push({ start: this.segStart, end, sentence: this.sentence, block: this.block, weight: 1, opener: this.opener });
      const s = this.segments.length - 1;
      for (let k = this.segStart; k < end; k++) this.segOf.push(s);
      // A clause opened by a connective is its own block: "despite the loss, sales rose".
      if (this.opener !== null) this.block++;
    }
    this.segStart = end;
    this.opener = nextOpener;
  }
}

const writer = new SegmentWriter();

export function layout(tokens: readonly Token[], lex: readonly (Lex | undefined)[]): Layout {
  const w = writer;
  w.begin();
  const sentences: [number, number][] = [];
  let sentStart = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const lx = lex[i];
    if (lx !== undefined && lx.splitter && t.kind === KIND_WORD && i > w.segStart) {
      if (w.opener === null) w.block++;
      w.close(i, t.lower);
    } else if (lx !== undefined && (lx.splitter || lx.concessive || lx.contrast) && t.kind === KIND_WORD && i === w.segStart) {
      if (!(t.lower === 'even' && !['though', 'if'].includes(tokens[i + 1]?.lower ?? ''))) {
        w.opener = t.lower;
        if (w.segments.length && w.segments[w.segments.length - 1].sentence === w.sentence) w.block++;
      }
    }
    if (isSentenceEnd(tokens, i)) {
      w.close(i + 1, null);
      sentences.push([sentStart, i + 1]);
      sentStart = i + 1;
      w.sentence++;
      w.block++;
    } else if (isSegmentBreak(tokens, i)) {
      w.close(i + 1, null);
    }
  }
  w.close(tokens.length, null);
  if (sentStart < tokens.length) {
    sentences.push([sentStart, tokens.length]);
    w.sentence++;
  }
  const { segments, segOf, sentence } = w;
  // The arrays now belong to the layout.
  w.segments = NO_SEGMENTS;
  w.segOf = NO_INDEXES;
  weigh(segments, lex);
  return { segments, segOf, sentenceCount: sentence, sentences };
}

/** The writer's arrays between texts (shared, never written). */
const NO_SEGMENTS: Segment[] = [];
const NO_INDEXES: number[] = [];

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
