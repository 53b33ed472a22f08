import { PriceWindows, type Bar } from '@seismo/market';
import type { SignalState } from './decide';
import { applyDecisions, evaluateRules } from './evaluate';
import type { Candidate, Observation, RuleConfig, Target } from './signal.types';

/**
 * The DeepSeek Monday as a stateless worker sees it: every article and every price bar triggers an
 * evaluation at its event time, over all observations so far; states carry between evaluations.
 */
const NVDA: Target = { type: 'ticker', key: 'NVDA' };
const H = 3_600_000;
const MIN = 60_000;
const RULES: RuleConfig[] = [
  { id: 1, type: 'sentiment_shift', cooldownSeconds: 3600 },
  { id: 2, type: 'mention_spike', cooldownSeconds: 3600 },
  { id: 3, type: 'price_move', cooldownSeconds: 3600 },
  { id: 4, type: 'shock', cooldownSeconds: 3600 },
  { id: 5, type: 'sentiment_threshold', cooldownSeconds: 3600 },
];

const dailyBar = (date: string, close: number): Bar => ({ symbol: 'NVDA', interval: '1d', time: Date.parse(`${date}T00:00:00Z`), open: close, high: close, low: close, close, volume: 1 });

type Event = { t: number; kind: 'article'; obs: Observation } | { t: number; kind: 'bar'; bar: Bar };

function calmWeekEvents(): Event[] {
  const events: Event[] = [];
  let id = 1;
  // 2025-01-20 .. 01-26: two mildly positive NVDA articles a day.
  for (let d = 0; d < 7; d++) {
    for (const hour of [13, 19]) {
      const t = Date.parse('2025-01-20T00:00:00Z') + d * 24 * H + hour * H;
      events.push({ t, kind: 'article', obs: { t, score: 0.2 + 0.08 * Math.sin(id), relevance: 0.5 + 0.3 * ((id * 7) % 5) / 4, articleId: id++ } });
    }
  }
  const closes: [string, number][] = [['2025-01-21', 140.83], ['2025-01-22', 147.07], ['2025-01-23', 147.22], ['2025-01-24', 142.62]];
  for (const [date, close] of closes) {
    const bar = dailyBar(date, close);
    events.push({ t: bar.time, kind: 'bar', bar });
  }
  return events;
}

function mondayEvents(): Event[] {
  const events: Event[] = [];
  let id = 1000;
  // 12:28Z onwards: a burst of strongly negative headlines, then a steady trickle all day.
  const minutes = [28, 33, 38, 43, 45, 52, 58, 64, 71, 80, 95, 130, 170, 240, 300, 360, 420, 480];
  for (const [i, m] of minutes.entries()) {
    const t = Date.parse('2025-01-27T12:00:00Z') + m * MIN;
    events.push({ t, kind: 'article', obs: { t, score: -0.55 - 0.25 * ((i * 3) % 4) / 3, relevance: 0.6 + 0.1 * (i % 4), articleId: id++ } });
  }
  // Regular session 14:30–21:00 UTC: from 124.8 down to 118.4, one bar a minute.
  const open = Date.parse('2025-01-27T14:30:00Z');
  for (let i = 0; i < 390; i++) {
    const close = 124.8 - (6.4 * i) / 389 + 0.4 * Math.sin(i / 7);
    events.push({ t: open + i * MIN, kind: 'bar', bar: { symbol: 'NVDA', interval: '1m', time: open + i * MIN, open: close, high: close, low: close, close, volume: 1000 } });
  }
  return events;
}

function replay(events: Event[]): Candidate[] {
  events.sort((a, b) => a.t - b.t);
  const windows = new PriceWindows();
  const observations: Observation[] = [];
  const states = new Map<string, SignalState>();
  const fired: Candidate[] = [];
  for (const e of events) {
    if (e.kind === 'article') observations.push(e.obs);
    else windows.add(e.bar);
    const evals = evaluateRules({ rules: RULES, target: NVDA, observations, price: windows.view('NVDA'), asOf: e.t, triggerArticleIds: e.kind === 'article' ? [e.obs.articleId] : [] });
    const { fire, states: next } = applyDecisions(evals, states, e.t);
    for (const [k, v] of next) states.set(k, v);
    fired.push(...fire);
  }
  return fired;
}

describe('the DeepSeek Monday, evaluated event by event', () => {
  it('a calm week raises no alert', () => {
    expect(replay(calmWeekEvents())).toEqual([]);
  });

  it('a burst of negative NVDA headlines and a −17% session fire shift, spike, price move and shock once each', () => {
    const fired = replay([...calmWeekEvents(), ...mondayEvents()]);
    const byType = (type: string) => fired.filter((c) => c.type === type);
    for (const type of ['sentiment_shift', 'mention_spike', 'price_move', 'shock']) expect(byType(type)).toHaveLength(1);
    expect(new Set(fired.map((c) => c.dedupeKey)).size).toBe(fired.length);

    const shift = byType('sentiment_shift')[0];
    expect(shift.eventTime).toBeLessThan(Date.parse('2025-01-27T13:00:00Z'));
    expect(byType('mention_spike')[0].severity).toBe('critical');
    const move = byType('price_move')[0];
    expect(move).toMatchObject({ severity: 'critical', eventTime: Date.parse('2025-01-27T14:30:00Z') });
    expect(move.changePct).toBeCloseTo(((124.8 - 142.62) / 142.62) * 100, 3);
    const shock = byType('shock')[0];
    expect(shock.severity).toBe('critical');
    expect(shock.message).toMatch(/^NVDA \u221212\.5% vs previous close while sentiment fell \d+\.\dσ below its 7-day baseline$/);
    expect(shock.articleIds.length).toBeGreaterThanOrEqual(3);
  });
});
