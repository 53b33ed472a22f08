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
  return new Set(fastTokens(title) ?? slowTokens(title));
}

/** A key for grouping near-duplicate titles: the sorted token set. Equal keys, same story. */
export function storyKey(title: string): string {
  const words = fastTokens(title);
  if (words === null) return [...new Set(slowTokens(title))].sort().join(' ');
  // Sorted and made unique in place: tokens are short and few, and the fast path's are ASCII,
  // whose `<` is the code-unit order `sort()` uses.
  if (words.length > 32) words.sort();
  else
    for (let i = 1; i < words.length; i++) {
      const w = words[i];
      let k = i;
      for (; k > 0 && words[k - 1] > w; k--) words[k] = words[k - 1];
      words[k] = w;
    }
  let n = 0;
  for (let i = 0; i < words.length; i++) if (n === 0 || words[i] !== words[n - 1]) words[n++] = words[i];
  words.length = n;
  return words.join(' ');
}

/** The tokens of a title, as `titleTokens` has them (a slow path, the reference for the fast one). */
function slowTokens(title: string): string[] {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}$%.]+/u)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w));
}

/**
 * The tokens of a title in order, repeats included, in one pass without regular expressions; null
 * when the title holds a character other than ASCII and a few quotes, dashes and currency signs
 * that NFKD and lower-casing leave as they are and that split words (’ is an apostrophe). The
 * slow path's chain of normalize, replaces, split and map was most of its cost, and most titles
 * are ASCII but for such quotes.
 */
function fastTokens(title: string): string[] | null {
  const len = title.length;
  const out: string[] = [];
  // The current token: its pieces before a dropped apostrophe, then its piece from `start`; whether
  // it has upper-case letters (lowered per token: lowering the whole title cost more than the rest).
  let head = '';
  let open = false;
  let upper = false;
  let start = -1;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? title.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 36 || c === 37) {
      if (start < 0) start = i;
      open = true;
      continue;
    }
    if (c >= 65 && c <= 90) {
      if (start < 0) start = i;
      open = true;
      upper = true;
      continue;
    }
    if (c === 39 || c === 0x2019) {
      // Dropped, and with it an "s" ending a word (\b after it: no ASCII word character follows).
      if (start >= 0) {
        head += title.slice(start, i);
        start = -1;
      }
      if ((title.charCodeAt(i + 1) | 32) === 115 && !isWordChar(title.charCodeAt(i + 2))) i++;
      continue;
    }
    if (c >= 128 && c !== 0x2018 && c !== 0x201c && c !== 0x201d && c !== 0x2013 && c !== 0x2014 && c !== 0xa3 && c !== 0x20ac) return null;
    if (!open) continue;
    // A separator ends the token: dots at its ends are dropped, then stop words.
    let w: string;
    if (head === '') {
      let a = start;
      let b = i;
      while (a < b && title.charCodeAt(a) === 46) a++;
      while (b > a && title.charCodeAt(b - 1) === 46) b--;
      w = a === b ? '' : title.slice(a, b);
    } else {
      w = start >= 0 ? head + title.slice(start, i) : head;
      if (w.charCodeAt(0) === 46 || w.charCodeAt(w.length - 1) === 46) w = w.replace(/^\.+|\.+$/g, '');
      head = '';
    }
    if (upper) w = w.toLowerCase();
    if (w.length > 0 && !STOP_WORDS.has(w)) out.push(w);
    open = false;
    upper = false;
    start = -1;
  }
  return out;
}

/** A word character of a regular expression's \b without the u flag (ASCII letters, digits and _). */
function isWordChar(c: number): boolean {
  return ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 48 && c <= 57) || c === 95;
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

/**
 * Token sets of story keys, kept across matchers: a batch's keys are read by `similar`, then by
 * the batch's own matcher, then by the held one once committed, and a full load of the held
 * stories (5,000 at most) reads keys seen recently. Two generations: the keys used last are kept,
 * whatever came in between, and at most `2 × KEY_TOKENS_GENERATION` keys are held. One map of up
 * to 50,000 keys, emptied when full, was the largest thing the pipeline worker kept: 17–28 MB of
 * its peak heap at 100,000 items (docs/benchmarks.md, session 10).
 */
export const KEY_TOKENS_GENERATION = 8_192;
let youngKeys = new Map<string, readonly string[]>();
let oldKeys = new Map<string, readonly string[]>();

/** The key's tokens, each once, in the order of `titleTokens` (an array: cheaper to keep and to walk than a Set). */
function keyTokens(key: string): readonly string[] {
  const young = youngKeys.get(key);
  if (young) return young;
  const tokens = oldKeys.get(key) ?? tokensOfKey(key);
  if (youngKeys.size >= KEY_TOKENS_GENERATION) {
    oldKeys = youngKeys;
    youngKeys = new Map();
  }
  youngKeys.set(key, tokens);
  return tokens;
}

/** Keys held by `keyTokens`'s cache (for tests). */
export function keyTokensHeld(): number {
  return youngKeys.size + oldKeys.size;
}

function tokensOfKey(key: string): readonly string[] {
  const words = fastTokens(key);
  if (words === null || words.length > 32) return [...titleTokens(key)];
  // A story key's tokens are distinct already: this only checks, in place.
  let n = 0;
  next: for (const w of words) {
    for (let k = 0; k < n; k++) if (words[k] === w) continue next;
    words[n++] = w;
  }
  words.length = n;
  return words;
}

/**
 * Finds the story a title key belongs to among recent stories with the same answer as scanning
 * them in order and taking the first whose `titleSimilarity` reaches the threshold, but through an
 * inverted token index, so a match reads the postings of a few of its rarest tokens instead of
 * comparing every pair. `recent` is in priority order (first wins); `add` puts a story in front
 * of all others. A story may carry when it was last seen: `match` can then skip the ones last seen
 * before an instant.
 *
 * Candidates come from a prefix filter, as similarity joins do it: a story at Jaccard similarity
 * ≥ t with a key of n tokens shares at least ⌈t·n⌉ of them (the union has at least n tokens),
 * so it holds at least one of any n − ⌈t·n⌉ + 1 of the key's tokens. Those are taken with the
 * shortest postings (a token no story has costs nothing), and each story found is verified on its
 * own tokens, kept as interned integer ids. Common words ("shares", a company's name) are then
 * rarely read at all: counting every shared token through their long postings was an eighth of
 * the pipeline worker's time.
 */
export class StoryMatcher {
  private readonly ids: number[] = [];
  /** Last seen (epoch ms) per handle; +Infinity when not given. */
  private readonly lastSeen: number[] = [];
  private readonly handles = new Map<number, number>();
  /** Interned token ids of this matcher's stories, and each token's postings (handles, ascending). */
  private readonly tokenIds = new Map<string, number>();
  private readonly postings: number[][] = [];
  /** Each story's token ids: `tokens[starts[h] .. starts[h + 1])`. */
  private tokens = new Int32Array(1024);
  private readonly starts: number[] = [0];
  /**
   * Stories whose key has no tokens, by trimmed lower-case key: their handles, ascending. All of
   * them, not only the best: the best may have been last seen before the window a match asks for.
   */
  private readonly emptyKeys = new Map<string, number[]>();
  /** Per token id and per handle: the stamp of the last search that marked it (reused arrays, no reset). */
  private inKey = new Int32Array(1024);
  private seen = new Int32Array(1024);
  /** Per handle, the probed postings it was found in (valid where `seen` holds the current stamp). */
  private hits = new Int32Array(1024);
  private stamp = 0;
  /** A search's known token ids (rarest first) and candidate handles. */
  private keyIds = new Int32Array(64);
  private candidates = new Int32Array(1024);
  /** Per story token count, the fewest shared tokens that are similar (valid where `leastStamp` holds the current stamp). */
  private leastFor = new Int32Array(64);
  private leastStamp = new Int32Array(64);

  constructor(
    recent: readonly { id: number; titleKey: string; lastSeenAt?: number }[],
    private readonly threshold = STORY_SIMILARITY_THRESHOLD,
  ) {
    for (let i = recent.length - 1; i >= 0; i--) this.add(recent[i]);
  }

  /** A story in front of every story known so far. Handles grow, so a higher handle wins. */
  add(story: { id: number; titleKey: string; lastSeenAt?: number }): void {
    const h = this.ids.length;
    const words = keyTokens(story.titleKey);
    this.ids.push(story.id);
    this.lastSeen.push(story.lastSeenAt ?? Number.POSITIVE_INFINITY);
    this.handles.set(story.id, h);
    const start = this.starts[h];
    if (start + words.length > this.tokens.length) this.tokens = grown(this.tokens, start + words.length);
    let end = start;
    for (const w of words) {
      let id = this.tokenIds.get(w);
      if (id === undefined) {
        id = this.postings.length;
        this.tokenIds.set(w, id);
        this.postings.push([]);
      }
      this.postings[id].push(h);
      this.tokens[end++] = id;
    }
    this.starts.push(end);
    if (words.length === 0) append(this.emptyKeys, story.titleKey.trim().toLowerCase(), h);
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
   * With `since` (from `similar`), only the stories added after it are searched; the ones it found
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
    const words = keyTokens(titleKey);
    const n = words.length;
    if (n === 0) {
      const list = this.emptyKeys.get(titleKey.trim().toLowerCase());
      if (list) for (let i = list.length - 1; i >= 0 && list[i] >= from; i--) out.push(list[i]);
      return out;
    }
    // The fewest shared tokens a similar story can have (less a margin for rounding, which only
    // widens the filter), and so how many of the key's rarest tokens must be probed.
    const need = Math.max(1, Math.ceil(this.threshold * n - 1e-6));
    const probes = n - need + 1;
    if (probes <= 0) return out;
    const stamp = this.nextStamp();
    if (this.inKey.length < this.postings.length) this.inKey = grown(this.inKey, this.postings.length);
    if (this.seen.length < this.ids.length) {
      this.seen = grown(this.seen, this.ids.length);
      this.hits = new Int32Array(this.seen.length);
    }
    if (this.keyIds.length < n) this.keyIds = grown(this.keyIds, n);
    const { inKey, seen, keyIds } = this;
    // The key's known tokens, marked for verification, ordered by the length of their postings
    // (an insertion sort: keys are short, and this runs for every article). A token no story has
    // is one of the rarest (empty postings): it uses up a probe at no cost.
    let known = 0;
    for (const w of words) {
      const id = this.tokenIds.get(w);
      if (id === undefined) continue;
      inKey[id] = stamp;
      const len = this.postings[id].length;
      let k = known++;
      for (; k > 0 && this.postings[keyIds[k - 1]].length > len; k--) keyIds[k] = keyIds[k - 1];
      keyIds[k] = id;
    }
    const probed = Math.max(0, probes - (n - known));
    // Candidates: the stories in the probed postings at or above `from`, each once. Buffers are
    // reused across searches (a fresh array per search was half of all the worker allocated).
    let found = 0;
    const hits = this.hits;
    for (let k = 0; k < probed; k++) {
      const list = this.postings[keyIds[k]];
      if (this.candidates.length < found + list.length) this.candidates = grown(this.candidates, found + list.length);
      const candidates = this.candidates;
      // Postings ascend (handles only grow), so those below `from` are skipped from the end.
      for (let i = list.length - 1; i >= 0; i--) {
        const h = list[i];
        if (h < from) break;
        if (seen[h] !== stamp) {
          seen[h] = stamp;
          hits[h] = 1;
          candidates[found++] = h;
        } else hits[h]++;
      }
    }
    // Verified on their own tokens; kept highest first (an insertion, as few are similar). A story
    // shares its probe hits and some of the key's known tokens that were not probed, at most as many
    // as it has other tokens. Similarity grows with the overlap, so it is similar when it shares at
    // least the fewest tokens that pass the threshold test (found with the test itself, from an
    // estimate just below): when even its most falls short it is not read, when its hits suffice it
    // is similar unread, else only the unprobed tokens are counted (the probed ones are unmarked),
    // until there are enough.
    const { tokens, starts, candidates, threshold } = this;
    let { leastFor, leastStamp } = this;
    const unprobed = known - probed;
    for (let k = 0; k < probed; k++) inKey[keyIds[k]] = 0;
    for (let c = 0; c < found; c++) {
      const h = candidates[c];
      const start = starts[h];
      const m = starts[h + 1] - start;
      const hit = hits[h];
      const most = hit + Math.min(unprobed, m - hit);
      if (m >= leastFor.length) {
        this.leastFor = leastFor = grown(leastFor, m + 1);
        this.leastStamp = leastStamp = grown(leastStamp, m + 1);
      }
      let least = leastFor[m];
      if (leastStamp[m] !== stamp) {
        least = threshold >= 0 ? Math.floor((threshold * (n + m)) / (1 + threshold)) - 1 : 0;
        if (!(least > 0)) least = 0;
        const top = Math.min(n, m);
        while (least <= top && least / (n + m - least) < threshold) least++;
        leastFor[m] = least;
        leastStamp[m] = stamp;
      }
      if (least > most) continue;
      if (hit < least) {
        const need = least - hit;
        let more = 0;
        for (let i = start; i < start + m; i++) if (inKey[tokens[i]] === stamp && ++more === need) break;
        if (more < need) continue;
      }
      let k = out.length;
      out.push(h);
      for (; k > 0 && out[k - 1] < h; k--) out[k] = out[k - 1];
      out[k] = h;
    }
    return out;
  }

  /** A new stamp for `inKey` and `seen`; both are cleared when the stamps wrap around. */
  private nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.stamp = 0;
      this.inKey.fill(0);
      this.seen.fill(0);
      this.leastStamp.fill(0);
    }
    return ++this.stamp;
  }
}

/** What `StoryMatcher.similar` found ahead: per key, the similar handles (highest first), and how many handles there were. */
export interface Similar {
  readonly matcher: StoryMatcher;
  readonly mark: number;
  readonly handles: ReadonlyMap<string, readonly number[]>;
}

/** A copy of `a` with room for at least `min` entries. */
function grown(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/** Appends `h` to the list under `key`, creating it. */
function append(lists: Map<string, number[]>, key: string, h: number): void {
  const list = lists.get(key);
  if (list) list.push(h);
  else lists.set(key, [h]);
}
