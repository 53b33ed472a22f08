import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Bar, Tick } from '../price.types';
import { FinnhubPriceProvider, parseFinnhubMessage } from './finnhub.provider';

const T0 = Date.UTC(2025, 0, 27, 14, 30);

interface FakeFinnhub {
  wss: WebSocketServer;
  url: string;
  sockets: WebSocket[];
  received: unknown[];
  urls: string[];
  next(): Promise<WebSocket>;
}

async function startFinnhub(): Promise<FakeFinnhub> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const fake: FakeFinnhub = {
    wss,
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    sockets: [],
    received: [],
    urls: [],
    next: () => new Promise((resolve) => wss.once('connection', (ws) => resolve(ws))),
  };
  wss.on('connection', (ws, req) => {
    fake.sockets.push(ws);
    fake.urls.push(req.url ?? '');
    ws.on('message', (m) => fake.received.push(JSON.parse(m.toString())));
  });
  return fake;
}

const until = async (cond: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

function sinkInto() {
  const bars: Bar[] = [];
  const ticks: Tick[] = [];
  const errors: Error[] = [];
  return { bars, ticks, errors, sink: { onBar: (b: Bar) => bars.push(b), onTick: (t: Tick) => ticks.push(t), onError: (e: Error) => errors.push(e) } };
}

const trade = (...data: { s: string; p: number; t: number; v: number }[]) => JSON.stringify({ type: 'trade', data });

describe('parseFinnhubMessage', () => {
  it('reads trades, ignores pings and malformed entries, throws on error messages', () => {
    expect(parseFinnhubMessage(trade({ s: 'NVDA', p: 118.4, t: 1737990000000, v: 100 }))).toEqual([{ symbol: 'NVDA', price: 118.4, size: 100, time: 1737990000000 }]);
    expect(parseFinnhubMessage('{"type":"ping"}')).toBeNull();
    expect(parseFinnhubMessage('{"type":"trade","data":[{"s":"NVDA"},{"s":"AVGO","p":1,"t":2}]}')).toEqual([{ symbol: 'AVGO', price: 1, size: 0, time: 2 }]);
    expect(() => parseFinnhubMessage('{"type":"error","msg":"Invalid API key"}')).toThrow('finnhub: Invalid API key');
  });
});

describe('FinnhubPriceProvider over a loopback WebSocket server', () => {
  let fake: FakeFinnhub;
  beforeEach(async () => {
    fake = await startFinnhub();
  });
  afterEach(async () => {
    for (const ws of fake.sockets) ws.terminate();
    await new Promise((resolve) => fake.wss.close(resolve));
  });

  it('subscribes, delivers trades as ticks and closed 1m bars, ignores pings and unwatched symbols', async () => {
    const provider = new FinnhubPriceProvider({ url: fake.url, token: 'sekret' });
    const { bars, ticks, errors, sink } = sinkInto();
    await provider.start(['nvda', 'AVGO'], sink);
    expect(fake.urls[0]).toBe('/?token=sekret');
    await until(() => fake.received.length === 2);
    expect(fake.received).toEqual([
      { type: 'subscribe', symbol: 'NVDA' },
      { type: 'subscribe', symbol: 'AVGO' },
    ]);
    const server = fake.sockets[0];
    server.send('{"type":"ping"}');
    server.send(trade({ s: 'NVDA', p: 120, t: T0 + 1_000, v: 100 }, { s: 'NVDA', p: 118.4, t: T0 + 30_000, v: 50 }, { s: 'TSLA', p: 400, t: T0 + 2_000, v: 1 }));
    server.send(trade({ s: 'NVDA', p: 117, t: T0 + 61_000, v: 10 }));
    await until(() => ticks.length === 3);
    expect(ticks.map((t) => t.price)).toEqual([120, 118.4, 117]);
    expect(bars).toEqual([{ symbol: 'NVDA', interval: '1m', time: T0, open: 120, high: 120, low: 118.4, close: 118.4, volume: 150 }]);
    expect(errors).toEqual([]);
    expect(provider.status()).toMatchObject({ ok: true, lastError: null });

    provider.setSymbols(['NVDA', 'TSM']);
    await until(() => fake.received.length === 4);
    expect(fake.received.slice(2)).toEqual([
      { type: 'unsubscribe', symbol: 'AVGO' },
      { type: 'subscribe', symbol: 'TSM' },
    ]);
    await provider.stop();
    // Stopping closes the open bar of the second minute.
    expect(bars.map((b) => b.time)).toEqual([T0, T0 + 60_000]);
  });

  it('reconnects with backoff after the server drops it and subscribes again', async () => {
    const provider = new FinnhubPriceProvider({ url: fake.url, reconnectBaseMs: 20, reconnectMaxMs: 50 });
    const { ticks, errors, sink } = sinkInto();
    await provider.start(['NVDA'], sink);
    await until(() => fake.received.length === 1);
    const second = fake.next();
    fake.sockets[0].terminate();
    const ws = await second;
    await until(() => fake.received.length === 2);
    expect(fake.received[1]).toEqual({ type: 'subscribe', symbol: 'NVDA' });
    expect(errors.some((e) => /connection closed/.test(e.message))).toBe(true);
    ws.send(trade({ s: 'NVDA', p: 119, t: T0, v: 1 }));
    await until(() => ticks.length === 1);
    await until(() => provider.status().ok);
    expect(provider.connectionCount()).toBe(2);
    await provider.stop();
  });

  it('reports server error messages and bad JSON without dropping the connection', async () => {
    const provider = new FinnhubPriceProvider({ url: fake.url });
    const { errors, sink } = sinkInto();
    await provider.start(['NVDA'], sink);
    fake.sockets[0].send('{"type":"error","msg":"Subscribing to too many symbols"}');
    fake.sockets[0].send('not json');
    await until(() => errors.length === 2);
    expect(errors[0].message).toBe('finnhub: Subscribing to too many symbols');
    expect(provider.status()).toMatchObject({ ok: true, lastError: expect.stringMatching(/JSON/) });
    await provider.stop();
  });

  it('without a reachable server reports errors, keeps retrying, never throws, and never leaks the token', async () => {
    const port = (fake.wss.address() as AddressInfo).port;
    await new Promise((resolve) => fake.wss.close(resolve));
    const provider = new FinnhubPriceProvider({ url: `ws://127.0.0.1:${port}`, token: 'sekret', reconnectBaseMs: 10, reconnectMaxMs: 20 });
    const { errors, sink } = sinkInto();
    await expect(provider.start(['NVDA'], sink)).resolves.toBeUndefined();
    await until(() => errors.length >= 3);
    await provider.stop();
    expect(provider.status()).toMatchObject({ ok: false, lastEventAt: null });
    expect(errors.every((e) => e.message.startsWith('finnhub: '))).toBe(true);
    expect(errors.some((e) => e.message.includes('sekret'))).toBe(false);
    fake = await startFinnhub();
  });
});
