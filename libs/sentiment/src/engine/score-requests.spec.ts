import { scoreRequests } from './score-requests';
import { SentimentEngine } from './sentiment.engine';

const engine = new SentimentEngine();

describe('scoreRequests', () => {
  it('links against the directory when no targets are given', () => {
    const line = scoreRequests(engine, { id: 7, text: 'Apple climbs while Nvidia slumps as DeepSeek spooks chip investors' });
    expect(line.id).toBe(7);
    expect(line.targets.map((t) => [t.symbol, t.label])).toEqual([
      ['AAPL', 'positive'],
      ['NVDA', 'negative'],
    ]);
    expect(Object.keys(line.targets[0]).sort()).toEqual(['label', 'name', 'relevance', 'score', 'symbol']);
    expect(line.targets[0].name).toBe('Apple Inc.');
  });

  it('scores the given targets, by symbol or name', () => {
    const line = scoreRequests(engine, { id: 'a', text: 'Ford tumbles after the recall; Tesla holds steady', targets: ['F', 'Tesla'] });
    expect(line.targets.map((t) => [t.symbol, t.label])).toEqual([
      ['F', 'negative'],
      ['TSLA', 'neutral'],
    ]);
  });

  it('answers bad input with a neutral line', () => {
    const line = scoreRequests(engine, { id: 'x', text: 42 as unknown as string, targets: [null as unknown as string, ''] });
    expect(line).toEqual({ id: 'x', label: 'neutral', score: 0, targets: [] });
  });
});
