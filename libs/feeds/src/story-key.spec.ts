import fc from 'fast-check';
import { STORY_SIMILARITY_THRESHOLD, storyKey, titleSimilarity, titleTokens } from './story-key';

const STOP_WORDS = new Set(
  ('a an the and or but nor of in on at to for from by with as into onto over under about after before ' +
    'is are was were be been being am it its this that these those has have had do does did will would can ' +
    'could should may might must shall than then so such not no yes via vs per up down out off amid says said ' +
    'say report reports reported new news update updates live latest breaking video watch here how why what ' +
    'when who where which while he she they we you i his her their our your them us me my').split(' '),
);

/** `titleTokens` before its one-pass fast path: the reference it must agree with on every title. */
function referenceTokens(title: string): Set<string> {
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

const referenceKey = (title: string) => [...referenceTokens(title)].sort().join(' ');

describe('storyKey and titleSimilarity', () => {
  it('ignores case, punctuation, order and stop words', () => {
    expect(storyKey('Nvidia shares plunge as DeepSeek rattles AI trade')).toBe(storyKey('DeepSeek rattles AI trade; NVIDIA shares plunge!'));
    expect(storyKey('The Fed holds rates')).toBe('fed holds rates');
  });

  it('groups near-duplicate headlines from different sources', () => {
    const a = 'Nvidia shares plunge 17% as DeepSeek rattles AI trade';
    const b = 'Nvidia shares plunge 17% as China’s DeepSeek rattles the AI trade';
    expect(titleSimilarity(a, b)).toBeGreaterThanOrEqual(STORY_SIMILARITY_THRESHOLD);
  });

  it('keeps different stories apart', () => {
    const a = 'Nvidia shares plunge 17% as DeepSeek rattles AI trade';
    const b = 'Apple beats estimates on strong iPhone sales';
    expect(titleSimilarity(a, b)).toBeLessThan(STORY_SIMILARITY_THRESHOLD);
    expect(titleSimilarity('Nvidia rises', 'Nvidia falls')).toBeLessThan(STORY_SIMILARITY_THRESHOLD);
  });

  it('is symmetric and 1 for identical titles', () => {
    expect(titleSimilarity('Oil jumps 5%', 'Oil jumps 5%')).toBe(1);
    expect(titleSimilarity('a b c', 'b c d')).toBe(titleSimilarity('b c d', 'a b c'));
  });

  it('tokenizes as the reference implementation: ASCII with quotes and dashes (the fast path) and any other text (the slow one)', () => {
    // Apostrophes, "s" and word characters next to them, dots, and the characters the fast path takes besides ASCII.
    const tricky = fc.constantFrom(...'aZ09sS_ .,;\'’‘“”—–£€$%-…éﬁ１K\u0301İ', "'s", '’S', '..', 'the', 'U.S.', 'Nvidia');
    const title = fc.oneof(
      fc.array(tricky, { maxLength: 20 }).map((p) => p.join('')),
      fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    fc.assert(
      fc.property(title, (t) => {
        expect(storyKey(t)).toBe(referenceKey(t));
        expect([...titleTokens(t)]).toEqual([...referenceTokens(t)]);
      }),
      { numRuns: 5000 },
    );
    for (const t of ['', ' ', '...', "Nvidia's shares", 'Nvidia’s $NVDA jumps 17.4% in U.S. trading...', "x's_y", "'s's", 'rock ’n’ roll', 'ﬁnancial Ⅻ', 'Café'.repeat(50)]) {
      expect(storyKey(t)).toBe(referenceKey(t));
    }
  });
});

