/** Titles at or above this Jaccard similarity of their token sets are the same story. */
export const STORY_SIMILARITY_THRESHOLD = 0.6;

const STOP_WORDS = new Set(
  ('a an the and or but nor of in on at to for from by with as into onto over under about after before ' +
    'is are was were be been being am it its this that these those has have had do does did will would can ' +
    'could should may might must shall than then so such not no yes via vs per up down out off amid says said ' +
    'say report reports reported new news update updates live latest breaking video watch here how why what ' +
    'when who where which while he she they we you i his her their our your them us me my').split(' '),
);

/** Lower-case word tokens of a title, punctuation and stop words removed, as a set. */
export function titleTokens(title: string): Set<string> {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}$%.]+/u)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w));
  return new Set(words);
}

/** A key for grouping near-duplicate titles: the sorted token set. Equal keys, same story. */
export function storyKey(title: string): string {
  return [...titleTokens(title)].sort().join(' ');
}

/** Jaccard similarity of the two titles' token sets, 0..1 (1 when both are empty of content). */
export function titleSimilarity(a: string, b: string): number {
  const ta = titleTokens(a);
  const tb = titleTokens(b);
  if (ta.size === 0 && tb.size === 0) return a.trim().toLowerCase() === b.trim().toLowerCase() ? 1 : 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Token sets of story keys, kept across matchers: each batch's matcher indexes the same recent stories again. */
const KEY_TOKENS_MAX = 50_000;
const keyTokenCache = new Map<string, ReadonlySet<string>>();

function keyTokens(key: string): ReadonlySet<string> {
  let tokens = keyTokenCache.get(key);
  if (!tokens) {
    if (keyTokenCache.size >= KEY_TOKENS_MAX) keyTokenCache.clear();
    tokens = titleTokens(key);
    keyTokenCache.set(key, tokens);
  }
  return tokens;
}

/**
 * Finds the story a title key belongs to among recent stories with the same answer as scanning
 * them in order and taking the first whose `titleSimilarity` reaches the threshold, but through an
 * inverted token index, so a batch costs the postings of its tokens instead of every pair.
 * `recent` is in priority order (first wins); `add` puts a story in front of all others. A story
 * may carry when it was last seen: `match` can then skip the ones last seen before an instant.
 */
export class StoryMatcher {
  private readonly ids: number[] = [];
  private readonly sizes: number[] = [];
  /** Last seen (epoch ms) per handle; +Infinity when not given. */
  private readonly lastSeen: number[] = [];
  private readonly handles = new Map<number, number>();
  private readonly postings = new Map<string, number[]>();
  /**
   * Stories whose key has no tokens, by trimmed lower-case key: their handles, ascending. All of
   * them, not only the best: the best may have been last seen before the window a match asks for.
   */
  private readonly emptyKeys = new Map<string, number[]>();
  private counts = new Int32Array(0);
  /** The handles a count touched, in a reused array too (a fresh array per match was half of all the worker allocated). */
  private touched = new Int32Array(0);

  constructor(
    recent: readonly { id: number; titleKey: string; lastSeenAt?: number }[],
    private readonly threshold = STORY_SIMILARITY_THRESHOLD,
  ) {
    for (let i = recent.length - 1; i >= 0; i--) this.add(recent[i]);
  }

  /** A story in front of every story known so far. Handles grow, so a higher handle wins. */
  add(story: { id: number; titleKey: string; lastSeenAt?: number }): void {
    const h = this.ids.length;
    const tokens = keyTokens(story.titleKey);
    this.ids.push(story.id);
    this.sizes.push(tokens.size);
    this.lastSeen.push(story.lastSeenAt ?? Number.POSITIVE_INFINITY);
    this.handles.set(story.id, h);
    if (tokens.size === 0) {
      append(this.emptyKeys, story.titleKey.trim().toLowerCase(), h);
      return;
    }
    for (const t of tokens) append(this.postings, t, h);
  }

  /** Stories held. */
  get size(): number {
    return this.ids.length;
  }

  has(id: number): boolean {
    return this.handles.has(id);
  }

  /** The story was seen again at `at` (epoch ms); its priority does not change. */
  touch(id: number, at: number): void {
    const h = this.handles.get(id);
    if (h !== undefined && !(this.lastSeen[h] >= at)) this.lastSeen[h] = at;
  }

  /**
   * The id of the first matching story last seen at or after `notBefore` (epoch ms), or null.
   * With `since` (from `similar`), only the stories added after it are counted; the ones it found
   * similar before are checked against their last-seen times as they are now. The answer is the
   * same as a full match now.
   */
  match(titleKey: string, notBefore = Number.NEGATIVE_INFINITY, since?: Similar): number | null {
    const prepared = since?.matcher === this ? since : undefined;
    // Handles only grow, so the stories added since `similar` come before the ones it found.
    for (const h of this.similarFrom(titleKey, prepared?.mark ?? 0)) if (this.lastSeen[h] >= notBefore) return this.ids[h];
    if (!prepared) return null;
    for (const h of prepared.handles.get(titleKey) ?? this.similarFrom(titleKey, 0)) if (this.lastSeen[h] >= notBefore) return this.ids[h];
    return null;
  }

  /**
   * The similar stories of each key as the matcher holds them now, whatever their last-seen time:
   * the costly part of `match`, done ahead (outside the story lock). Stories added later and
   * last-seen times changed later are taken into account by `match(key, notBefore, similar)`.
   */
  similar(titleKeys: Iterable<string>): Similar {
    const handles = new Map<string, number[]>();
    for (const key of titleKeys) if (!handles.has(key)) handles.set(key, this.similarFrom(key, 0));
    return { matcher: this, mark: this.ids.length, handles };
  }

  /** Handles at or above `from` whose story is similar to the key, highest (newest) first. */
  private similarFrom(titleKey: string, from: number): number[] {
    const out: number[] = [];
    const tokens = keyTokens(titleKey);
    if (tokens.size === 0) {
      const list = this.emptyKeys.get(titleKey.trim().toLowerCase());
      if (list) for (let i = list.length - 1; i >= 0 && list[i] >= from; i--) out.push(list[i]);
      return out;
    }
    // Shared-token counts per story handle in a reused typed array (a Map per call was the
    // pipeline profile's largest cost in story grouping); only touched handles are reset.
    // Postings ascend (handles only grow), so those below `from` are skipped from the end.
    if (this.counts.length < this.ids.length) {
      this.counts = new Int32Array(Math.max(1024, this.ids.length * 2));
      this.touched = new Int32Array(this.counts.length);
    }
    const counts = this.counts;
    const touched = this.touched;
    let touchedCount = 0;
    for (const t of tokens) {
      const list = this.postings.get(t);
      if (!list) continue;
      for (let i = list.length - 1; i >= 0; i--) {
        const h = list[i];
        if (h < from) break;
        if (counts[h]++ === 0) touched[touchedCount++] = h;
      }
    }
    for (let i = 0; i < touchedCount; i++) {
      const h = touched[i];
      const n = counts[h];
      counts[h] = 0;
      if (n / (tokens.size + this.sizes[h] - n) >= this.threshold) out.push(h);
    }
    return out.sort((x, y) => y - x);
  }
}

/** What `StoryMatcher.similar` found ahead: per key, the similar handles (highest first), and how many handles there were. */
export interface Similar {
  readonly matcher: StoryMatcher;
  readonly mark: number;
  readonly handles: ReadonlyMap<string, readonly number[]>;
}

/** Appends `h` to the list under `key`, creating it. */
function append(lists: Map<string, number[]>, key: string, h: number): void {
  const list = lists.get(key);
  if (list) list.push(h);
  else lists.set(key, [h]);
}
