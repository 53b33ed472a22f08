import type { Observation } from './signal.types';

export interface WindowStats {
  from: number;
  to: number;
  /** Observations in (from, to] with relevance >= minRelevance. */
  count: number;
  sumRelevance: number;
  /** Plain mean of scores (0 when empty). */
  mean: number;
  /** Relevance-weighted mean of scores (0 when empty). */
  weightedMean: number;
  /** Relevance-weighted, exponentially decayed mean (half-life `halfLifeMs` back from `to`). */
  ewma: number;
  /** Relevance-weighted standard deviation about `weightedMean`. */
  std: number;
  /** Mentions per hour over the window. */
  velocityPerHour: number;
}

export interface WindowStatsOptions {
  minRelevance?: number;
  /** Default: half the window. */
  halfLifeMs?: number;
}

/** First index with `t > from` in a time-sorted array (sorted from `lo` on; the search starts there). */
export function firstAfter(obs: readonly Observation[], from: number, lo = 0): number {
  let hi = obs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (obs[mid].t > from) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Running sums per observation: count, Σscore, Σrelevance, Σrelevance·score, Σrelevance·score². */
const SUM_FIELDS = 5;
const WINDOW_INDEX = Symbol('windowIndex');
type IndexedObservations = readonly Observation[] & { [WINDOW_INDEX]?: WindowIndex };

/**
 * Running sums over a window's items, per relevance floor, made when first asked for. A slice the
 * window hands out carries one (with the slice's offset in the items) while the window is
 * unchanged; `windowStats` then answers in O(log n) instead of a pass over the range. Rules ask
 * each window several times per evaluation point, over ranges of up to a week.
 */
class WindowIndex {
  private readonly byFloor = new Map<number, Float64Array>();
  private byStory: Map<number, number[]> | null = null;

  constructor(
    private readonly owner: TargetWindow,
    private readonly version: number,
    private readonly cols: Columns,
    readonly offset: number,
    private readonly end: number,
    /** The window's buffers, one per floor, reused from version to version (they are large). */
    private readonly buffers: Map<number, Float64Array>,
  ) {}

  /** The window has not changed since this index was made. */
  current(): boolean {
    return this.owner.version === this.version;
  }

  get columns(): Columns {
    return this.cols;
  }

  /** Positions of each story's observations, ascending (made on first use). */
  storyPositions(): Map<number, number[]> {
    if (!this.byStory) {
      const m = new Map<number, number[]>();
      const story = this.cols.story;
      for (let i = this.offset; i < this.end; i++) {
        const s = story[i];
        if (s !== s) continue; // NaN: no story
        const list = m.get(s);
        if (list) list.push(i);
        else m.set(s, [i]);
      }
      this.byStory = m;
    }
    return this.byStory;
  }

  /** The running sums (SUM_FIELDS per position, from the items' start), or null if the window changed since. */
  sums(minRelevance: number): Float64Array | null {
    if (!this.current()) return null;
    let s = this.byFloor.get(minRelevance);
    if (!s) {
      const size = (this.end + 1) * SUM_FIELDS;
      s = this.buffers.get(minRelevance);
      if (!s || s.length < size) {
        s = new Float64Array(Math.ceil(size * 1.25));
        this.buffers.set(minRelevance, s);
      }
      s.fill(0, this.offset * SUM_FIELDS, (this.offset + 1) * SUM_FIELDS);
      const { score, rel } = this.cols;
      let count = 0;
      let sum = 0;
      let sumR = 0;
      let sumRS = 0;
      let sumRS2 = 0;
      for (let i = this.offset; i < this.end; i++) {
        const r = rel[i];
        if (r >= minRelevance) {
          const x = score[i];
          count++;
          sum += x;
          sumR += r;
          sumRS += r * x;
          sumRS2 += r * x * x;
        }
        const k = (i + 1) * SUM_FIELDS;
        s[k] = count;
        s[k + 1] = sum;
        s[k + 2] = sumR;
        s[k + 3] = sumRS;
        s[k + 4] = sumRS2;
      }
      this.byFloor.set(minRelevance, s);
    }
    return s;
  }
}

/** A window's times, scores, relevances and ids by position, beside its items: loops over them touch no objects. */
interface Columns {
  t: Float64Array;
  score: Float64Array;
  rel: Float64Array;
  /** Article ids, and story ids (NaN: none). */
  id: Float64Array;
  story: Float64Array;
}

const COLUMN_NAMES = ['t', 'score', 'rel', 'id', 'story'] as const;

function columns(capacity: number): Columns {
  return { t: new Float64Array(capacity), score: new Float64Array(capacity), rel: new Float64Array(capacity), id: new Float64Array(capacity), story: new Float64Array(capacity) };
}

function setColumns(c: Columns, i: number, o: Observation): void {
  c.t[i] = o.t;
  c.score[i] = o.score;
  c.rel[i] = o.relevance;
  c.id[i] = o.articleId;
  c.story[i] = o.storyId ?? NaN;
}

function copyColumn(to: Columns, k: number, from: Columns, i: number): void {
  to.t[k] = from.t[i];
  to.score[k] = from.score[i];
  to.rel[k] = from.rel[i];
  to.id[k] = from.id[i];
  to.story[k] = from.story[i];
}

/**
 * The observations of a window slice whose article id is in `ids` (all within lo..hi), in window
 * order, from the window's id column; null for an array that is not a window slice.
 */
export function indexedArticles(obs: readonly Observation[], ids: ReadonlySet<number>, lo: number, hi: number): Observation[] | null {
  const ix = (obs as IndexedObservations)[WINDOW_INDEX];
  if (!ix?.current()) return null;
  const col = ix.columns.id;
  const out: Observation[] = [];
  for (let i = 0; i < obs.length; i++) {
    const id = col[ix.offset + i];
    if (id >= lo && id <= hi && ids.has(id)) out.push(obs[i]);
  }
  return out;
}

/**
 * The observations of a window slice by story, for the stories in `only` (each with a list, in
 * window order), from the window's story index; null for an array that is not a window slice.
 */
export function indexedByStory(obs: readonly Observation[], only: ReadonlySet<number>): Map<number, Observation[]> | null {
  const ix = (obs as IndexedObservations)[WINDOW_INDEX];
  if (!ix?.current()) return null;
  const positions = ix.storyPositions();
  const end = ix.offset + obs.length;
  const out = new Map<number, Observation[]>();
  for (const story of only) {
    const list: Observation[] = [];
    for (const p of positions.get(story) ?? []) {
      if (p >= end) break;
      list.push(obs[p - ix.offset]);
    }
    out.set(story, list);
  }
  return out;
}

/**
 * Statistics of the time-sorted observations in the half-open window (from, to].
 *
 * `ewma` is computed when it is read: it needs a `Math.pow` per observation, and most windows
 * (a week-long baseline, for instance) are only asked for their counts and means; it is read for
 * the few that an `ewma` rule measures or whose alert records it as evidence. Same value either way.
 */
export function windowStats(obs: readonly Observation[], from: number, to: number, options: WindowStatsOptions = {}): WindowStats {
  const minRel = options.minRelevance ?? 0;
  const halfLife = options.halfLifeMs ?? Math.max(1, (to - from) / 2);
  let count = 0;
  let sum = 0;
  let sumR = 0;
  let sumRS = 0;
  let sumRS2 = 0;
  const first = firstAfter(obs, from);
  let end = first;
  const indexed = (obs as IndexedObservations)[WINDOW_INDEX];
  const sums = indexed?.sums(minRel);
  if (sums) {
    // A slice of a `TargetWindow`: the window's running sums give any range in two lookups.
    end = firstAfter(obs, to, first);
    const a = (indexed!.offset + first) * SUM_FIELDS;
    const b = (indexed!.offset + end) * SUM_FIELDS;
    count = sums[b] - sums[a];
    sum = sums[b + 1] - sums[a + 1];
    sumR = sums[b + 2] - sums[a + 2];
    sumRS = sums[b + 3] - sums[a + 3];
    sumRS2 = sums[b + 4] - sums[a + 4];
  } else {
    for (; end < obs.length; end++) {
      const o = obs[end];
      if (o.t > to) break;
      if (o.relevance < minRel) continue;
      count++;
      sum += o.score;
      sumR += o.relevance;
      sumRS += o.relevance * o.score;
      sumRS2 += o.relevance * o.score * o.score;
    }
  }
  const weightedMean = sumR > 0 ? sumRS / sumR : 0;
  const variance = sumR > 0 ? Math.max(0, sumRS2 / sumR - weightedMean * weightedMean) : 0;
  const hours = (to - from) / 3_600_000;
  let ewma: number | undefined;
  return {
    from,
    to,
    count,
    sumRelevance: sumR,
    mean: count > 0 ? sum / count : 0,
    weightedMean,
    get ewma(): number {
      if (ewma === undefined) {
        let sumW = 0;
        let sumWS = 0;
        for (let i = first; i < end; i++) {
          const o = obs[i];
          if (o.relevance < minRel) continue;
          const w = o.relevance * Math.pow(0.5, (to - o.t) / halfLife);
          sumW += w;
          sumWS += w * o.score;
        }
        ewma = sumW > 0 ? sumWS / sumW : 0;
      }
      return ewma;
    },
    std: Math.sqrt(variance),
    velocityPerHour: hours > 0 ? count / hours : 0,
  };
}

/** Observations in (from, to] with relevance >= minRelevance, in time order. */
export function windowSlice(obs: readonly Observation[], from: number, to: number, minRelevance = 0): Observation[] {
  const out: Observation[] = [];
  for (let i = firstAfter(obs, from); i < obs.length && obs[i].t <= to; i++) if (obs[i].relevance >= minRelevance) out.push(obs[i]);
  return out;
}

/**
 * Sorts by time, keeps one observation per article (the last given) and drops those after `asOf`,
 * so rules see the world as it was at event time `asOf`.
 */
export function prepareObservations(obs: readonly Observation[], asOf: number): Observation[] {
  const byArticle = new Map<number, Observation>();
  for (const o of obs) if (o.t <= asOf && Number.isFinite(o.score) && Number.isFinite(o.relevance)) byArticle.set(o.articleId, o);
  return [...byArticle.values()].sort((a, b) => a.t - b.t || a.articleId - b.articleId);
}

export interface TargetWindowOptions {
  /** Observations older than the newest minus this are dropped (default 8 days). */
  maxAgeMs?: number;
  /** Hard cap on observations held (default 10,000). */
  maxSize?: number;
}

/**
 * In-memory, time-ordered, bounded observations of one target, for processes that keep windows in
 * memory instead of loading them from the database. One observation per article.
 */
export class TargetWindow {
  private items: Observation[] = [];
  private head = 0;
  private readonly ids = new Set<number>();
  private readonly maxAgeMs: number;
  private readonly maxSize: number;
  /** Bumped by every change: the running sums of an older version are not used. */
  version = 0;
  private index: WindowIndex | null = null;
  private readonly sumBuffers = new Map<number, Float64Array>();
  /** Aligned with `items` (positions `head` on); `spare` is the other buffer a merge writes into. */
  private cols: Columns = columns(16);
  private spare: Columns | null = null;

  constructor(options: TargetWindowOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 8 * 86_400_000;
    this.maxSize = options.maxSize ?? 10_000;
  }

  /** Adds an observation; returns false for an article already held. */
  add(o: Observation): boolean {
    if (this.ids.has(o.articleId)) return false;
    this.ids.add(o.articleId);
    this.changed();
    const n = this.items.length;
    if (n === this.head || o.t >= this.cols.t[n - 1]) this.push(o);
    else {
      let i = n;
      while (i > this.head && this.cols.t[i - 1] > o.t) i--;
      this.items.splice(i, 0, o);
      this.reserve(n + 1);
      for (const name of COLUMN_NAMES) this.cols[name].copyWithin(i + 1, i, n);
      setColumns(this.cols, i, o);
    }
    this.evict(this.cols.t[this.items.length - 1] - this.maxAgeMs);
    return true;
  }

  /**
   * Adds time-ordered observations (articles already held are skipped); returns how many were new.
   * One merge pass however they interleave with those held: one at a time, each late one was an
   * insertion (a scan and a copy of what follows), O(n) per observation.
   */
  addAll(sorted: readonly Observation[]): number {
    const fresh: Observation[] = [];
    for (const o of sorted) {
      if (this.ids.has(o.articleId)) continue;
      this.ids.add(o.articleId);
      fresh.push(o);
    }
    if (!fresh.length) return 0;
    this.changed();
    const n = this.items.length;
    if (n === this.head || fresh[0].t >= this.cols.t[n - 1]) {
      for (const o of fresh) this.push(o);
    } else {
      // Equal times: the held one first, as `add` does.
      const size = n - this.head + fresh.length;
      const merged: Observation[] = new Array(size);
      const out = this.spare && this.spare.t.length >= size ? this.spare : columns(Math.ceil(size * 1.25));
      const held = this.cols;
      let i = this.head;
      let j = 0;
      let k = 0;
      while (i < n && j < fresh.length) {
        if (held.t[i] <= fresh[j].t) {
          copyColumn(out, k, held, i);
          merged[k++] = this.items[i++];
        } else {
          setColumns(out, k, fresh[j]);
          merged[k++] = fresh[j++];
        }
      }
      while (i < n) {
        copyColumn(out, k, held, i);
        merged[k++] = this.items[i++];
      }
      while (j < fresh.length) {
        setColumns(out, k, fresh[j]);
        merged[k++] = fresh[j++];
      }
      this.items = merged;
      this.head = 0;
      this.spare = held;
      this.cols = out;
    }
    this.evict(this.cols.t[this.items.length - 1] - this.maxAgeMs);
    return fresh.length;
  }

  private push(o: Observation): void {
    const n = this.items.length;
    this.reserve(n + 1);
    this.items.push(o);
    setColumns(this.cols, n, o);
  }

  /** Room in the columns for `size` positions. */
  private reserve(size: number): void {
    if (this.cols.t.length >= size) return;
    const grown = columns(Math.max(16, Math.ceil(size * 1.5)));
    for (const name of COLUMN_NAMES) grown[name].set(this.cols[name]);
    this.cols = grown;
  }

  private changed(): void {
    this.version++;
    this.index = null;
  }

  /** Drops observations older than `cutoff`. */
  evict(cutoff: number): void {
    if (!this.evicts(cutoff)) return;
    this.changed();
    while (this.evicts(cutoff)) {
      this.ids.delete(this.items[this.head].articleId);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      const n = this.items.length;
      this.items = this.items.slice(this.head);
      for (const name of COLUMN_NAMES) this.cols[name].copyWithin(0, this.head, n);
      this.head = 0;
    }
  }

  private evicts(cutoff: number): boolean {
    return this.head < this.items.length && (this.cols.t[this.head] < cutoff || this.items.length - this.head > this.maxSize);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /**
   * Time-ordered observations at or before `asOf` (a copy). Until the window changes, the copy
   * carries the window's running sums, which `windowStats` uses.
   */
  observations(asOf = Infinity): Observation[] {
    const out = this.items.slice(this.head, this.after(asOf));
    this.index ??= new WindowIndex(this, this.version, this.cols, this.head, this.items.length, this.sumBuffers);
    Object.defineProperty(out, WINDOW_INDEX, { value: this.index });
    return out;
  }

  /** The first position (from `head`) with a time after `t`. */
  private after(t: number): number {
    const ts = this.cols.t;
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ts[mid] > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  stats(from: number, to: number, options?: WindowStatsOptions): WindowStats {
    return windowStats(this.observations(), from, to, options);
  }
}
