import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import { createTestDatabase, testPrefix, type TestDb } from '../support/db';
import { rss } from '../support/feed-server';
import { ensureBuilt, http, removePrefix, spawnApi, spawnWorker, until, type ApiChild, type Child } from '../support/processes';

/**
 * SIGTERM: the worker stops taking jobs, lets the active one finish, and exits; the api tells
 * its sockets (they receive `disconnect` from the server) and exits; each within 10 s.
 */
describe('graceful shutdown on SIGTERM', () => {
  let db: TestDb;
  let slow: Server;
  let slowUrl: string;
  let requests = 0;
  let answered = 0;
  const prefix = testPrefix();
  const children: Child[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    // A feed that takes 2.5 s to answer: its fetch is the active job when SIGTERM arrives.
    slow = createServer((_req, res) => {
      requests++;
      setTimeout(() => {
        answered++;
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(rss('Slow', [{ guid: 'slow-1', title: 'Nvidia shares rise after upbeat guidance', link: 'https://news.example.test/slow/1', published: new Date('2025-01-27T12:00:00Z') }]));
      }, 2_500);
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', () => r()));
    slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/slow.xml`;
  }, 60_000);

  afterAll(async () => {
    for (const c of children) await c.stop();
    slow.closeAllConnections();
    await new Promise<void>((r) => slow.close(() => r()));
    await removePrefix(prefix);
    await db.drop();
  }, 30_000);

  it('the worker finishes its active job, then exits within 10 s', async () => {
    const c = { databaseUrl: db.url, prefix, env: { SEISMO_WATCHLIST: 'NVDA' } };
    const api = await spawnApi(c, 'api-for-worker-test');
    children.push(api);
    const worker = await spawnWorker(c);
    children.push(worker);
    expect((await http('POST', `${api.url}/api/feeds`, { url: slowUrl, pollSeconds: 3600 })).status).toBe(201);
    await until(() => requests > 0, 15_000, 20);
    const t0 = Date.now();
    worker.signal('SIGTERM');
    const exit = await worker.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.exitedAt! - t0).toBeLessThan(10_000);
    // The fetch in flight completed and its outcome was written before the process left.
    expect(answered).toBe(1);
    const [feed] = await db.query<{ last_status: number | null; items_seen: number }>('SELECT last_status, items_seen FROM feeds');
    expect(feed).toEqual({ last_status: 200, items_seen: 1 });
    // Nothing is left active in the queue: the job was completed, not abandoned.
    const { Queue } = await import('bullmq');
    const q = new Queue('feeds', { prefix, connection: { host: '127.0.0.1', port: 6379 } });
    try {
      expect(await q.getActiveCount()).toBe(0);
    } finally {
      await q.close();
    }
  }, 40_000);

  it('the api tells connected sockets and exits within 10 s', async () => {
    const api = await spawnApi({ databaseUrl: db.url, prefix }, 'api');
    children.push(api);
    const sockets = [0, 1, 2].map(() => io(`${api.url}/alerts`, { transports: ['websocket'], reconnection: false, forceNew: true }));
    await Promise.all(sockets.map((s) => new Promise<void>((resolve, reject) => (s.once('connect', () => resolve()), s.once('connect_error', reject)))));
    const reasons = sockets.map((s) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason))));
    const t0 = Date.now();
    api.signal('SIGTERM');
    const got = await Promise.all(reasons);
    // "io server disconnect": the server closed the socket on purpose (not a dropped transport).
    expect(got).toEqual(['io server disconnect', 'io server disconnect', 'io server disconnect']);
    const exit = await api.exited;
    expect(api.exitedAt! - t0).toBeLessThan(10_000);
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    for (const s of sockets) s.close();
  }, 30_000);
});
