import { Injectable } from '@nestjs/common';
import type { ScoredItem, StoryGrouping, StoryRead, StoryRow, StorySource } from '@seismo/db';
import { StoryMatcher, STORY_SIMILARITY_THRESHOLD, type Similar } from '@seismo/feeds';

/** Recent stories read by a full load (newest first), as the per-batch read always did. */
export const STORY_LOAD_LIMIT = 5_000;
/** Stories held at most before the next batch loads the recent ones again. */
export const STORY_HELD_MAX = 20_000;
/** How long the held stories are trusted before a full load (bounds what a catch-up cannot see). */
export const STORY_RELOAD_AFTER_MS = 10 * 60_000;
/**
 * After a one-trip batch found a story it did not hold (another worker created it), this worker's
 * batches read the new stories first for this long: with several workers creating stories, a
 * one-trip attempt would mostly be a wasted round trip.
 */
export const ONE_TRIP_PAUSE_MS = 1_000;
/** New stories read at most by one catch-up. */
const CATCH_UP_LIMIT = 10_000;

/**
 * The recent stories of this worker, kept in memory across batches with their token index.
 *
 * Every batch used to read the 5,000 most recent stories inside its transaction and index them
 * again (a twelfth of the pipeline's time at 100,000 items). Now a batch reads only the stories
 * created since the last read (`id` above the highest one read), and a full load happens when
 * the held set does not cover the batch's window (older news, a backfill), every 10 minutes, or
 * when it has grown past its bound.
 *
 * A batch matches its own new stories first, then the held ones last seen inside its window,
 * newest first, as before. Its new stories join the held set only once its transaction has
 * committed (`committed`), so a concurrent batch never sees an id that may be rolled back.
 *
 * What a catch-up does not see, until the next full load: a story another worker extended (its
 * last-seen time here is older, so it may leave the window early), and one another worker
 * committed out of id order. Either costs at most a second story for the same news, never an
 * article.
 */
@Injectable()
export class StoryIndex implements StorySource {
  private held: StoryMatcher | null = null;
  /** Stories last seen at or after this instant were loaded (epoch ms). */
  private coveredFrom = Number.POSITIVE_INFINITY;
  /** Highest story id read from the database. */
  private readThrough = 0;
  private loadedAt = 0;
  /** The clock (replaced in tests). */
  now: () => number = Date.now;
  /** The end of the queue of this worker's batches (`exclusive`). */
  private turn: Promise<unknown> = Promise.resolve();
  /** Batches try one round trip from this instant on (epoch ms; see `missed`). */
  private oneTripFrom = 0;

  /**
   * This worker's batches store one at a time, from `plan` to `committed`, so each starts with
   * every story the ones before it created: it can group against the held stories and go in one
   * round trip unless another worker created stories meanwhile. They waited for each other on the
   * story lock before; they now wait here, and the lock is held for one round trip instead of two.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.turn.then(fn, fn);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /**
   * The similar held stories of a batch's keys, found before the story lock is taken: matching is
   * most of grouping's cost, and everything under the lock keeps the other batches waiting. What
   * changes until the batch holds the lock (stories added, last-seen times moved) is taken into
   * account by `open`'s matches; after a full load the held stories are new, and it matches in full.
   */
  prepare(storyKeys: string[]): Similar | null {
    return this.held ? this.held.similar(storyKeys) : null;
  }

  plan(since: Date): StoryRead {
    const stale = this.now() - this.loadedAt > STORY_RELOAD_AFTER_MS;
    if (!this.held || since.getTime() < this.coveredFrom || stale || this.held.size > STORY_HELD_MAX) {
      return { kind: 'recent', since, limit: STORY_LOAD_LIMIT };
    }
    return { kind: 'after', afterId: this.readThrough, limit: CATCH_UP_LIMIT, oneTrip: this.now() >= this.oneTripFrom };
  }

  open(read: StoryRead, rows: StoryRow[], since: Date, prepared?: Similar | null): StoryGrouping {
    if (read.kind === 'recent') {
      // Rows come newest first: the matcher takes them oldest first, so that the newest wins.
      const m = new StoryMatcher([], STORY_SIMILARITY_THRESHOLD);
      for (let i = rows.length - 1; i >= 0; i--) m.add(held(rows[i]));
      this.held = m;
      this.coveredFrom = read.since.getTime();
      this.loadedAt = this.now();
      this.readThrough = rows[0]?.id ?? 0; // the newest comes first
    } else {
      this.absorb(rows);
    }
    const base = this.held!;
    const notBefore = since.getTime();
    const fresh = new StoryMatcher([], STORY_SIMILARITY_THRESHOLD);
    return {
      match: (item: ScoredItem) => fresh.match(item.storyKey) ?? base.match(item.storyKey, notBefore, prepared ?? undefined),
      add: (story) => fresh.add(story),
    };
  }

  missed(): void {
    this.oneTripFrom = this.now() + ONE_TRIP_PAUSE_MS;
  }

  committed(created: StoryRow[], extended: { id: number; lastSeenAt: Date }[], through?: number): void {
    if (!this.held) return;
    // Without `through`, created ids are above everything read so far only if no other worker
    // wrote meanwhile, so `readThrough` stays put: the next catch-up reads them back and skips them
    // as held. With it, the batch saw every story under the lock: the catch-up starts there.
    for (const r of created) if (!this.held.has(r.id)) this.held.add(held(r));
    for (const e of extended) this.held.touch(e.id, e.lastSeenAt.getTime());
    if (through !== undefined && through > this.readThrough) this.readThrough = through;
  }

  /** Catch-up rows in id order: new stories join, known ones only move their last-seen time. */
  private absorb(rows: StoryRow[]): void {
    for (const r of rows) {
      if (this.held!.has(r.id)) this.held!.touch(r.id, r.lastSeenAt.getTime());
      else this.held!.add(held(r));
      if (r.id > this.readThrough) this.readThrough = r.id;
    }
  }

  /** Stories held (for tests). */
  get size(): number {
    return this.held?.size ?? 0;
  }
}

const held = (r: StoryRow) => ({ id: r.id, titleKey: r.titleKey, lastSeenAt: r.lastSeenAt.getTime() });
