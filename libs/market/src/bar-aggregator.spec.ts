import fc from 'fast-check';
import { BarAggregator } from './bar-aggregator';
import type { Bar } from './price.types';

const T0 = Date.UTC(2025, 0, 27, 14, 30);

function collect(): { bars: Bar[]; agg: BarAggregator } {
  const bars: Bar[] = [];
  return { bars, agg: new BarAggregator((b) => bars.push(b)) };
}

describe('BarAggregator', () => {
  it('folds ticks of one minute into one OHLCV bar, emitted when the next minute starts', () => {
    const { bars, agg } = collect();
    agg.add({ symbol: 'NVDA', price: 120, size: 10, time: T0 + 1_000 });
    agg.add({ symbol: 'NVDA', price: 123, size: 5, time: T0 + 20_000 });
    agg.add({ symbol: 'NVDA', price: 118, size: 1, time: T0 + 40_000 });
    agg.add({ symbol: 'NVDA', price: 119, size: 4, time: T0 + 59_999 });
    expect(bars).toEqual([]);
    agg.add({ symbol: 'NVDA', price: 117, size: 2, time: T0 + 60_000 });
    expect(bars).toEqual([{ symbol: 'NVDA', interval: '1m', time: T0, open: 120, high: 123, low: 118, close: 119, volume: 20 }]);
  });

  it('keeps symbols apart and skips empty minutes', () => {
    const { bars, agg } = collect();
    agg.add({ symbol: 'NVDA', price: 120, size: 1, time: T0 });
    agg.add({ symbol: 'AVGO', price: 210, size: 1, time: T0 + 5_000 });
    agg.add({ symbol: 'NVDA', price: 121, size: 1, time: T0 + 5 * 60_000 });
    expect(bars.map((b) => [b.symbol, b.time, b.close])).toEqual([['NVDA', T0, 120]]);
    agg.flushAll();
    expect(bars.map((b) => [b.symbol, b.time, b.close])).toEqual([
      ['NVDA', T0, 120],
      ['NVDA', T0 + 5 * 60_000, 121],
      ['AVGO', T0, 210],
    ]);
  });

  it('flush(asOf) closes only the minutes that ended, and late ticks never reopen an emitted minute', () => {
    const { bars, agg } = collect();
    agg.add({ symbol: 'NVDA', price: 120, size: 1, time: T0 + 30_000 });
    agg.flush(T0 + 59_000);
    expect(bars).toHaveLength(0);
    agg.flush(T0 + 60_000);
    expect(bars).toHaveLength(1);
    agg.add({ symbol: 'NVDA', price: 99, size: 1, time: T0 + 45_000 });
    agg.flushAll();
    expect(bars).toHaveLength(1);
    expect(agg.stats()).toEqual({ ticks: 2, bars: 1, late: 1 });
  });

  it('ignores non-positive prices and non-finite times', () => {
    const { bars, agg } = collect();
    agg.add({ symbol: 'NVDA', price: 0, size: 1, time: T0 });
    agg.add({ symbol: 'NVDA', price: 5, size: 1, time: Number.NaN });
    agg.flushAll();
    expect(bars).toEqual([]);
  });

  it('matches a straightforward group-by-minute for any in-order tick stream', () => {
    const tick = fc.record({
      sym: fc.constantFrom('A', 'B', 'C'),
      dt: fc.integer({ min: 0, max: 90_000 }),
      price: fc.double({ min: 1, max: 500, noNaN: true }),
      size: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(tick, { maxLength: 200 }), (steps) => {
        const { bars, agg } = collect();
        const expected = new Map<string, Bar>();
        let t = T0;
        for (const s of steps) {
          t += s.dt;
          agg.add({ symbol: s.sym, price: s.price, size: s.size, time: t });
          const start = t - (t % 60_000);
          const key = `${s.sym}|${start}`;
          const b = expected.get(key);
          if (!b) expected.set(key, { symbol: s.sym, interval: '1m', time: start, open: s.price, high: s.price, low: s.price, close: s.price, volume: s.size });
          else {
            b.high = Math.max(b.high, s.price);
            b.low = Math.min(b.low, s.price);
            b.close = s.price;
            b.volume += s.size;
          }
        }
        agg.flushAll();
        const byKey = (x: Bar) => `${x.symbol}|${x.time}`;
        expect(new Map(bars.map((b) => [byKey(b), b]))).toEqual(expected);
        expect(bars).toHaveLength(expected.size);
      }),
    );
  });
});
