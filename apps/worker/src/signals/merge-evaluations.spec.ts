import type { EvaluateSignalsJobData } from '@seismo/contracts';
import { mergeEvaluations } from './merge-evaluations';

const at = (hhmm: string) => `2025-01-27T${hhmm}:00.000Z`;

describe('mergeEvaluations (signals jobs taken together)', () => {
  it('merges the news points of one half hour at their newest instant, uniting targets and articles', () => {
    const a: EvaluateSignalsJobData = { symbols: ['NVDA'], keywords: [], asOf: at('14:05'), articleIds: [3, 1] };
    const b: EvaluateSignalsJobData = {
      symbols: ['AVGO', 'NVDA'],
      keywords: ['deepseek'],
      asOf: at('14:40'),
      points: [
        { symbols: ['AVGO'], keywords: ['deepseek'], asOf: at('14:20'), articleIds: [2] },
        { symbols: ['NVDA'], keywords: [], asOf: at('14:40'), articleIds: [4] },
      ],
    };
    const m = mergeEvaluations([a, b]);
    expect(m.points).toEqual([
      { symbols: ['NVDA', 'AVGO'], keywords: ['deepseek'], asOf: at('14:20'), articleIds: [1, 2, 3] },
      { symbols: ['NVDA'], keywords: [], asOf: at('14:40'), articleIds: [4] },
    ]);
    expect(m).toMatchObject({ asOf: at('14:40'), articleIds: [4] });
    expect(new Set(m.symbols)).toEqual(new Set(['NVDA', 'AVGO']));
    expect(m.keywords).toEqual(['deepseek']);
  });

  it('keeps points without articles (bar closes, late news) at their exact instants', () => {
    const bars: EvaluateSignalsJobData[] = [
      { symbols: ['NVDA'], keywords: [], asOf: at('14:31') },
      { symbols: ['AVGO'], keywords: [], asOf: at('14:31') },
      { symbols: ['NVDA'], keywords: [], asOf: at('14:32') },
    ];
    const news: EvaluateSignalsJobData = { symbols: ['NVDA'], keywords: [], asOf: at('14:35'), articleIds: [9] };
    const m = mergeEvaluations([...bars, news]);
    expect(m.points).toEqual([
      { symbols: ['NVDA', 'AVGO'], keywords: [], asOf: at('14:31') },
      { symbols: ['NVDA'], keywords: [], asOf: at('14:32') },
      { symbols: ['NVDA'], keywords: [], asOf: at('14:35'), articleIds: [9] },
    ]);
  });
});
