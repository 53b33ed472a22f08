import { readFileSync } from 'node:fs';
import { deriveDay, deriveIntradayBars, formatIntradayCsv, sessionOpenUtc } from './derive-intraday';
import { DATA_FILES, loadDailyBars, loadIntradayBars, type DailyBar, type IntradayBar } from './replay-data';

const daily = loadDailyBars();
const intraday = loadIntradayBars();
const key = (symbol: string, date: string) => `${symbol}|${date}`;
const byDay = new Map<string, IntradayBar[]>();
for (const b of intraday) {
  const k = key(b.symbol, b.time.toISOString().slice(0, 10));
  byDay.set(k, [...(byDay.get(k) ?? []), b]);
}

function expectReconciles(day: DailyBar, bars: IntradayBar[]) {
  expect(bars[0].open).toBe(day.open);
  expect(bars[bars.length - 1].close).toBe(day.close);
  expect(Math.max(...bars.map((b) => b.high))).toBe(day.high);
  expect(Math.min(...bars.map((b) => b.low))).toBe(day.low);
  expect(bars.reduce((s, b) => s + b.volume, 0)).toBe(day.volume);
  for (let i = 1; i < bars.length; i++) expect(bars[i].open).toBe(bars[i - 1].close);
}

describe('derived intraday bars', () => {
  it('the committed file is exactly what the generator derives from the daily bars', () => {
    expect(readFileSync(DATA_FILES.intradayBars, 'utf8')).toBe(formatIntradayCsv(deriveIntradayBars(daily)));
  });

  it('has 78 five-minute bars per trading day inside 14:30–21:00 UTC, reconciling with the daily bar', () => {
    expect(byDay.size).toBe(daily.length);
    for (const day of daily) {
      const bars = byDay.get(key(day.symbol, day.date))!;
      expect(bars).toHaveLength(78);
      expect(bars[0].time.toISOString()).toBe(`${day.date}T14:30:00.000Z`);
      expect(bars[77].time.toISOString()).toBe(`${day.date}T20:55:00.000Z`);
      expectReconciles(day, bars);
    }
  });

  it('shows Monday’s NVDA gap-down in the first bar, and no implausible jumps', () => {
    const fridayClose = daily.find((b) => b.symbol === 'NVDA' && b.date === '2025-01-24')!.close;
    const first = byDay.get(key('NVDA', '2025-01-27'))![0];
    expect((first.open / fridayClose - 1) * 100).toBeCloseTo(-12.5, 0);
    for (const b of intraday) expect(Math.abs(b.close / b.open - 1)).toBeLessThan(0.03);
  });

  it('spreads volume U-shaped: heavier near the open and close than at midday', () => {
    let edge = 0;
    let middle = 0;
    for (const bars of byDay.values()) {
      edge += [...bars.slice(0, 6), ...bars.slice(-6)].reduce((s, b) => s + b.volume, 0) / 12;
      middle += bars.slice(33, 45).reduce((s, b) => s + b.volume, 0) / 12;
    }
    expect(edge).toBeGreaterThan(1.8 * middle);
  });

  it('is seeded: another seed gives another path with the same daily facts', () => {
    const day = daily.find((b) => b.symbol === 'AVGO' && b.date === '2025-01-27')!;
    const a = deriveDay(day);
    const b = deriveDay(day, { seed: 7 });
    expect(deriveDay(day)).toEqual(a);
    expect(b.map((x) => x.close)).not.toEqual(a.map((x) => x.close));
    expectReconciles(day, b);
    const quarter = deriveDay(day, { intervalMinutes: 15 });
    expect(quarter).toHaveLength(26);
    expectReconciles(day, quarter);
    expect(() => deriveDay(day, { intervalMinutes: 7 })).toThrow(/divide 390/);
  });

  it('opens the session at 09:30 New York time in winter and summer', () => {
    expect(sessionOpenUtc('2025-01-27').toISOString()).toBe('2025-01-27T14:30:00.000Z');
    expect(sessionOpenUtc('2025-07-15').toISOString()).toBe('2025-07-15T13:30:00.000Z');
  });
});
