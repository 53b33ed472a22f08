import { Injectable } from '@nestjs/common';
import { ArticlesRepository } from '@seismo/db';
import { TargetWindow, targetKey, type Observation, type Target } from '@seismo/signals';

/** How long a target's window is trusted before it is loaded again in full (bounds the staleness of deletions). */
const RELOAD_AFTER_MS = 10 * 60_000;
/** Observations older than a job needs are kept this much longer (see `refresh`). */
const EVICT_SLACK_MS = 24 * 3_600_000;
/** Targets held at most; the least recently used is dropped beyond. */
const MAX_TARGETS = 2_000;
/** Observations held per target at most (the database read used to stop at the same number). */
const MAX_PER_TARGET = 50_000;
/** Observations held over all targets at most (about 60 MB), well inside the worker's heap limit. */
const MAX_TOTAL = 300_000;

interface Entry {
  window: TargetWindow;
  /** Everything published at or after this instant is held (epoch ms). */
  since: number;
  /** Every score row of a transaction below this id is held. */
  watermark: bigint;
  loadedAt: number;
}


/**
 * Each target's recent observations, kept in memory by the signals worker instead of being read
 * again from Postgres for every evaluation (which cost O(window) rows per job).
 *
 * Postgres stays the truth, so any number of workers can evaluate any target: before each use a
 * window catches up with the score rows of every transaction at or after its watermark. The
 * watermark is the oldest transaction still running when the window last read
 * (`pg_snapshot_xmin`), so a batch that commits after a later batch is still picked up, however
 * the two were ordered. Rows are deduplicated per article by the window.
 */
@Injectable()
export class ObservationCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly articles: ArticlesRepository) {}

  /**
   * Brings the windows of `targets` up to date, covering published times from `from` on. One
   * round trip: the read reports its snapshot's watermark itself.
   */
  async refresh(targets: readonly Target[], from: number, now = Date.now()): Promise<void> {
    if (!targets.length) return;
    const wanted = targets.map((target) => {
      const key = targetKey(target);
      let entry = this.entries.get(key);
      if (entry && (entry.since > from || now - entry.loadedAt > RELOAD_AFTER_MS)) {
        this.entries.delete(key);
        entry = undefined;
      }
      return { target, key, entry };
    });
    const { rows, watermark } = await this.articles.observationsOf(
      wanted.map((w) => ({
        targetType: w.target.type,
        target: w.target.type === 'ticker' ? w.target.key : w.target.key.toLowerCase(),
        from: new Date(w.entry ? w.entry.since : from),
        sinceTx: w.entry ? w.entry.watermark : null,
      })),
    );
    const byKey = new Map<string, Entry>();
    for (const w of wanted) {
      const entry = w.entry ?? { window: new TargetWindow({ maxAgeMs: Number.MAX_SAFE_INTEGER, maxSize: MAX_PER_TARGET }), since: from, watermark: watermark!, loadedAt: now };
      entry.watermark = watermark!;
      // Re-insert: the map's order is the recency order for eviction.
      this.entries.delete(w.key);
      this.entries.set(w.key, entry);
      byKey.set(w.key, entry);
    }
    // In time order, each window's new rows in one merge.
    rows.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.articleId - b.articleId);
    const added = new Map<Entry, Observation[]>();
    for (const r of rows) {
      const entry = byKey.get(`${r.targetType}:${r.target}`);
      if (!entry) continue;
      let list = added.get(entry);
      if (!list) added.set(entry, (list = []));
      list.push({ t: r.publishedAt.getTime(), score: r.score, relevance: r.relevance, articleId: r.articleId, storyId: r.storyId, source: r.source, title: r.title });
    }
    for (const [entry, list] of added) entry.window.addAll(list);
    // Drop what the evaluations will no longer ask for, with a day's slack: jobs do not come in
    // event order, and one whose first point is a little earlier must not reload the window.
    for (const w of wanted) {
      const entry = this.entries.get(w.key)!;
      if (entry.since < from - EVICT_SLACK_MS) {
        entry.since = from - EVICT_SLACK_MS;
        entry.window.evict(entry.since);
      }
    }
    // The least recently used targets go first; the ones just refreshed stay (they are the newest).
    let total = this.size;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= wanted.length || (this.entries.size <= MAX_TARGETS && total <= MAX_TOTAL)) break;
      total -= entry.window.size;
      this.entries.delete(key);
    }
  }

  /** The target's observations published at or before `asOf`, time-ordered, one per article (after `refresh`). */
  observations(target: Target, asOf: number): Observation[] {
    return this.entries.get(targetKey(target))?.window.observations(asOf) ?? [];
  }

  /** Observations held, over all targets (for tests and health). */
  get size(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.window.size;
    return n;
  }

  clear(): void {
    this.entries.clear();
  }
}
