import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bar, Tick } from '../price.types';
import { parseYahooChart, YahooChartError } from './yahoo-chart';
import { YahooPriceProvider } from './yahoo.provider';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const T0 = 1737988200_000; // 2025-01-27 14:30 UTC, first bar of the 1m sample

interface Loopback {
  server: Server;
  baseUrl: string;
  requests: string[];
}

async function startYahooServer(): Promise<Loopback> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${url.pathname}?${url.searchParams.toString()}`);
    const m = /^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname);
    const interval = url.searchParams.get('interval');
    res.setHeader('content-type', 'application/json');
    if (m && m[1] === 'NVDA' && interval === '1m' && url.searchParams.get('range') === '1d') return res.end(fixture('yahoo-chart-nvda-1m.json'));
    if (m && m[1] === 'NVDA' && interval === '1d') return res.end(fixture('yahoo-chart-nvda-1d.json'));
    if (m && m[1] === 'BROKEN') return res.end('<html>rate limited</html>');
    res.statusCode = 404;
    res.end(fixture('yahoo-chart-not-found.json'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}`, requests };
}

function sinkInto() {
  const bars: Bar[] = [];
  const ticks: Tick[] = [];
  const errors: Error[] = [];
  return { bars, ticks, errors, sink: { onBar: (b: Bar) => bars.push(b), onTick: (t: Tick) => ticks.push(t), onError: (e: Error) => errors.push(e) } };
}

describe('parseYahooChart', () => {
  it('reads bars, drops null rows, and takes the previous close from meta', () => {
    const chart = parseYahooChart(JSON.parse(fixture('yahoo-chart-nvda-1m.json')), 'NVDA', '1m');
    expect(chart.bars).toHaveLength(9);
    expect(chart.bars[0]).toEqual({ symbol: 'NVDA', interval: '1m', time: T0, open: 124.8, high: 125.09, low: 122.33, close: 122.88, volume: 21804501 });
    expect(chart.bars.map((b) => b.time)).not.toContain(T0 + 3 * 60_000);
    expect(chart.previousClose).toBe(142.62);
    expect(chart.price).toBe(119.95);
  });

  it('falls back to chartPreviousClose and fills missing open/high/low from the close', () => {
    const body = { chart: { result: [{ meta: { symbol: 'x', chartPreviousClose: 10 }, timestamp: [1, 2], indicators: { quote: [{ close: [11, 12], open: [null, 11] }] } }], error: null } };
    const chart = parseYahooChart(body, 'X', '1d');
    expect(chart.previousClose).toBe(10);
    expect(chart.bars[0]).toMatchObject({ symbol: 'X', time: 1000, open: 11, high: 11, low: 11, close: 11, volume: 0 });
    expect(chart.bars[1]).toMatchObject({ open: 11, high: 12, low: 11, close: 12 });
  });

  it('throws chart.error with its code', () => {
    expect(() => parseYahooChart(JSON.parse(fixture('yahoo-chart-not-found.json')), 'ZZZZ', '1m')).toThrow(YahooChartError);
    expect(() => parseYahooChart(JSON.parse(fixture('yahoo-chart-not-found.json')), 'ZZZZ', '1m')).toThrow(/Not Found: No data found/);
    expect(() => parseYahooChart({}, 'ZZZZ', '1m')).toThrow(/no chart/);
  });
});

describe('YahooPriceProvider over a loopback server', () => {
  let yahoo: Loopback;
  beforeAll(async () => {
    yahoo = await startYahooServer();
  });
  afterAll(async () => {
    await new Promise((resolve) => yahoo.server.close(resolve));
  });

  it('emits closed 1m bars once, daily bars, and a tick for the market price', async () => {
    // The clock sits inside the last minute of the sample: that bar is still open.
    let now = T0 + 9 * 60_000 + 30_000;
    const provider = new YahooPriceProvider({ baseUrl: yahoo.baseUrl, now: () => now, pollMs: 3_600_000 });
    const { bars, ticks, errors, sink } = sinkInto();
    await provider.start(['nvda'], sink);
    expect(errors).toEqual([]);
    const minute = bars.filter((b) => b.interval === '1m');
    expect(minute.map((b) => (b.time - T0) / 60_000)).toEqual([0, 1, 2, 4, 5, 6, 7, 8]);
    // Daily bars: every day whose interval ended (the 27th started at 14:30 and is still open).
    expect(bars.filter((b) => b.interval === '1d').map((b) => b.close)).toEqual([140.83, 147.07, 147.22, 142.62]);
    expect(ticks).toEqual([{ symbol: 'NVDA', price: 119.95, size: 0, time: T0 + 9 * 60_000 + 30_000 }]);
    expect(provider.status()).toMatchObject({ ok: true, lastError: null });
    expect(provider.status().lastEventAt).toBe(now);

    now += 60_000;
    await provider.pollNow();
    expect(bars.filter((b) => b.interval === '1m').map((b) => (b.time - T0) / 60_000)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    expect(ticks).toHaveLength(1);
    expect(yahoo.requests.filter((r) => r.includes('interval=1d'))).toHaveLength(1);
    await provider.stop();
  });

  it('reports chart.error, non-JSON bodies and HTTP errors without throwing, and keeps other symbols going', async () => {
    const provider = new YahooPriceProvider({ baseUrl: yahoo.baseUrl, now: () => T0 + 86_400_000, pollMs: 3_600_000, dailyRange: null });
    const { bars, errors, sink } = sinkInto();
    await provider.start(['ZZZZ', 'BROKEN', 'NVDA'], sink);
    await provider.stop();
    expect(errors.map((e) => e.message).sort()).toEqual(['yahoo BROKEN: body is not JSON', 'yahoo ZZZZ: Not Found: No data found, symbol may be delisted']);
    expect(bars.filter((b) => b.symbol === 'NVDA')).toHaveLength(9);
    expect(provider.status()).toMatchObject({ ok: false });
  });

  it('without a network answers through onError and status, and start still resolves', async () => {
    const closed = await startYahooServer();
    await new Promise((resolve) => closed.server.close(resolve));
    const provider = new YahooPriceProvider({ baseUrl: closed.baseUrl, pollMs: 3_600_000, timeoutMs: 2_000 });
    const { errors, sink } = sinkInto();
    await expect(provider.start(['NVDA'], sink)).resolves.toBeUndefined();
    await provider.stop();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].message).toMatch(/^yahoo NVDA: /);
    expect(provider.status()).toMatchObject({ ok: false, lastEventAt: null });
    expect(provider.status().lastError).toMatch(/yahoo NVDA/);
  });
});
