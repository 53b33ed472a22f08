import type { AlertPayload } from '../../../libs/contracts/src/events';
import { alertTarget, evidenceArticles, evidenceFacts, maxAlertId, mergeAlerts } from './alerts';

const alert = (id: number, extra: Partial<AlertPayload> = {}): AlertPayload => ({
  id,
  type: 'sentiment_shift',
  severity: 'warning',
  symbol: 'NVDA',
  title: `alert ${id}`,
  message: '',
  articleIds: [],
  createdAt: new Date(Date.UTC(2025, 0, 27, 9, id)).toISOString(),
  ...extra,
});

describe('mergeAlerts', () => {
  it('puts the newest alert first and reports what is new', () => {
    const { list, added } = mergeAlerts([alert(1), alert(2)], [alert(3)]);
    expect(list.map((a) => a.id)).toEqual([3, 2, 1]);
    expect(added).toEqual([3]);
  });

  it('drops duplicates from a reconnect replay (same ids twice)', () => {
    const first = mergeAlerts([], [alert(1), alert(2), alert(3)]);
    const replay = mergeAlerts(first.list, [alert(2), alert(3), alert(4), alert(4)]);
    expect(replay.list.map((a) => a.id)).toEqual([4, 3, 2, 1]);
    expect(replay.added).toEqual([4]);
  });

  it('keeps the later copy of an id', () => {
    const { list, added } = mergeAlerts([alert(5, { title: 'old' })], [alert(5, { title: 'new' })]);
    expect(list).toHaveLength(1);
    expect(list[0].title).toBe('new');
    expect(added).toEqual([]);
  });

  it('caps the list, dropping the oldest, and does not report trimmed ids as added', () => {
    const { list, added } = mergeAlerts([alert(10), alert(11)], [alert(1)], 2);
    expect(list.map((a) => a.id)).toEqual([11, 10]);
    expect(added).toEqual([]);
  });

  it('ignores payloads without a numeric id', () => {
    const { list } = mergeAlerts([], [{ ...alert(1), id: Number.NaN }, alert(2)]);
    expect(list.map((a) => a.id)).toEqual([2]);
  });
});

describe('maxAlertId', () => {
  it('is the cursor for a replaying re-subscribe', () => {
    expect(maxAlertId([])).toBeUndefined();
    expect(maxAlertId([alert(3), alert(9), alert(4)])).toBe(9);
  });
});

describe('alertTarget', () => {
  it('names the symbol, or the keyword and the tickers it reaches', () => {
    expect(alertTarget(alert(1))).toBe('NVDA');
    expect(alertTarget(alert(1, { symbol: null, keyword: 'DeepSeek', linkedSymbols: ['NVDA', 'AVGO'] }))).toBe('DeepSeek → NVDA, AVGO');
    expect(alertTarget(alert(1, { symbol: null, keyword: null }))).toBe('all');
  });
});

describe('evidence', () => {
  const evidence = {
    articles: [{ id: 7, title: 'Nvidia sinks', source: 'Reuters', url: 'https://example.test/a', publishedAt: '2025-01-27T14:00:00Z', score: -0.8 }],
    windowMean: -0.42,
    baseline: { mean: 0.1, count: 40 },
    thresholds: { minDelta: 0.4 },
    changePct: -16.97,
  };

  it('lists window values, thresholds and the price change as readable facts', () => {
    const facts = Object.fromEntries(evidenceFacts(evidence));
    expect(facts['window mean']).toBe('-0.42');
    expect(facts['baseline · mean']).toBe('0.1');
    expect(facts['thresholds · min delta']).toBe('0.4');
    expect(facts['change pct']).toBe('−16.97%');
    expect(Object.keys(facts)).not.toContain('articles');
  });

  it('adds the alert-level price change when the evidence lacks it', () => {
    expect(evidenceFacts({}, 3.5)).toEqual([['change pct', '+3.50%']]);
    expect(evidenceFacts(undefined)).toEqual([]);
  });

  it('returns evidence articles, tolerating a missing or malformed list', () => {
    expect(evidenceArticles(evidence)).toHaveLength(1);
    expect(evidenceArticles(undefined)).toEqual([]);
    expect(evidenceArticles({ articles: 'nope' } as never)).toEqual([]);
  });
});
