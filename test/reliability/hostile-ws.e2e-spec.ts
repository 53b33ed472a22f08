import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { createTestDatabase, testPrefix, type TestDb } from '../support/db';
import { REDIS_URL } from '../support/db';
import { ensureBuilt, http, removePrefix, sleep, spawnApi, until, type ApiChild } from '../support/processes';

/**
 * Hostile WebSocket clients against the real api process with SEISMO_API_KEY set: handshakes
 * need a key (a read key is enough), a foreign Origin is refused, bad `subscribe` payloads get an
 * error ack, a client only hears the rooms it subscribed to, and one flooding client does not
 * starve another.
 */
const KEY = 'reliability-ws-admin-key-0123456789';
const ORIGIN = 'https://desk.example.test';

type Ack = { ok: boolean; rooms?: string[]; error?: string };

describe('hostile WebSocket clients', () => {
  let db: TestDb;
  let api: ApiChild;
  let redis: Redis;
  let readKey: string;
  const prefix = testPrefix();
  const open: Socket[] = [];

  const client = (opts: { token?: string; origin?: string; authHeader?: string } = {}) => {
    const s = io(`${api.url}/alerts`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: opts.token ? { token: opts.token } : {},
      extraHeaders: { ...(opts.origin ? { origin: opts.origin } : {}), ...(opts.authHeader ? { authorization: opts.authHeader } : {}) },
    });
    open.push(s);
    return s;
  };
  const outcome = (s: Socket) =>
    new Promise<'connected' | string>((resolve) => {
      s.once('connect', () => resolve('connected'));
      s.once('connect_error', (e) => resolve(`refused: ${e.message}`));
    });
  const connectedClient = async (token = KEY) => {
    const s = client({ token });
    expect(await outcome(s)).toBe('connected');
    return s;
  };
  const publishAlert = (id: number, symbol: string) =>
    redis.publish(
      `${prefix}:seismo:events`,
      JSON.stringify({
        kind: 'alert',
        alert: { id, type: 'breaking', severity: 'warning', symbol, keyword: null, title: `${symbol} test alert`, message: 'x', articleIds: [], createdAt: new Date().toISOString() },
      }),
    );

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    api = await spawnApi({ databaseUrl: db.url, prefix, env: { SEISMO_API_KEY: KEY, SEISMO_CORS_ORIGINS: ORIGIN } });
    redis = new Redis(REDIS_URL);
    const k = await http('POST', `${api.url}/api/keys`, { name: 'dashboard', scope: 'read' }, { authorization: `Bearer ${KEY}` });
    expect(k.status).toBe(201);
    readKey = k.body.key;
  }, 60_000);

  afterAll(async () => {
    for (const s of open) s.close();
    redis?.disconnect();
    await api?.stop();
    await removePrefix(prefix);
    await db.drop();
  }, 30_000);

  it('refuses handshakes without a valid key, and accepts the admin key, a read key and a Bearer header', async () => {
    expect(await outcome(client())).toMatch(/^refused: unauthorized/);
    expect(await outcome(client({ token: 'not-a-key-not-a-key' }))).toMatch(/^refused: unauthorized/);
    expect(await outcome(client({ token: 'x'.repeat(10_000) }))).toMatch(/^refused/);
    expect(await outcome(client({ token: KEY }))).toBe('connected');
    expect(await outcome(client({ token: readKey }))).toBe('connected');
    expect(await outcome(client({ authHeader: `Bearer ${readKey}` }))).toBe('connected');
    // A revoked key no longer opens a socket.
    const k = await http('POST', `${api.url}/api/keys`, { name: 'temp', scope: 'read' }, { authorization: `Bearer ${KEY}` });
    expect(await outcome(client({ token: k.body.key }))).toBe('connected');
    expect((await http('DELETE', `${api.url}/api/keys/${k.body.id}`, undefined, { authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect(await outcome(client({ token: k.body.key }))).toMatch(/^refused/);
  });

  it('refuses a foreign Origin even with a valid key, and accepts the configured one', async () => {
    expect(await outcome(client({ token: KEY, origin: 'https://evil.example.test' }))).toMatch(/^refused/);
    expect(await outcome(client({ token: KEY, origin: ORIGIN }))).toBe('connected');
  });

  it('answers malformed and oversized subscribe payloads with an error ack', async () => {
    const s = await connectedClient(readKey);
    const bad: unknown[] = [
      'NVDA',
      42,
      [],
      { symbols: 'NVDA' },
      { symbols: [{}] },
      { symbols: ['not a symbol!'] },
      { symbols: Array.from({ length: 201 }, (_, i) => `S${i}`) },
      { keywords: [''] },
      { types: ['moon_phase'] },
      { after: -1 },
      { after: 'yesterday' },
      { rooms: ['symbol:AVGO'] },
      { keywords: Array.from({ length: 90 }, () => 'k'.repeat(99)) }, // > 8 kB
    ];
    for (const payload of bad) {
      const ack = (await s.timeout(5_000).emitWithAck('subscribe', payload)) as Ack;
      expect([payload, ack.ok]).toEqual([payload, false]);
      expect(typeof ack.error).toBe('string');
      expect(ack.error!.length).toBeGreaterThan(0);
      await sleep(220); // stay under the per-socket rate limit: this test is not about flooding
    }
    expect(s.connected).toBe(true);
    // A frame above the transport cap (64 kB) closes that socket, and only that socket.
    const other = await connectedClient(readKey);
    const closed = new Promise<string>((r) => s.once('disconnect', (reason) => r(reason)));
    s.emit('subscribe', { keywords: ['x'.repeat(100 * 1024)] });
    expect(await closed).toMatch(/transport close|io server disconnect|transport error/);
    const ack = (await other.timeout(5_000).emitWithAck('subscribe', { symbols: ['NVDA'] })) as Ack;
    expect(ack).toMatchObject({ ok: true, rooms: ['symbol:NVDA'] });
  });

  it('delivers only the rooms a client subscribed to; other events cannot join rooms', async () => {
    const nvda = await connectedClient(readKey);
    const avgo = await connectedClient(readKey);
    const got = { nvda: [] as string[], avgo: [] as string[] };
    nvda.on('alert', (a: { symbol: string }) => got.nvda.push(a.symbol));
    avgo.on('alert', (a: { symbol: string }) => got.avgo.push(a.symbol));
    expect(((await nvda.emitWithAck('subscribe', { symbols: ['NVDA'] })) as Ack).ok).toBe(true);
    expect(((await avgo.emitWithAck('subscribe', { symbols: ['AVGO'] })) as Ack).ok).toBe(true);
    // Attempts to join a room some other way do nothing.
    nvda.emit('join', 'symbol:AVGO');
    nvda.emit('join', { room: 'symbol:AVGO' });
    nvda.emit('subscribe:rooms', ['symbol:AVGO']);
    await sleep(200);
    await publishAlert(900_001, 'AVGO');
    await publishAlert(900_002, 'NVDA');
    await publishAlert(900_003, 'TSM');
    await until(() => got.nvda.length >= 1 && got.avgo.length >= 1, 10_000);
    await sleep(500);
    expect(got).toEqual({ nvda: ['NVDA'], avgo: ['AVGO'] });
  });

  it('sends the news of a batch message (`articles`) and of a single `article` message to the rooms of their targets, in order', async () => {
    const nvda = await connectedClient(readKey);
    const got: number[] = [];
    nvda.on('article', (a: { id: number }) => got.push(a.id));
    expect(((await nvda.emitWithAck('subscribe', { symbols: ['NVDA'] })) as Ack).ok).toBe(true);
    const article = (id: number, symbol: string) => ({
      id,
      title: `${symbol} news ${id}`,
      summary: '',
      url: null,
      source: 'test',
      publishedAt: new Date().toISOString(),
      storyId: null,
      label: 'negative',
      sentiment: -0.5,
      targets: [{ type: 'ticker', symbol, name: null, label: 'negative', score: -0.5, relevance: 1 }],
    });
    const channel = `${prefix}:seismo:events`;
    await redis.publish(channel, JSON.stringify({ kind: 'articles', articles: [article(800_001, 'NVDA'), article(800_002, 'AVGO'), article(800_003, 'NVDA')] }));
    await redis.publish(channel, JSON.stringify({ kind: 'article', article: article(800_004, 'NVDA') }));
    await until(() => got.length >= 3, 10_000);
    await sleep(300);
    expect(got).toEqual([800_001, 800_003, 800_004]);
  });

  it('a flooding client gets "too many requests" acks while another client still subscribes promptly', async () => {
    const flood = await connectedClient(readKey);
    const calm = await connectedClient(readKey);
    const acks: Promise<Ack>[] = [];
    const floodStart = Date.now();
    for (let i = 0; i < 2_000; i++) acks.push(flood.timeout(20_000).emitWithAck('subscribe', { symbols: [`F${i % 50}`] }) as Promise<Ack>);
    const t0 = Date.now();
    const ack = (await calm.timeout(5_000).emitWithAck('subscribe', { symbols: ['NVDA'] })) as Ack;
    const waited = Date.now() - t0;
    expect(ack).toMatchObject({ ok: true, rooms: ['symbol:NVDA'] });
    expect(waited).toBeLessThan(5_000);
    const results = await Promise.all(acks);
    const floodSeconds = (Date.now() - floodStart) / 1000;
    // The per-socket bucket: a burst of 20, then 5 a second for as long as the flood lasted.
    expect(results.filter((a) => a.ok).length).toBeLessThanOrEqual(20 + Math.ceil(5 * floodSeconds) + 1);
    expect(results.filter((a) => !a.ok).length).toBeGreaterThan(1_000);
    expect(results.filter((a) => !a.ok).every((a) => /too many requests/.test(a.error ?? ''))).toBe(true);
    // The calm client keeps receiving its alerts.
    const got: number[] = [];
    calm.on('alert', (a: { id: number }) => got.push(a.id));
    await publishAlert(900_010, 'NVDA');
    await until(() => got.includes(900_010), 5_000);
  }, 30_000);
});
