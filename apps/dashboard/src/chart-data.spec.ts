import type { AlertPayload } from '../../../libs/contracts/src/events';
import {
  alertsToMarkers,
  barsToCandles,
  chooseBucket,
  chooseInterval,
  sentimentToLine,
  sentimentToMentions,
  snapTime,
  toSec,
} from './chart-data';

const DAY = 86_400_000;
const t0 = Date.UTC(2025, 0, 27, 14, 30);
const iso = (ms: number) => new Date(ms).toISOString();

describe('interval and bucket choice', () => {
  it('uses minute bars up to a week and daily bars beyond', () => {
    expect(chooseInterval(t0 - DAY, t0)).toBe('1m');
    expect(chooseInterval(t0 - 7 * DAY, t0)).toBe('1m');
    expect(chooseInterval(t0 - 30 * DAY, t0)).toBe('1d');
    expect(chooseBucket(t0 - DAY, t0)).toBe('15m');
    expect(chooseBucket(t0 - 5 * DAY, t0)).toBe('1h');
    expect(chooseBucket(t0 - 365 * DAY, t0)).toBe('1d');
  });
});

describe('barsToCandles', () => {
  it('maps ISO times to ascending unique seconds and drops broken bars', () => {
    const candles = barsToCandles([
      { time: iso(t0 + 60_000), open: 2, high: 3, low: 1, close: 2.5 },
      { time: iso(t0), open: 1, high: 2, low: 0.5, close: 1.5 },
      { time: iso(t0), open: 1, high: 2.2, low: 0.5, close: 1.6 },
      { time: 'not a date', open: 1, high: 1, low: 1, close: 1 },
      { time: iso(t0 + 120_000), open: Number.NaN, high: 1, low: 1, close: 1 },
    ]);
    expect(candles).toEqual([
      { time: t0 / 1000, open: 1, high: 2.2, low: 0.5, close: 1.6 },
      { time: t0 / 1000 + 60, open: 2, high: 3, low: 1, close: 2.5 },
    ]);
  });

  it('keeps high/low consistent with open/close', () => {
    const [c] = barsToCandles([{ time: iso(t0), open: 5, high: 4, low: 4.5, close: 3 }]);
    expect(c.high).toBe(5);
    expect(c.low).toBe(3);
  });
});

describe('sentiment buckets', () => {
  const buckets = [
    { time: iso(t0 + 3_600_000), mean: -0.6, count: 12, mentions: 30 },
    { time: iso(t0), mean: 0.2, count: 3, mentions: 4 },
    { time: iso(t0 + 7_200_000), mean: null, count: 0, mentions: 0 },
  ];

  it('maps means to a line, leaving empty buckets as gaps', () => {
    expect(sentimentToLine(buckets)).toEqual([
      { time: t0 / 1000, value: 0.2 },
      { time: t0 / 1000 + 3600, value: -0.6 },
    ]);
  });

  it('maps mentions to histogram bars coloured by mood, zeros included', () => {
    const bars = sentimentToMentions(buckets, { pos: 'P', neg: 'N', neu: 'Z' });
    expect(bars).toEqual([
      { time: t0 / 1000, value: 4, color: 'P' },
      { time: t0 / 1000 + 3600, value: 30, color: 'N' },
      { time: t0 / 1000 + 7200, value: 0, color: 'Z' },
    ]);
  });
});

describe('alert markers', () => {
  const times = [0, 60, 120, 180].map((s) => t0 / 1000 + s);

  it('snaps a time onto the latest bar at or before it', () => {
    expect(snapTime(times[1] + 30, times, 60)).toBe(times[1]);
    expect(snapTime(times[3] + 59, times, 60)).toBe(times[3]);
    expect(snapTime(times[0] - 1, times, 60)).toBeNull();
    expect(snapTime(times[3] + 61, times, 60)).toBeNull();
    expect(snapTime(times[0], [], 60)).toBeNull();
  });

  it('places sorted markers coloured by severity, pointing with the move', () => {
    const base = { symbol: 'NVDA', title: '', message: '', articleIds: [] as number[] };
    const alerts: AlertPayload[] = [
      { ...base, id: 2, type: 'price_move', severity: 'critical', changePct: -17, createdAt: iso(t0 + 125_000) },
      { ...base, id: 1, type: 'sentiment_threshold', severity: 'info', score: 0.7, createdAt: iso(t0 + 999_999), eventTime: iso(t0 + 10_000) },
      { ...base, id: 3, type: 'breaking', severity: 'warning', createdAt: iso(t0 - DAY) },
    ];
    const markers = alertsToMarkers(alerts, times, 60);
    expect(markers.map((m) => [m.id, m.time, m.shape, m.position])).toEqual([
      ['1', times[0], 'arrowUp', 'belowBar'],
      ['2', times[2], 'arrowDown', 'aboveBar'],
    ]);
    expect(markers[1].color).toBe('#d32f2f');
  });
});

describe('toSec', () => {
  it('converts ISO, ms and Date; rejects garbage', () => {
    expect(toSec('2025-01-27T00:00:00Z')).toBe(1737936000);
    expect(toSec(1737936000500)).toBe(1737936000);
    expect(toSec(new Date(0))).toBe(0);
    expect(toSec('nope')).toBeNull();
  });
});
