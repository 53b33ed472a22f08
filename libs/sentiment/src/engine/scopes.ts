/**
 * Which tokens speak of which target. Each clause segment belongs to the targets it names; a
 * segment that names several is split between them at the mentions ("Apple climbs while Nvidia
 * slumps", "Apple rose and Nvidia fell"); a segment that names none belongs to the targets named
 * last before it (or first after it, at the start of the text).
 */
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

/**
 * Adds a non-empty range to the entity's scope. A module function, not a closure over `out`
 * made per call: the closure and its context were two allocations per text.
 */
function addRange(out: Scope[], e: Entity, r: Range): void {
  if (r[1] <= r[0]) return;
  const sc = scopeOf(out, e);
  if (sc) sc.ranges.push(r);
  else out.push({ entity: e, ranges: [r] });
}

/** The distinct entities of `ms` (tickers only, if asked), in order of first mention. */
function distinctEntities(ms: readonly Mention[], tickersOnly: boolean): Entity[] {
  const out: Entity[] = [];
  for (const m of ms) {
    if (tickersOnly && m.entity.type !== 'ticker') continue;
    if (!out.includes(m.entity)) out.push(m.entity);
  }
  return out;
}

/**
 * Each named entity's ranges, in order of the entity's first range. `mentions` must be sorted by
 * start (as `link` and `mergeLinks` return them): each segment's mentions are then one run.
 */
export function scopes(mentions: readonly Mention[], lay: Layout, rules: RuleResult, tokenCount: number): Scope[] {
  const out: Scope[] = [];
  if (mentions.length === 0) return out;
  if (namesOneEntity(mentions)) {
    // Most texts name one company or topic: it owns every segment, and the segments tile the
    // text, so its one range runs from the first segment's start to the last one's end (what the
    // general walk below arrives at after merging).
    const segs = lay.segments;
    return segs.length === 0 ? out : [{ entity: mentions[0].entity, ranges: [[segs[0].start, segs[segs.length - 1].end]] }];
  }
  let owners: Entity[] = [];
  const leading: Range[] = [];
  let next = 0;
  for (let s = 0; s < lay.segments.length; s++) {
    const seg = lay.segments[s];
    const first = next;
    while (next < mentions.length && lay.segOf[Math.min(mentions[next].start, tokenCount - 1)] === s) next++;
    if (next === first) {
      if (owners.length === 0) leading.push([seg.start, seg.end]);
      else for (const e of owners) addRange(out, e, [seg.start, seg.end]);
      continue;
    }
    const ms = mentions.slice(first, next);
    const distinct = ms.length === 1 ? [ms[0].entity] : distinctEntities(ms, false);
    if (owners.length === 0 && leading.length) {
      for (const r of leading) for (const e of distinct) addRange(out, e, r);
      leading.length = 0;
    }
    // Topics are context, not subjects: they take the whole segment and never cut it
    // ("DeepSeek wipes $600bn off Nvidia" speaks of Nvidia).
    const tickers = ms.length === 1 ? (ms[0].entity.type === 'ticker' ? ms : []) : ms.filter((m) => m.entity.type === 'ticker');
    for (const e of distinct) if (e.type === 'keyword') addRange(out, e, [seg.start, seg.end]);
    const tickerSet = tickers.length === 1 ? [tickers[0].entity] : distinctEntities(tickers, true);
    if (tickerSet.length <= 1) {
      if (tickerSet.length === 1) addRange(out, tickerSet[0], [seg.start, seg.end]);
      owners = distinct;
      continue;
    }
    // Several companies in one segment: cut at each change of company.
    const cuts: { entities: Entity[]; a: number; b: number }[] = [];
    for (let k = 0; k < tickers.length; k++) {
      const m = tickers[k];
      // Guarded: reading index −1 of an empty array is a slow generic lookup in V8.
      const last = cuts.length > 0 ? cuts[cuts.length - 1] : undefined;
      if (last && last.entities.includes(m.entity)) continue;
      const a = cuts.length === 0 ? seg.start : m.start;
      if (last) last.b = a;
      cuts.push({ entities: [m.entity], a, b: seg.end });
    }
    // A part with no evidence ("Apple and") shares the next part's words: "Apple and Nvidia rise".
    for (let k = cuts.length - 2; k >= 0; k--) {
      if (!evidenceIn(rules, cuts[k].a, cuts[k].b)) {
        cuts[k + 1].entities.push(...cuts[k].entities);
        cuts[k].entities = [];
      }
    }
    for (const c of cuts) {
      for (const e of c.entities) addRange(out, e, [c.a, c.b]);
    }
    owners = cuts[cuts.length - 1].entities.length ? cuts[cuts.length - 1].entities : tickerSet;
  }
  for (const sc of out) sc.ranges = merge(sc.ranges);
  return out;
}

/** Sorted, overlapping ranges joined. May return `ranges` itself (one range): treat as read-only. */
function merge(ranges: Range[]): Range[] {
  if (ranges.length === 1) return ranges;
  ranges.sort((x, y) => x[0] - y[0]);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out.length > 0 ? out[out.length - 1] : undefined;
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
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
