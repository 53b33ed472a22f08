import { STORY_SIMILARITY_THRESHOLD, storyKey, titleSimilarity } from './story-key';

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
});
