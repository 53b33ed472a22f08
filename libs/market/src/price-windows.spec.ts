import { PriceWindows } from './price-windows';
import type { Bar } from './price.types';

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
const daily = (symbol: string, d: string, close: number): Bar => ({ symbol, interval: '1d', time: day(d), open: close, high: close, low: close, close, volume: 1 });
const minute = (symbol: string, iso: string, close: number): Bar => ({ symbol, interval: '1m', time: Date.parse(iso), open: close, high: close, low: close, close, volume: 1 });

describe('PriceWindows', () => {
  it('answers the change against the previous trading day close from daily bars', () => {
    const w = new PriceWindows();
    w.addAll([daily('NVDA', '2025-01-23', 147.22), daily('NVDA', '2025-01-24', 142.62), daily('NVDA', '2025-01-27', 118.42)]);
    const asOf = Date.parse('2025-01-27T20:00:00Z');
    expect(w.previousClose('NVDA', asOf)).toBe(142.62);
    expect(w.changeVsPrevClose('NVDA', asOf)).toBeCloseTo(-16.97, 2);
    // On the 24th the previous close is the 23rd's.
    expect(w.changeVsPrevClose('NVDA', Date.parse('2025-01-24T20:00:00Z'))).toBeCloseTo(((142.62 - 147.22) / 147.22) * 100, 6);
  });

  it('prefers the latest intraday close over the day bar and measures windows on event time', () => {
    const w = new PriceWindows();
    w.add(daily('NVDA', '2025-01-24', 142.62));
    w.add(minute('NVDA', '2025-01-27T14:30:00Z', 124.8));
    w.add(minute('NVDA', '2025-01-27T15:30:00Z', 120));
    w.add(minute('NVDA', '2025-01-27T15:00:00Z', 122)); // out of order
    const asOf = Date.parse('2025-01-27T15:45:00Z');
    expect(w.lastClose('NVDA', asOf)).toBe(120);
    expect(w.changePct('NVDA', 60 * 60_000, asOf)).toBeCloseTo(((120 - 124.8) / 124.8) * 100, 6);
    expect(w.changePct('NVDA', 30 * 60_000, asOf)).toBeCloseTo(((120 - 122) / 122) * 100, 6);
    expect(w.changeVsPrevClose('nvda', asOf)).toBeCloseTo(((120 - 142.62) / 142.62) * 100, 6);
    // Nothing is known before the first bar or about other symbols.
    expect(w.changePct('NVDA', 10 * 86_400_000, asOf)).toBeNull();
    expect(w.changeVsPrevClose('AVGO', asOf)).toBeNull();
  });

  it('uses the exchange calendar day: an after-hours bar past UTC midnight still belongs to the day before', () => {
    const w = new PriceWindows();
    w.add(minute('NVDA', '2025-01-24T20:59:00Z', 142.62));
    w.add(minute('NVDA', '2025-01-25T00:30:00Z', 141)); // 19:30 New York, Friday
    w.add(minute('NVDA', '2025-01-27T14:31:00Z', 121.92));
    // Without daily bars the previous close falls back to the last 1m bar of an earlier day.
    expect(w.previousClose('NVDA', Date.parse('2025-01-27T14:31:00Z'))).toBe(141);
    expect(w.tradingDay(Date.parse('2025-01-25T00:30:00Z'))).toBe('2025-01-24');
  });

  it('stays within its bounds', () => {
    const w = new PriceWindows({ maxMinuteBars: 100, maxDailyBars: 5 });
    const t0 = Date.parse('2025-01-27T14:30:00Z');
    for (let i = 0; i < 10_000; i++) w.add(minute('NVDA', new Date(t0 + i * 60_000).toISOString(), 100 + (i % 7)));
    for (let i = 0; i < 50; i++) w.add(daily('NVDA', new Date(day('2024-12-01') + i * 86_400_000).toISOString().slice(0, 10), 100));
    const size = w.size('NVDA');
    expect(size.minute).toBe(100);
    expect(size.daily).toBe(5);
    expect(w.lastClose('NVDA', t0 + 9_999 * 60_000)).toBe(100 + (9_999 % 7));
  });

  it('a view bound to a symbol answers the same questions', () => {
    const w = new PriceWindows();
    w.addAll([daily('AVGO', '2025-01-24', 225), daily('AVGO', '2025-01-27', 185.9)]);
    const v = w.view('avgo');
    const asOf = Date.parse('2025-01-27T21:00:00Z');
    expect(v.changeVsPrevClose(asOf)).toBeCloseTo(w.changeVsPrevClose('AVGO', asOf)!, 10);
    expect(v.previousClose(asOf)).toBe(225);
    expect(v.lastClose(asOf)).toBe(185.9);
  });
});
