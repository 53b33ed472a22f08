/**
 * Which tokens speak of which target. Each clause segment belongs to the targets it names; a
 * segment that names several is split between them at the mentions ("Apple climbs while Nvidia
 * slumps", "Apple rose and Nvidia fell"); a segment that names none belongs to the targets named
 * last before it (or first after it, at the start of the text).
 */
import { appended } from '../arrays';
import type { Entity } from '../linker/directory-index';
import type { Mention } from '../linker/linker';
import { firstEvidenceAt, type RuleResult } from '../scorer/rules';
import type { Layout } from '../scorer/segments';
import type { TokenStore } from '../text/tokenize';

export type Range = [number, number];

function evidenceIn(rules: RuleResult, a: number, b: number): boolean {
  const k = firstEvidenceAt(rules.evidence, a);
  return k < rules.evidence.length && rules.evidence[k].pos < b;
}

/** The token ranges that speak of one entity. */
export interface Scope {
  entity: Entity;
  ranges: Range[];
}

/**
 * Entities (and their values) are kept in small arrays scanned linearly rather than in Maps and
 * Sets: a text names a handful of entities, and building a Map per text cost more than the scans.
 */
function scopeOf(scopes: readonly Scope[], e: Entity): Scope | undefined {
  for (const s of scopes) if (s.entity === e) return s;
  return undefined;
}

/** Whether every mention names the same entity as the first. */
export function namesOneEntity(ms: readonly Mention[]): boolean {
  for (let k = 1; k < ms.length; k++) if (ms[k].entity !== ms[0].entity) return false;
  return true;
}

/** Empty lists to start from (shared, never written: `appended` makes a new list from them). */
const NO_RANGES: Range[] = [];
const NO_ENTITIES: Entity[] = [];

/**
 * Adds a non-empty range to the entity's scope; returns `out` (see `appended`). A module
 * function, not a closure over `out` made per call: the closure and its context were two
 * allocations per text.
 */
function addRange(out: Scope[], e: Entity, r: Range): Scope[] {
  if (r[1] <= r[0]) return out;
  const sc = scopeOf(out, e);
  if (sc) sc.ranges = appended(sc.ranges, r);
  else out = appended(out, { entity: e, ranges: [r] });
  return out;
}

/** Whether `list` holds `e` (a loop: the lists hold an entity or two, and `includes` is a builtin call). */
function holds(list: readonly Entity[], e: Entity): boolean {
  for (let k = 0; k < list.length; k++) if (list[k] === e) return true;
  return false;
}

/**
 * The distinct entities of `ms[from, to)` (tickers only, if asked), in order of first mention.
 * Given as a range of the sorted mentions rather than a slice of them: one array less per segment.
 */
function distinctEntities(ms: readonly Mention[], from: number, to: number, tickersOnly: boolean): Entity[] {
  let out = NO_ENTITIES;
  for (let k = from; k < to; k++) {
    const e = ms[k].entity;
    if (tickersOnly && e.type !== 'ticker') continue;
    if (!holds(out, e)) out = appended(out, e);
  }
  return out === NO_ENTITIES ? [] : out;
}

/** Ranges by start (one comparator for every sort, not a closure made per call). */
function byRangeStart(x: Range, y: Range): number {
  return x[0] - y[0];
}

/**
 * Each named entity's ranges, in order of the entity's first range. `mentions` must be sorted by
 * start (as `link` and `mergeLinks` return them): each segment's mentions are then one run.
 */
export function scopes(mentions: readonly Mention[], lay: Layout, rules: RuleResult, tokenCount: number): Scope[] {
  let out: Scope[] = [];
  if (mentions.length === 0) return out;
  if (namesOneEntity(mentions)) {
    // Most texts name one company or topic: it owns every segment, and the segments tile the
    // text, so its one range runs from the first segment's start to the last one's end (what the
    // general walk below arrives at after merging).
    const segs = lay.segments;
    return segs.length === 0 ? out : [{ entity: mentions[0].entity, ranges: [[segs[0].start, segs[segs.length - 1].end]] }];
  }
  let owners: Entity[] = NO_ENTITIES;
  let leading = NO_RANGES;
  let next = 0;
  for (let s = 0; s < lay.segments.length; s++) {
    const seg = lay.segments[s];
    const first = next;
    while (next < mentions.length && lay.segOf[Math.min(mentions[next].start, tokenCount - 1)] === s) next++;
    if (next === first) {
      if (owners.length === 0) leading = appended(leading, [seg.start, seg.end]);
      else for (const e of owners) out = addRange(out, e, [seg.start, seg.end]);
      continue;
    }
    // The segment's mentions are mentions[first, next), read in place: no slice of them, no
    // filtered copy of its tickers (and no closure for the filter) per segment.
    const distinct = next - first === 1 ? [mentions[first].entity] : distinctEntities(mentions, first, next, false);
    if (owners.length === 0 && leading.length) {
      for (const r of leading) for (const e of distinct) out = addRange(out, e, r);
      leading = NO_RANGES;
    }
    // Topics are context, not subjects: they take the whole segment and never cut it
    // ("DeepSeek wipes $600bn off Nvidia" speaks of Nvidia).
    let tickerCount = 0;
    let firstTicker = -1;
    for (let k = first; k < next; k++) {
      if (mentions[k].entity.type !== 'ticker') continue;
      if (tickerCount++ === 0) firstTicker = k;
    }
    for (const e of distinct) if (e.type === 'keyword') out = addRange(out, e, [seg.start, seg.end]);
    const tickerSet = tickerCount === 1 ? [mentions[firstTicker].entity] : distinctEntities(mentions, first, next, true);
    if (tickerSet.length <= 1) {
      if (tickerSet.length === 1) out = addRange(out, tickerSet[0], [seg.start, seg.end]);
      owners = distinct;
      continue;
    }
    // Several companies in one segment: cut at each change of company.
    let cuts: Cut[] = NO_CUTS;
    for (let k = firstTicker; k < next; k++) {
      const m = mentions[k];
      if (m.entity.type !== 'ticker') continue;
      // Guarded: reading index −1 of an empty array is a slow generic lookup in V8.
      const last = cuts.length > 0 ? cuts[cuts.length - 1] : undefined;
      if (last && holds(last.entities, m.entity)) continue;
      const a = cuts.length === 0 ? seg.start : m.start;
      if (last) last.b = a;
      cuts = appended(cuts, { entities: [m.entity], a, b: seg.end });
    }
    // A part with no evidence ("Apple and") shares the next part's words: "Apple and Nvidia rise".
    for (let k = cuts.length - 2; k >= 0; k--) {
      if (!evidenceIn(rules, cuts[k].a, cuts[k].b)) {
        // A loop rather than `push(...entities)`: spreading is a generic builtin call.
        const from = cuts[k].entities;
        const later = cuts[k + 1];
        for (let j = 0; j < from.length; j++) later.entities = appended(later.entities, from[j]);
        cuts[k].entities = [];
      }
    }
    for (const c of cuts) {
      for (const e of c.entities) out = addRange(out, e, [c.a, c.b]);
    }
    owners = cuts[cuts.length - 1].entities.length ? cuts[cuts.length - 1].entities : tickerSet;
  }
  for (const sc of out) sc.ranges = merge(sc.ranges);
  return out;
}

/** A part of a segment that names several companies, and the companies it belongs to. */
interface Cut {
  entities: Entity[];
  a: number;
  b: number;
}

/** `scopes`' cuts before the first (shared, never written). */
const NO_CUTS: Cut[] = [];

/** Sorted, overlapping ranges joined. May return `ranges` itself (one range): treat as read-only. */
function merge(ranges: Range[]): Range[] {
  if (ranges.length === 1) return ranges;
  ranges.sort(byRangeStart);
  let out = NO_RANGES;
  for (const r of ranges) {
    const last = out.length > 0 ? out[out.length - 1] : undefined;
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out = appended(out, [r[0], r[1]]);
  }
  return out === NO_RANGES ? [] : out;
}

/**
 * Relevance 0..1 from where and how a target is named: the subject of the headline scores
 * highest, a passing mention deep in the body lowest; repeated mentions add a little.
 */
export function relevance(ms: readonly Mention[], lay: Layout, headlineEnd: number, hasTitle: boolean, targetCount: number): number {
  let best = 0;
  for (const m of ms) {
    const kind = m.kind === 'ticker' ? 0.9 : m.kind === 'keyword' ? 0.9 : 1;
    const seg = lay.segments[lay.segOf[m.start]];
    const sentence = seg.sentence;
    const [sentStart] = lay.sentences[sentence] ?? [0, 0];
    const inHeadline = m.start < headlineEnd;
    const titleEnd = hasTitle ? headlineEnd : 0;
    const subject = m.start - sentStart <= 3 || seg.start === sentStart;
    let pos: number;
    if (inHeadline) pos = subject ? 1 : 0.8;
    else if (titleEnd > 0 && sentence <= 1) pos = subject ? 0.65 : 0.55;
    else if (sentence <= 2) pos = subject ? 0.55 : 0.45;
    else pos = 0.4;
    best = Math.max(best, kind * pos);
  }
  const repeat = Math.min(0.2, 0.07 * (ms.length - 1));
  const crowd = targetCount > 3 ? Math.max(0.6, 1 - 0.05 * (targetCount - 3)) : 1;
  return Math.min(1, (best + repeat) * crowd);
}

/**
 * Where the headline ends: the title when one was given, else the first sentence, where a
 * semicolon or a bar does not end a headline ("DeepSeek sparks selloff; Nvidia posts record loss").
 */
export function headlineEnd(tokens: TokenStore, lay: Layout, titleEnd: number): number {
  if (titleEnd > 0) return titleEnd;
  for (const [, end] of lay.sentences) {
    const last = end > 0 ? tokens.code[end - 1] : 0;
    if (last !== 59 /* ; */ && last !== 124 /* | */) return end;
  }
  return tokens.length;
}
