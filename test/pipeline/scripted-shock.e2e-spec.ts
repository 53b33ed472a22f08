import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertPayload, ArticlePayload } from '@seismo/contracts';
import { FeedsProducer, PricesProducer } from '@seismo/queues';
import { cleanRedis, connectAlerts, connected, eventually, startApi, startWorkerApp, testConfig, type AlertsClient, type RunningApi } from '../support/apps';
import { createTestDatabase, type TestDb } from '../support/db';
import { FixtureFeedServer, type FixtureItem } from '../support/feed-server';

/**
 * Issue 5's scripted sequence through the real pipeline: a loopback feed server, bars through the
 * prices queue (as the replay provider sends them), the real worker and two api processes.
 */
const DAY = 86_400_000;
const calmTitles = [
  'Nvidia to report fourth-quarter earnings on February 26',
  'Nvidia adds new networking switch to its data center catalogue',
  'Nvidia hosts annual developer conference in March, company says',
  'Analysts keep Nvidia rating unchanged ahead of earnings',
  'Nvidia shares edge up 0.4% in quiet trading',
  'Nvidia publishes sustainability report for fiscal 2024',
];
const burstTitles = [
  'Nvidia shares plunge 17% as DeepSeek model rattles AI trade',
  'Nvidia loses nearly $600 billion in market value, biggest one-day drop in history',
  'Nvidia stock crashes as investors fear cheaper AI will cut chip demand',
  'Nvidia tumbles, dragging the Nasdaq lower on DeepSeek fears',
  'Nvidia sell-off deepens; analysts warn of weaker data center spending',
  'Nvidia slumps as Chinese AI startup DeepSeek shakes confidence in chip stocks',
  'Investors dump Nvidia shares after DeepSeek claims low-cost training',
  'Nvidia suffers record rout as AI bubble fears grow',
  'Nvidia plunges; chipmakers wiped out in massive selloff',
  'Nvidia shares sink sharply, erasing months of gains',
];

function items(titles: string[], start: number, stepMs: number, tag: string): FixtureItem[] {
  return titles.map((title, i) => ({ guid: `${tag}-${i}`, title, link: `https://news.example.test/${tag}/${i}`, summary: title, published: new Date(start + i * stepMs) }));
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('scripted shock through the real pipeline', () => {
  let db: TestDb;
  let prefix: string;
  let api1: RunningApi;
  let api2: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorkerApp>>;
  let feeds: FixtureFeedServer;
  let hook: Server;
  const hookCalls: { body: string; signature: string; status: number }[] = [];
  let hookFailuresLeft = 2;
  const clientA: AlertPayload[] = [];
  const clientB: AlertPayload[] = [];
  const newsA: ArticlePayload[] = [];
  const newsB: ArticlePayload[] = [];
  const newsOther: ArticlePayload[] = [];
  let a: AlertsClient;
  let b: AlertsClient;
  let other: AlertsClient;
  let feedId: number;
  let hookId: number;
  let hookSecret: string;

  const monday = Date.parse('2025-01-27T00:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    feeds = await new FixtureFeedServer().start();
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const status = hookFailuresLeft-- > 0 ? 500 : 200;
        hookCalls.push({ body, signature: String(req.headers['x-seismo-signature'] ?? ''), status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const config = testConfig(db, { SEISMO_WATCHLIST: 'NVDA,AVGO', SEISMO_KEYWORDS: 'DeepSeek=NVDA|AVGO' });
    prefix = config.queuePrefix;
    worker = await startWorkerApp(config);
    api1 = await startApi(config);
    api2 = await startApi(config);
    const feed = await (await fetch(`${api1.url}/api/feeds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${feeds.url}/nvda.xml`, pollSeconds: 3600 }) })).json();
    feedId = feed.id;
    const hk = await (
      await fetch(`${api1.url}/api/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, symbols: ['NVDA'], types: ['shock'] }) })
    ).json();
    hookId = hk.id;
    hookSecret = hk.secret;
    a = connectAlerts(api1.url);
    b = connectAlerts(api2.url);
    other = connectAlerts(api1.url);
    await Promise.all([connected(a), connected(b), connected(other)]);
    a.on('alert', (x) => clientA.push(x));
    b.on('alert', (x) => clientB.push(x));
    a.on('article', (x) => newsA.push(x));
    b.on('article', (x) => newsB.push(x));
    other.on('article', (x) => newsOther.push(x));
    for (const s of [a, b]) {
      const ack = await s.emitWithAck('subscribe', { symbols: ['NVDA'] });
      expect(ack).toMatchObject({ ok: true, rooms: ['symbol:NVDA'] });
    }
    expect(await other.emitWithAck('subscribe', { symbols: ['MSFT'] })).toMatchObject({ ok: true });
  }, 60_000);

  afterAll(async () => {
    a?.close();
    b?.close();
    other?.close();
    await api1?.close();
    await api2?.close();
    await worker?.close();
    await feeds?.close();
    await new Promise<void>((r) => hook.close(() => r()));
    await cleanRedis(prefix);
    await db.drop();
  }, 30_000);

  const alerts = () => db.query<{ id: number; type: string; severity: string; symbol: string | null; keyword: string | null; evidence: Record<string, unknown>; article_ids: number[] }>('SELECT * FROM alerts ORDER BY id');

  it('a calm period produces no critical alert', async () => {
    const calm = [
      ...items(calmTitles, monday - 10 * DAY, DAY, 'calm1'),
      ...items(calmTitles, monday - 9 * DAY + 7_200_000, DAY, 'calm2'),
    ];
    feeds.set('/nvda.xml', 'Markets fixture', calm);
    const prices = worker.app.get(PricesProducer);
    const daily = Array.from({ length: 10 }, (_, i) => monday - (10 - i) * DAY).filter((t) => ![0, 6].includes(new Date(t).getUTCDay()));
    await prices.addBars({ bars: daily.map((t, i) => ({ symbol: 'NVDA', interval: '1d' as const, time: iso(t), open: 140, high: 143, low: 138, close: 140 + (i % 2 ? 1 : -1), volume: 2e8 })) });
    await worker.app.get(FeedsProducer).fetchNow(feedId);
    await eventually(async () => (await db.query<{ n: string }>('SELECT count(*) AS n FROM articles'))[0].n === String(calm.length), 20_000);
    // Let the signal jobs of the calm period finish.
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await alerts()).filter((x) => x.severity === 'critical')).toEqual([]);
    const feed = await (await fetch(`${api1.url}/api/feeds`)).json();
    expect(feed.items[0]).toMatchObject({ lastStatus: 200, lastError: null, errorCount: 0, itemsSeen: calm.length });
  }, 40_000);

  it('a burst of negative NVDA headlines with a -17% move raises sentiment_shift, mention_spike, price_move and one shock, each once, with evidence', async () => {
    const before = clientA.length;
    const burst = items(burstTitles, monday + 12 * 3_600_000, 5 * 60_000, 'burst');
    feeds.set('/nvda.xml', 'Markets fixture', [...burst, ...items(calmTitles, monday - 10 * DAY, DAY, 'calm1')]);
    const prices = worker.app.get(PricesProducer);
    const open = monday + 14.5 * 3_600_000;
    await prices.addBars({
      bars: Array.from({ length: 30 }, (_, i) => ({ symbol: 'NVDA', interval: '1m' as const, time: iso(open + i * 60_000), open: 124, high: 125, low: 117, close: 124 - i * 0.2, volume: 1e6 })),
    });
    await worker.app.get(FeedsProducer).fetchNow(feedId);
    const types = ['sentiment_shift', 'mention_spike', 'price_move', 'shock'];
    const got = await eventually(async () => {
      const rows = (await alerts()).filter((x) => x.symbol === 'NVDA');
      return types.every((t) => rows.some((r) => r.type === t)) ? rows : null;
    }, 30_000).catch(async (e: Error) => {
      throw new Error(`${e.message}; alerts so far: ${JSON.stringify((await alerts()).map((r) => [r.type, r.symbol ?? r.keyword, r.severity]))}`);
    });
    await new Promise((r) => setTimeout(r, 1_500)); // any duplicate would have landed by now
    const rows = (await alerts()).filter((x) => x.symbol === 'NVDA');
    for (const t of types) expect([t, rows.filter((r) => r.type === t).length]).toEqual([t, 1]);
    const shock = got.find((r) => r.type === 'shock')!;
    expect(shock.severity).toBe('critical');
    expect(shock.article_ids.length).toBeGreaterThan(0);
    expect(JSON.stringify(shock.evidence)).toMatch(/articles/);
    // Both clients, on two api processes, receive each NVDA alert exactly once.
    await eventually(() => clientA.length - before >= rows.length && clientB.length >= rows.length, 10_000);
    const ids = rows.map((r) => r.id).sort((x, y) => x - y);
    for (const c of [clientA, clientB]) {
      const seen = c.map((x) => x.id).filter((id) => ids.includes(id));
      expect(seen.sort((x, y) => x - y)).toEqual(ids);
    }
  }, 60_000);

  it('the news stream reaches each NVDA subscriber once, on either api process, and no one else', async () => {
    const nvda = await db.query<{ id: number }>(`SELECT DISTINCT article_id AS id FROM article_scores WHERE target_type = 'ticker' AND target = 'NVDA' ORDER BY 1`);
    expect(nvda.length).toBeGreaterThanOrEqual(burstTitles.length);
    const ids = nvda.map((r) => r.id);
    await eventually(() => ids.every((id) => newsA.some((x) => x.id === id) && newsB.some((x) => x.id === id)), 10_000);
    for (const news of [newsA, newsB]) {
      expect(news.map((x) => x.id).sort((x, y) => x - y)).toEqual(ids);
      expect(news.every((x) => x.targets.some((t) => t.symbol === 'NVDA'))).toBe(true);
    }
    expect(newsOther).toEqual([]);
  });

  it('a client that reconnects with `after` receives exactly what it missed', async () => {
    // NVDA's subscribers also get the alerts of keywords linked to NVDA (DeepSeek).
    const all = (await alerts()).filter((x) => x.symbol === 'NVDA' || x.keyword?.toLowerCase() === 'deepseek').map((x) => x.id);
    expect(all.length).toBeGreaterThan(3);
    const c = connectAlerts(api2.url);
    await connected(c);
    const got: number[] = [];
    c.on('alert', (x) => got.push(x.id));
    const ack = await c.emitWithAck('subscribe', { symbols: ['NVDA'], after: all[1] });
    expect(ack).toMatchObject({ ok: true, replayed: all.length - 2 });
    expect(got).toEqual(all.slice(2));
    c.close();
  });

  it('a webhook receiver gets signed deliveries, and a failing receiver is retried', async () => {
    const delivered = await eventually(() => hookCalls.find((c) => c.status === 200), 30_000);
    expect(hookCalls.filter((c) => c.status === 500)).toHaveLength(2);
    const [t, sig] = delivered.signature.split(',');
    const expected = createHmac('sha256', hookSecret).update(`${t.slice(2)}.${delivered.body}`).digest('hex');
    expect(sig).toBe(`sha256=${expected}`);
    expect(JSON.parse(delivered.body).alert.type).toBe('shock');
    // The receiver has answered; the worker records the outcome right after, so read until it has.
    await eventually(async () => {
      const status = await (await fetch(`${api1.url}/api/webhooks/${hookId}/deliveries`)).json();
      expect(status.items[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
      return true;
    }, 10_000);
  }, 40_000);
});
