import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PriceWindows } from '../price-windows';
import type { Bar } from '../price.types';
import { parseBarsCsv } from './bar-file';
import { ReplayPriceProvider } from './replay.provider';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const SHARED_PRICES = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data/prices');
const sharedCsvs = existsSync(SHARED_PRICES) ? readdirSync(SHARED_PRICES).filter((f) => f.endsWith('.csv')) : [];

async function play(provider: ReplayPriceProvider, symbols: string[] = []): Promise<{ bars: Bar[]; errors: Error[] }> {
  const bars: Bar[] = [];
  const errors: Error[] = [];
  await provider.start(symbols, { onBar: (b) => bars.push(b), onError: (e) => errors.push(e) });
  await provider.finished();
  return { bars, errors };
}

describe('bar files', () => {
  it('reads both CSV column layouts into the same bars', () => {
    const a = parseBarsCsv('Date,Close,High,Low,Open,Volume\n2025-01-27,118.42,128.4,116.7,124.8,818830914\n', { symbol: 'nvda' });
    const b = parseBarsCsv('date,open,high,low,close,volume\r\n2025-01-27,124.8,128.4,116.7,118.42,818830914.0\r\n', { symbol: 'NVDA' });
    const expected = { symbol: 'NVDA', interval: '1d', time: Date.parse('2025-01-27T00:00:00Z'), open: 124.8, high: 128.4, low: 116.7, close: 118.42, volume: 818830914 };
    expect(a).toEqual([expected]);
    expect(b).toEqual([expected]);
    expect(() => parseBarsCsv('foo,bar\n1,2\n')).toThrow(/date\/time column/);
  });
});

describe('ReplayPriceProvider', () => {
  it('plays CSV and JSON-lines fixtures in event-time order across symbols, each bar at its close', async () => {
    const provider = new ReplayPriceProvider({
      files: [join(fixtures, 'replay-sample.jsonl'), join(fixtures, 'daily', 'NVDA.csv'), join(fixtures, 'daily', 'AVGO.csv')],
      speed: Infinity,
    });
    const { bars, errors } = await play(provider);
    expect(errors).toEqual([]);
    expect(bars.map((b) => `${b.symbol} ${b.interval} ${new Date(b.time).toISOString()}`)).toEqual([
      'NVDA 1d 2025-01-23T00:00:00.000Z',
      'NVDA 1d 2025-01-24T00:00:00.000Z',
      'AVGO 1d 2025-01-24T00:00:00.000Z',
      'NVDA 1m 2025-01-27T14:30:00.000Z',
      'AVGO 1m 2025-01-27T14:30:00.000Z',
      'NVDA 1m 2025-01-27T14:31:00.000Z',
      'AVGO 1m 2025-01-27T14:32:00.000Z',
      'NVDA 1m 2025-01-27T14:32:00.000Z',
      // A daily bar is only known once its day has ended: after that day's minute bars.
      'NVDA 1d 2025-01-27T00:00:00.000Z',
      'AVGO 1d 2025-01-27T00:00:00.000Z',
    ]);
    expect(provider.status()).toMatchObject({ ok: true });
    expect(provider.playedCount()).toBe(10);
  });

  it('filters by from/to and by the symbols it was started with', async () => {
    const provider = new ReplayPriceProvider({
      files: [join(fixtures, 'replay-sample.jsonl'), join(fixtures, 'daily', 'NVDA.csv')],
      speed: Infinity,
      from: '2025-01-24T00:00:00Z',
      to: new Date('2025-01-27T14:31:00Z'),
    });
    const { bars } = await play(provider, ['nvda']);
    expect(bars.map((b) => [b.interval, b.close])).toEqual([
      ['1d', 142.62],
      ['1m', 122.88],
      ['1m', 121.92],
      ['1d', 118.42],
    ]);
  });

  it('compresses event time by speed: two event-minutes at 3600x take at least 33 ms', async () => {
    const provider = new ReplayPriceProvider({ files: [join(fixtures, 'replay-sample.jsonl')], speed: 3600 });
    const seen: number[] = [];
    const started = Date.now();
    await provider.start(['NVDA'], { onBar: () => seen.push(Date.now() - started) });
    await provider.finished();
    expect(seen).toHaveLength(3);
    expect(seen[2]).toBeGreaterThanOrEqual(30);
  });

  it('follows an external event-time clock: history at once, later bars when the clock reaches them', async () => {
    let eventNow = Date.parse('2025-01-27T14:31:30Z');
    const provider = new ReplayPriceProvider({ files: [join(fixtures, 'replay-sample.jsonl'), join(fixtures, 'daily', 'NVDA.csv')], speed: 60, clock: () => eventNow });
    const bars: Bar[] = [];
    await provider.start(['NVDA'], { onBar: (b) => bars.push(b) });
    const until = async (n: number) => {
      for (let i = 0; i < 200 && bars.length < n; i++) await new Promise((r) => setTimeout(r, 5));
    };
    await until(3);
    await new Promise((r) => setTimeout(r, 30));
    // The two earlier daily bars and the 14:30 minute bar (closed at 14:31) are due; 14:31 and 27 Jan's daily bar are not.
    expect(bars.map((b) => b.close)).toEqual([147.22, 142.62, 122.88]);
    eventNow = Date.parse('2025-01-28T00:00:00Z');
    await provider.finished();
    expect(bars.map((b) => b.close).slice(3)).toEqual([121.92, 121.04, 118.42]);
  });

  it('stop() ends a slow replay early and resolves finished()', async () => {
    const provider = new ReplayPriceProvider({ files: [join(fixtures, 'daily', 'NVDA.csv')], speed: 1 });
    const bars: Bar[] = [];
    await provider.start([], { onBar: (b) => bars.push(b) });
    await new Promise((r) => setTimeout(r, 20));
    await provider.stop();
    await provider.finished();
    expect(bars).toHaveLength(1);
  });

  it('reports an unreadable file through onError and plays the rest', async () => {
    const provider = new ReplayPriceProvider({ files: [join(fixtures, 'missing.csv'), join(fixtures, 'daily', 'AVGO.csv')], speed: Infinity });
    const { bars, errors } = await play(provider);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/replay: cannot read .*missing\.csv/);
    expect(bars).toHaveLength(2);
  });

  it('replays the shared DeepSeek-week price files when present (NVDA −16.97% vs previous close on 2025-01-27)', async () => {
    if (sharedCsvs.length === 0) return; // ../shared/data/prices absent: nothing to replay.
    const provider = new ReplayPriceProvider({ files: sharedCsvs.map((f) => join(SHARED_PRICES, f)), speed: Infinity, from: '2025-01-20', to: '2025-01-31' });
    const windows = new PriceWindows();
    const bars: Bar[] = [];
    await provider.start([], { onBar: (b) => (bars.push(b), windows.add(b)) });
    await provider.finished();
    for (let i = 1; i < bars.length; i++) expect(bars[i].time).toBeGreaterThanOrEqual(bars[i - 1].time);
    const asOf = Date.parse('2025-01-27T21:00:00Z');
    const expected: Record<string, number> = { NVDA: -16.97, AVGO: -17.4, TSM: -13.33, AMD: -6.37, MSFT: -2.14, QQQ: -2.91 };
    for (const f of sharedCsvs) {
      const symbol = f.replace(/\.csv$/, '');
      if (expected[symbol] !== undefined) expect(windows.changeVsPrevClose(symbol, asOf)).toBeCloseTo(expected[symbol], 2);
    }
  });
});
