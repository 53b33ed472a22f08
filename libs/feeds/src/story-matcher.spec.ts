import fc from 'fast-check';
import { KEY_TOKENS_GENERATION, keyTokensHeld, storyKey, StoryMatcher, titleSimilarity, STORY_SIMILARITY_THRESHOLD } from './story-key';

/** The reference: scan `recent` in order, first story similar enough wins. */
function scan(recent: { id: number; titleKey: string }[], key: string, threshold = STORY_SIMILARITY_THRESHOLD): number | null {
  for (const s of recent) if (s.titleKey === key || titleSimilarity(s.titleKey, key) >= threshold) return s.id;
  return null;
}

const WORDS = ['nvidia', 'shares', 'plunge', 'deepseek', 'chip', 'stocks', 'fall', 'rally', 'ai', '17%', '$600', 'record', 'the', 'of'];

describe('StoryMatcher', () => {
  it('answers as the in-order scan with titleSimilarity does, as stories are added in front', () => {
    const title = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 7 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(title, { maxLength: 25 }), fc.array(title, { maxLength: 25 }), (old, incoming) => {
        const recent = old.map((t, i) => ({ id: 1000 - i, titleKey: storyKey(t) }));
        const m = new StoryMatcher(recent);
        let next = 2000;
        for (const t of incoming) {
          const key = storyKey(t);
          const expected = scan(recent, key);
          expect(m.match(key)).toBe(expected);
          if (expected === null) {
            const s = { id: next++, titleKey: key };
            recent.unshift(s);
            m.add(s);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers as the scan at any threshold, with common and rare words and long titles (the prefix filter probes only the rarest tokens)', () => {
    // A few words in most titles, many in few: the shape of real headlines, where the filter skips the common ones.
    const RARE = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('nvidia', 'shares', 'stock', 'ai') }, { weight: 2, arbitrary: fc.constantFrom(...RARE) });
    const title = fc.array(word, { minLength: 0, maxLength: 14 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(title, { maxLength: 40 }), fc.array(title, { minLength: 1, maxLength: 15 }), fc.constantFrom(0.2, 0.5, STORY_SIMILARITY_THRESHOLD, 0.75, 0.9, 1), (old, incoming, threshold) => {
        const recent = old.map((t, i) => ({ id: 1000 - i, titleKey: storyKey(t) }));
        const m = new StoryMatcher(recent, threshold);
        for (const t of incoming) expect(m.match(storyKey(t))).toBe(scan(recent, storyKey(t), threshold));
      }),
      { numRuns: 1000 },
    );
  });

  it('groups a reworded headline with its story and keeps unrelated ones apart', () => {
    const m = new StoryMatcher([{ id: 1, titleKey: storyKey('Nvidia shares plunge 17% as DeepSeek rattles AI trade') }]);
    expect(m.match(storyKey('Nvidia shares plunge 17% as DeepSeek rattles the AI trade'))).toBe(1);
    expect(m.match(storyKey('Apple opens a new store in Tokyo'))).toBeNull();
  });

  it('skips stories last seen before an instant, as a scan of only the stories inside the window would', () => {
    const title = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(fc.tuple(title, fc.integer({ min: 0, max: 100 })), { maxLength: 25 }), title, fc.integer({ min: 0, max: 100 }), (old, probe, notBefore) => {
        const recent = old.map(([t, seen], i) => ({ id: 1000 - i, titleKey: storyKey(t), lastSeenAt: seen }));
        const m = new StoryMatcher(recent);
        const inWindow = recent.filter((r) => r.lastSeenAt >= notBefore);
        expect(m.match(storyKey(probe), notBefore)).toBe(scan(inWindow, storyKey(probe)));
      }),
      { numRuns: 300 },
    );
  });

  it('finds an older story with the same empty key when the newest was last seen before the window (fast-check counterexample)', () => {
    // Titles of stop words only have no tokens; two such stories, the newer one seen before the window.
    const m = new StoryMatcher([
      { id: 1000, titleKey: storyKey('of'), lastSeenAt: 0 },
      { id: 999, titleKey: storyKey('of'), lastSeenAt: 1 },
    ]);
    expect(m.match(storyKey('of'), 1)).toBe(999);
    expect(m.match(storyKey('of'), 0)).toBe(1000);
    expect(m.match(storyKey('of'), 2)).toBeNull();
  });

  it('touch moves a story\'s last-seen time forward only, and has() knows what it holds', () => {
    const key = storyKey('Nvidia shares plunge 17% as DeepSeek rattles AI trade');
    const m = new StoryMatcher([{ id: 7, titleKey: key, lastSeenAt: 100 }]);
    expect(m.has(7)).toBe(true);
    expect(m.has(8)).toBe(false);
    expect(m.match(key, 150)).toBeNull();
    m.touch(7, 200);
    expect(m.match(key, 150)).toBe(7);
    m.touch(7, 50); // an older sighting does not move it back
    expect(m.match(key, 150)).toBe(7);
    expect(m.size).toBe(1);
  });

  it('answers with what similar() found ahead as a full match would, after stories are added and touched in between', () => {
    const title = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 6 }).map((w) => w.join(' '));
    const seen = fc.integer({ min: 0, max: 100 });
    const change = fc.oneof(
      fc.record({ add: title, at: seen }),
      fc.record({ touch: fc.nat(40), at: seen }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(title, seen), { maxLength: 20 }), fc.array(title, { minLength: 1, maxLength: 8 }), fc.array(change, { maxLength: 12 }), seen, (old, probes, changes, notBefore) => {
        const stories = old.map(([t, at], i) => ({ id: 1000 - i, titleKey: storyKey(t), lastSeenAt: at }));
        const ahead = new StoryMatcher(stories);
        const now = new StoryMatcher(stories);
        const keys = probes.map(storyKey);
        // Some keys prepared, one not (it is then matched in full).
        const similar = ahead.similar(keys.slice(1));
        let next = 2000;
        for (const c of changes) {
          if ('add' in c) {
            const s = { id: next++, titleKey: storyKey(c.add), lastSeenAt: c.at };
            ahead.add(s);
            now.add(s);
          } else {
            const id = 1000 - (c.touch % Math.max(1, stories.length));
            ahead.touch(id, c.at);
            now.touch(id, c.at);
          }
        }
        for (const key of keys) expect(ahead.match(key, notBefore, similar)).toBe(now.match(key, notBefore));
        // Prepared by another matcher: ignored, a full match.
        expect(now.match(keys[0], notBefore, similar)).toBe(ahead.match(keys[0], notBefore));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers as the scan after more stories than its key cache holds, and keeps that cache bounded', () => {
    // Three generations of distinct keys and more: the keys read first are no longer held when
    // they are asked for again, and must be read again the same way.
    let seed = 7;
    // mulberry32: a small seeded generator, so the run is the same every time.
    const rnd = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n | 0;
    };
    const vocabulary = Array.from({ length: 300 }, (_, i) => `v${i}`);
    const titleOf = () => Array.from({ length: 4 + rnd(5) }, () => vocabulary[rnd(vocabulary.length)]).join(' ');
    const n = 3 * KEY_TOKENS_GENERATION + 500;
    const recent: { id: number; titleKey: string }[] = [];
    for (let i = 0; i < n; i++) recent.push({ id: n - i, titleKey: storyKey(titleOf()) });
    expect(new Set(recent.map((r) => r.titleKey)).size).toBeGreaterThan(2 * KEY_TOKENS_GENERATION + 100);
    const m = new StoryMatcher(recent);
    expect(keyTokensHeld()).toBeLessThanOrEqual(2 * KEY_TOKENS_GENERATION);
    // The oldest stories' keys (read first, so no longer held) as they are and reworded by one
    // word, keys of the generation before the last (held in the older one), and new titles.
    const reworded = (k: string) => storyKey(`${k.split(' ').slice(1).join(' ')} ${vocabulary[rnd(300)]}`);
    const queries = [
      ...recent.slice(-20).map((s) => s.titleKey),
      ...recent.slice(-20).map((s) => reworded(s.titleKey)),
      ...recent.slice(1_000, 1_020).map((s) => s.titleKey),
      ...Array.from({ length: 10 }, () => storyKey(titleOf())),
    ];
    let found = 0;
    for (const q of queries) {
      const expected = scan(recent, q);
      expect(m.match(q)).toBe(expected);
      if (expected !== null) found++;
    }
    expect(found).toBeGreaterThanOrEqual(40);
    expect(keyTokensHeld()).toBeLessThanOrEqual(2 * KEY_TOKENS_GENERATION);
  });
});
