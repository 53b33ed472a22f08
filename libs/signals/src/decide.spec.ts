import { decide, isSnoozed, type SignalState } from './decide';
import type { Candidate } from './signal.types';

const MIN = 60_000;
const cand = (level: number, latch = true): Candidate => ({
  type: 'sentiment_threshold',
  severity: 'warning',
  ruleId: 1,
  target: { type: 'ticker', key: 'NVDA' },
  symbol: 'NVDA',
  keyword: null,
  title: 't',
  message: 'm',
  articleIds: [],
  evidence: {},
  dedupeKey: 'k',
  stateKey: 's',
  eventTime: 0,
  level,
  latch,
});

/** Feeds (time, level) pairs through decide; a level >= 1 is a candidate. Returns the fire times. */
function run(steps: [number, number][], cooldownMs: number, latch = true): number[] {
  let state: SignalState | null = null;
  const fired: number[] = [];
  for (const [t, level] of steps) {
    const d = decide(state, level >= 1 ? cand(level, latch) : null, t * MIN, cooldownMs, { level });
    state = d.next;
    if (d.fire) fired.push(t);
  }
  return fired;
}

describe('decide', () => {
  it('fires once while the signal stays beyond the threshold (hysteresis), however long', () => {
    expect(run([[0, 1.2], [10, 1.5], [100, 1.1], [200, 2], [300, 1.4]], 30 * MIN)).toEqual([0]);
  });

  it('re-arms only after the signal comes back inside the band (< 0.5 × threshold)', () => {
    // Dips to 0.7 (outside the band) do not re-arm; the dip to 0.3 does.
    expect(run([[0, 1.2], [100, 0.7], [200, 1.3], [300, 0.3], [400, 1.3]], 30 * MIN)).toEqual([0, 400]);
  });

  it('cooldown holds a re-armed signal until it expires, measured on event time', () => {
    expect(run([[0, 1.2], [5, 0.1], [10, 1.5], [29, 1.5], [31, 1.5]], 30 * MIN)).toEqual([0, 31]);
  });

  it('one-off events (no latch) are governed by cooldown alone', () => {
    expect(run([[0, 1], [10, 1], [61, 1]], 60 * MIN, false)).toEqual([0, 61]);
  });

  it('an evaluation older than the last fire (a retry, a late job) changes nothing', () => {
    const fired = decide(null, cand(2), 100 * MIN, 0);
    expect(fired.fire).toBe(true);
    const late = decide({ ...fired.next, armed: true }, cand(2), 50 * MIN, 0);
    expect(late).toEqual({ fire: false, next: { ...fired.next, armed: true }, reason: 'stale' });
  });

  it('reports why it did not fire', () => {
    expect(decide({ armed: false, lastFiredAt: 0, lastValue: 2 }, cand(2), MIN, 0).reason).toBe('disarmed');
    expect(decide({ armed: true, lastFiredAt: 0, lastValue: 0 }, cand(2), MIN, 10 * MIN).reason).toBe('cooldown');
    expect(decide(null, null, MIN, 0, { level: 0.9 })).toEqual({ fire: false, next: { armed: true, lastFiredAt: null, lastValue: 0.9 }, reason: 'quiet' });
  });
});

describe('isSnoozed', () => {
  const snoozes = [
    { targetType: 'ticker', target: 'nvda', until: '2025-01-27T18:00:00Z' },
    { targetType: 'keyword', target: 'DeepSeek', until: new Date('2025-01-28T00:00:00Z') },
  ];
  it('matches the target case-insensitively until the snooze ends', () => {
    expect(isSnoozed(snoozes, { type: 'ticker', key: 'NVDA' }, Date.parse('2025-01-27T17:59:59Z'))).toBe(true);
    expect(isSnoozed(snoozes, { type: 'ticker', key: 'NVDA' }, Date.parse('2025-01-27T18:00:00Z'))).toBe(false);
    expect(isSnoozed(snoozes, { type: 'keyword', key: 'deepseek' }, new Date('2025-01-27T20:00:00Z'))).toBe(true);
    expect(isSnoozed(snoozes, { type: 'keyword', key: 'nvda' }, Date.parse('2025-01-27T12:00:00Z'))).toBe(false);
    expect(isSnoozed(snoozes, { type: 'ticker', key: 'AVGO' }, Date.parse('2025-01-27T12:00:00Z'))).toBe(false);
  });
});
