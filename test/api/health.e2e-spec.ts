import { cleanRedis, eventually, startApi, testConfig, type RunningApi } from '../support/apps';
import { createTestDatabase, type TestDb } from '../support/db';
import { PrivateRedis } from '../support/redis-server';

describe('GET /api/health', () => {
  let db: TestDb;
  let redis: PrivateRedis;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await PrivateRedis.start();
    api = await startApi(testConfig(db, { REDIS_URL: redis.url }));
  });
  afterAll(async () => {
    await api.close();
    await redis.stop();
    await db.drop();
  });

  const health = async () => {
    const res = await fetch(`${api.url}/api/health`);
    return { status: res.status, body: (await res.json()) as { status: string; db: { status: string }; redis: { status: string }; queues: { status: string } } };
  };

  it('answers ok with db, redis and queues up', async () => {
    const h = await health();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'ok', db: { status: 'up' }, redis: { status: 'up' }, queues: { status: 'up' } });
  });

  it('turns 503 when Redis stops, without crashing, and recovers when Redis is back', async () => {
    await redis.stop();
    const down = await eventually(async () => {
      const h = await health();
      return h.status === 503 ? h : null;
    });
    expect(down.body.status).toBe('error');
    expect(down.body.redis.status).toBe('down');
    expect(down.body.db.status).toBe('up');
    await redis.start();
    const up = await eventually(async () => {
      const h = await health();
      return h.status === 200 ? h : null;
    }, 20_000);
    expect(up.body.status).toBe('ok');
  });

  it('serves the OpenAPI document', async () => {
    const res = await fetch(`${api.url}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    for (const p of ['/api/health', '/api/tickers', '/api/feeds', '/api/rules', '/api/alerts', '/api/articles', '/api/score']) expect(Object.keys(doc.paths)).toContain(p);
  });

  afterAll(async () => cleanRedis('unused'));
});
