/**
 * Splits a token stream into sentences and clause segments, and weighs segments for contrast:
 * after "but" a clause outweighs what came before; a "despite …" clause weighs little.
 */
import type { Lex } from '../lexicon/lexicon';
import { StringTable } from '../text/string-table';
import { CASE_TITLE, KIND_WORD, type TokenStore } from '../text/tokenize';

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
  /**
   * Per token: index into `segments`. Shared by every `layout` call (valid until the next one, as
   * the token store it describes) and may be longer than the text: only its tokens' entries count.
   */
  segOf: number[];
  sentenceCount: number;
  /** Per sentence: [start, end) token range. */
  sentences: [number, number][];
}

/** Looked up in place by the token (see TokenStore.is): no string per full stop. */
const ABBREVIATIONS = new StringTable<true>(64);
for (const w of [
  'inc', 'corp', 'co', 'ltd', 'plc', 'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'vs', 'no', 'approx', 'est', 'jan', 'feb',
  'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'bros', 'e.g', 'i.e', 'etc', 'cf', 'fig', 'mln', 'bln', 'mn', 'bn',
]) ABBREVIATIONS.set(w, true);

/** `c`: the punctuation code of token i (non-zero). */
function isSentenceEnd(tokens: TokenStore, i: number, c: number): boolean {
  if (c === 33 /* ! */ || c === 63 /* ? */ || c === 59 /* ; */ || c === 10 /* \n */ || c === 124 /* | */) return true;
  if (c !== 46 /* . */) return false;
  const prev = i - 1;
  if (prev >= 0 && tokens.kind[prev] === KIND_WORD && ABBREVIATIONS.getToken(tokens, prev) !== undefined) {
    // "Inc. said" continues; "… Corp. Shares fell" starts a new sentence only before a capital.
    const next = i + 1;
    return next < tokens.length && tokens.kind[next] === KIND_WORD && tokens.cas[next] === CASE_TITLE && !tokens.is(prev, 'inc') && !tokens.is(prev, 'corp') && !tokens.is(prev, 'co');
  }
  return true;
}

/** `c`: the punctuation code of token i (non-zero). */
function isSegmentBreak(tokens: TokenStore, i: number, c: number): boolean {
  if (c === 44 /* , */ || c === 58 /* : */ || c === 40 /* ( */ || c === 41 /* ) */ || c === 0x2014 /* — */ || c === 0x2013 /* – */ || c === 91 /* [ */ || c === 93 /* ] */) return true;
  // A spaced dash separates headline parts: "$BYND - JPMorgan reels in …"
  return c === 45 /* - */ && tokens.space[i] === 1 && (i + 1 >= tokens.length || tokens.space[i + 1] === 1);
}

/**
 * The segments of a text as `layout` closes them. One reused writer rather than a closure per
 * call: the closure and the context holding what it captured were two allocations per text.
 */
class SegmentWriter {
  /**
   * Per token: index into `segments`. One array for every text, written by index and grown by
   * push in token order: a packed array of small integers. A fresh array per text, filled by push,
   * cost a runtime call (room for 17) on its first push, and a write barrier to store it here.
   */
  readonly segOf: number[] = [];
  sentence = 0;
  block = 0;
  segStart = 0;
  /** The connective that opened the segment being read, if any. */
  opener: string | null = null;

  begin(): void {
    this.sentence = 0;
    this.block = 0;
    this.segStart = 0;
    this.opener = null;
  }

  /**
   * Ends the segment being read at token `end`; the next one opens with `nextOpener`. Returns
   * `segments` with the segment closed. The segments are the caller's local, not a field: storing
   * each text's fresh array in this long-lived writer cost a write barrier's slow path per text.
   */
  close(segments: Segment[], end: number, nextOpener: string | null): Segment[] {
    if (end > this.segStart) {
      const seg: Segment = { start: this.segStart, end, sentence: this.sentence, block: this.block, weight: 1, opener: this.opener };
      // Most texts have one or two segments: the first makes a literal of one rather than an empty
      // array whose first push calls into the runtime to make room for 17, the second a literal
      // of two (a push would grow the array of one to room for 18).
      if (segments === NO_SEGMENTS) segments = [seg];
      else if (segments.length === 1) segments = [segments[0], seg];
      else segments.push(seg);
      const s = segments.length - 1;
      const segOf = this.segOf;
      for (let k = this.segStart; k < end; k++) {
        if (k < segOf.length) segOf[k] = s;
        else segOf.push(s);
      }
      // A clause opened by a connective is its own block: "despite the loss, sales rose".
      if (this.opener !== null) this.block++;
    }
    this.segStart = end;
    this.opener = nextOpener;
    return segments;
  }
}

/** A text's segments before the first closes (shared, never written). */
const NO_SEGMENTS: Segment[] = [];

const writer = new SegmentWriter();

/** A sentence range appended to `sentences` (a literal of one for the first: see `close`). */
function addSentence(sentences: [number, number][], start: number, end: number): [number, number][] {
  if (sentences === NO_SENTENCES) return [[start, end]];
  sentences.push([start, end]);
  return sentences;
}

/** `Layout.sentences` before the first sentence (shared, never written). */
const NO_SENTENCES: [number, number][] = [];

export function layout(tokens: TokenStore, lex: readonly (Lex | undefined)[]): Layout {
  const w = writer;
  w.begin();
  let segments = NO_SEGMENTS;
  let sentences = NO_SENTENCES;
  let sentStart = 0;
  const n = tokens.length;
  const kind = tokens.kind;
  const code = tokens.code;
  for (let i = 0; i < n; i++) {
    const lx = lex[i];
    if (lx !== undefined && lx.splitter && kind[i] === KIND_WORD && i > w.segStart) {
      if (w.opener === null) w.block++;
      segments = w.close(segments, i, tokens.lower(i));
    } else if (lx !== undefined && (lx.splitter || lx.concessive || lx.contrast) && kind[i] === KIND_WORD && i === w.segStart) {
      if (!(tokens.is(i, 'even') && !(i + 1 < n && (tokens.is(i + 1, 'though') || tokens.is(i + 1, 'if'))))) {
        w.opener = tokens.lower(i);
        if (segments.length && segments[segments.length - 1].sentence === w.sentence) w.block++;
      }
    }
    const c = code[i];
    if (c === 0) continue;
    if (isSentenceEnd(tokens, i, c)) {
      segments = w.close(segments, i + 1, null);
      sentences = addSentence(sentences, sentStart, i + 1);
      sentStart = i + 1;
      w.sentence++;
      w.block++;
    } else if (isSegmentBreak(tokens, i, c)) {
      segments = w.close(segments, i + 1, null);
    }
  }
  segments = w.close(segments, n, null);
  if (sentStart < n) {
    sentences = addSentence(sentences, sentStart, n);
    w.sentence++;
  }
  // The segments belong to the layout (an empty text gets an array of its own).
  if (segments === NO_SEGMENTS) segments = [];
  weigh(segments, lex);
  return { segments, segOf: w.segOf, sentenceCount: w.sentence, sentences: sentences === NO_SENTENCES ? [] : sentences };
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
