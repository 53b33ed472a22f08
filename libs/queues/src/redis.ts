import { Redis, type RedisOptions } from 'ioredis';
import { keepStringPrototypeFast } from './string-prototype';

// ioredis is loaded by now; its String subclass has just put String.prototype in dictionary mode.
keepStringPrototypeFast();

/** Options every Seismo Redis connection shares; BullMQ workers need maxRetriesPerRequest: null. */
export function redisOptions(url: string, extra: RedisOptions = {}): RedisOptions & { url: string } {
  return {
    url,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    lazyConnect: false,
    retryStrategy: (times: number) => Math.min(200 * 2 ** Math.min(times, 6), 5_000),
    ...extra,
  };
}

export function createRedis(url: string, extra: RedisOptions = {}): Redis {
  const { url: u, ...opts } = redisOptions(url, extra);
  const client = new Redis(u, opts);
  // Connection errors are reported by health checks; an unhandled 'error' event would crash.
  client.on('error', () => undefined);
  return client;
}

/** Deletes every key under `<prefix>:` (a test's or the demo's queues, events and leases). */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<number> {
  // One-off cleanup: fail fast instead of reconnecting when Redis is not there.
  const r = new Redis(redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  r.on('error', () => undefined);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
  return deleted;
}
