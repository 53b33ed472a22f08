import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { loadConfig, type AppConfig } from '@seismo/config';
import { deletePrefix } from '@seismo/queues';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { createApi } from '../../apps/api/src/bootstrap';
import { startWorker } from '../../apps/worker/src/main';
import type { ClientToServerEvents, ServerToClientEvents } from '@seismo/contracts';
import { createTestDatabase, REDIS_URL, testPrefix, type TestDb } from './db';
import { FixtureFeedServer } from './feed-server';

export function testConfig(db: TestDb, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL,
    PORT: '0',
    HOST: '127.0.0.1',
    SEISMO_QUEUE_PREFIX: testPrefix(),
    SEISMO_FEED_ALLOW_HOSTS: '127.0.0.1',
    SEISMO_FEED_TIMEOUT_MS: '3000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ...env,
  });
}

export interface RunningApi {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** The real api application on an ephemeral loopback port. */
export async function startApi(config: AppConfig): Promise<RunningApi> {
  const app = await createApi(config);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export async function startWorkerApp(config: AppConfig): Promise<{ app: INestApplicationContext; close(): Promise<void> }> {
  return startWorker(config);
}

export type AlertsClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectAlerts(baseUrl: string, opts: { token?: string; origin?: string } = {}): AlertsClient {
  return io(`${baseUrl}/alerts`, {
    transports: ['websocket'],
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: opts.origin ? { origin: opts.origin } : undefined,
    reconnection: false,
    forceNew: true,
  });
}

export function connected(s: AlertsClient): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', (e) => reject(e));
  });
}

export { eventually } from './wait';

/** Removes every Redis key of a test's queue prefix. */
export async function cleanRedis(prefix: string): Promise<void> {
  await deletePrefix(REDIS_URL, prefix);
}

/** Nothing of this queue is waiting, active, delayed or prioritized. */
export async function queueIdle(queue: { getJobCounts(...types: ('waiting' | 'active' | 'delayed' | 'prioritized')[]): Promise<Record<string, number>> }): Promise<boolean> {
  const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(c).every((n) => n === 0);
}

/** Feed rows for these URLs with a day-long interval (polled only when a test fetches them), in order. */
export async function insertFeeds(db: TestDb, urls: string[]): Promise<{ id: number }[]> {
  const values = urls.map((_, i) => `($${i + 1}, 86400, now())`).join(', ');
  return db.query<{ id: number }>(`INSERT INTO feeds (url, poll_seconds, updated_at) VALUES ${values} RETURNING id`, urls);
}

/** A worker app on a fresh database, with a loopback feed server (the pipeline specs' harness); `close` undoes all of it. */
export async function startWorkerWithFeeds(env: Record<string, string> = {}) {
  const db = await createTestDatabase();
  const feeds = await new FixtureFeedServer().start();
  const config = testConfig(db, env);
  const worker = await startWorkerApp(config).catch(async (e) => {
    await feeds.close();
    await db.drop();
    throw e;
  });
  return {
    db,
    feeds,
    worker,
    async close() {
      await worker.close();
      await feeds.close();
      await cleanRedis(config.queuePrefix);
      await db.drop();
    },
  };
}
