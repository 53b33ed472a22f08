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

  constructor(options: TargetWindowOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 8 * 86_400_000;
    this.maxSize = options.maxSize ?? 10_000;
  }

  /** Adds an observation; returns false for an article already held. */
  add(o: Observation): boolean {
    if (this.ids.has(o.articleId)) return false;
    this.ids.add(o.articleId);
    const n = this.items.length;
    if (n === this.head || o.t >= this.items[n - 1].t) this.items.push(o);
    else {
      let i = n;
      while (i > this.head && this.items[i - 1].t > o.t) i--;
      this.items.splice(i, 0, o);
    }
    this.evict(this.items[this.items.length - 1].t - this.maxAgeMs);
    return true;
  }

  /** Drops observations older than `cutoff`. */
  evict(cutoff: number): void {
    while (this.head < this.items.length && (this.items[this.head].t < cutoff || this.items.length - this.head > this.maxSize)) {
      this.ids.delete(this.items[this.head].articleId);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** Time-ordered observations at or before `asOf` (a copy). */
  observations(asOf = Infinity): Observation[] {
    return this.items.slice(this.head, firstAfter(this.items, asOf, this.head));
  }

  stats(from: number, to: number, options?: WindowStatsOptions): WindowStats {
    return windowStats(this.head === 0 ? this.items : this.items.slice(this.head), from, to, options);
  }
}
