import { cleanRedis, startApi, testConfig, type RunningApi } from '../support/apps';
import { createTestDatabase, type TestDb } from '../support/db';

const KEY = 'test-admin-key-0123456789';

describe('REST: watchlist, feeds, rules, validation and auth', () => {
  let db: TestDb;
  let api: RunningApi;
  let prefix: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db, { SEISMO_API_KEY: KEY });
    prefix = config.queuePrefix;
    api = await startApi(config);
  });
  afterAll(async () => {
    await api.close();
    await cleanRedis(prefix);
    await db.drop();
  });

  const call = async (method: string, path: string, body?: unknown, key: string | null = KEY) => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  it('adds, lists and deletes a ticker', async () => {
    const created = await call('POST', '/api/tickers', { symbol: 'nvda', name: 'NVIDIA Corporation', aliases: ['Nvidia'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ symbol: 'NVDA', name: 'NVIDIA Corporation', aliases: ['Nvidia'] });
    const list = await call('GET', '/api/tickers', undefined, null);
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { symbol: string }) => t.symbol)).toContain('NVDA');
    expect(list.body.next).toBeNull();
    expect((await call('DELETE', '/api/tickers/NVDA')).status).toBe(200);
    expect((await call('DELETE', '/api/tickers/NVDA')).status).toBe(404);
  });

  it('links a keyword to tickers', async () => {
    const k = await call('POST', '/api/keywords', { term: 'DeepSeek', aliases: ['DeepSeek-R1'], symbols: ['nvda', 'AVGO'] });
    expect(k.status).toBe(201);
    expect(k.body).toMatchObject({ term: 'DeepSeek', symbols: ['NVDA', 'AVGO'] });
    expect((await call('DELETE', `/api/keywords/${k.body.id}`)).status).toBe(200);
  });

  it('pages with a cursor', async () => {
    for (const s of ['AAA', 'BBB', 'CCC']) await call('POST', '/api/tickers', { symbol: s });
    const p1 = await call('GET', '/api/tickers?limit=2');
    expect(p1.body.items).toHaveLength(2);
    expect(p1.body.next).toEqual(expect.any(String));
    const p2 = await call('GET', `/api/tickers?limit=2&cursor=${p1.body.next}`);
    expect(p2.body.items.map((t: { symbol: string }) => t.symbol)).toEqual(['CCC']);
    expect(p2.body.next).toBeNull();
  });

  it.each([
    ['POST', '/api/tickers', { symbol: 'not a symbol!' }, 'symbol'],
    ['POST', '/api/tickers', { symbol: 'OK', extra: 1 }, 'extra'],
    ['POST', '/api/feeds', { url: 'ftp://example.com/feed' }, 'url'],
    ['POST', '/api/feeds', { url: 'https://example.com/feed', pollSeconds: 5 }, 'pollSeconds'],
    ['POST', '/api/rules', { type: 'moon_phase' }, 'type'],
    ['POST', '/api/rules', { type: 'price_move', params: { warnPct: 'lots' } }, 'params.warnPct'],
    ['GET', '/api/tickers?limit=0', undefined, 'limit'],
    ['GET', '/api/alerts?after=abc', undefined, 'after'],
    ['GET', '/api/articles?from=yesterday', undefined, 'from'],
    ['GET', '/api/feeds/abc', undefined, 'id'],
    // Postgres text cannot hold U+0000: refused before any query (these were 500s).
    ['GET', '/api/alerts?keyword=%E2%80%AE%00', undefined, 'keyword'],
    ['GET', '/api/articles?keyword=deep%00seek', undefined, 'keyword'],
    ['POST', '/api/keywords', { term: 'Deep\u0000Seek', symbols: ['NVDA'] }, 'term'],
    ['POST', '/api/tickers', { symbol: 'OK', name: 'Ok', aliases: ['fine', 'bad\u0000'] }, 'aliases.1'],
    // Optional means "may be left out", not null: a null reached Prisma for a column that cannot hold it (a 500).
    ['PATCH', '/api/feeds/999999', { pollSeconds: null }, 'pollSeconds'],
    ['PATCH', '/api/feeds/999999', { url: null }, 'url'],
    ['PATCH', '/api/feeds/999999', { enabled: null }, 'enabled'],
    ['PATCH', '/api/rules/999999', { params: null }, 'params'],
    ['PATCH', '/api/rules/999999', { cooldownSeconds: null }, 'cooldownSeconds'],
    ['PATCH', '/api/webhooks/999999', { minSeverity: null }, 'minSeverity'],
    ['POST', '/api/webhooks', { url: 'https://hooks.example.com/x', secret: null }, 'secret'],
    ['POST', '/api/keywords', { term: 'chips', symbols: null }, 'symbols'],
  ])('%s %s answers 400 naming the field', async (method, path, body, field) => {
    const r = await call(method, path, body);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain(field);
  });

  it('answers 400 for a body that is not JSON, and 404 for unknown ids', async () => {
    const bad = await call('POST', '/api/tickers', '{"symbol":');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/JSON/);
    expect((await call('PATCH', '/api/feeds/999999', { pollSeconds: 60 })).status).toBe(404);
  });

  it('refuses mutating calls without the admin key, and read-only keys', async () => {
    expect((await call('POST', '/api/tickers', { symbol: 'XYZ' }, null)).status).toBe(401);
    expect((await call('POST', '/api/tickers', { symbol: 'XYZ' }, 'wrong-key-wrong-key')).status).toBe(401);
    const readKey = await call('POST', '/api/keys', { name: 'dashboard', scope: 'read' });
    expect(readKey.status).toBe(201);
    expect(readKey.body.key).toMatch(/^sk_read_/);
    expect((await call('POST', '/api/tickers', { symbol: 'XYZ' }, readKey.body.key)).status).toBe(403);
    const stored = await db.query<{ hash: string }>('SELECT hash FROM api_keys');
    expect(stored.every((r) => r.hash.length === 64 && !r.hash.includes(readKey.body.key))).toBe(true);
    // Rotation: an admin key created, used, then revoked.
    const admin = await call('POST', '/api/keys', { name: 'ops', scope: 'admin' });
    expect((await call('POST', '/api/tickers', { symbol: 'XYZ' }, admin.body.key)).status).toBe(201);
    expect((await call('DELETE', `/api/keys/${admin.body.id}`)).status).toBe(200);
    expect((await call('POST', '/api/tickers', { symbol: 'XYZ2' }, admin.body.key)).status).toBe(401);
  });

  it('sends helmet headers', async () => {
    const res = await fetch(`${api.url}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
