import fc from 'fast-check';
import { createTestDatabase, testPrefix, type TestDb } from '../support/db';
import { ensureBuilt, http, removePrefix, spawnApi, type ApiChild } from '../support/processes';

/**
 * Hostile HTTP input against the real api process: thousands of malformed bodies, path
 * parameters and query strings on every route never produce a 5xx, and every 4xx says what is
 * wrong. Then the body size limit, the rate limit, helmet headers and CORS from configuration.
 */
const KEY = 'reliability-admin-key-0123456789';
const ORIGIN = 'https://desk.example.test';

type Route = { method: string; path: (p: string) => string; body: boolean; query: boolean };
const ROUTES: Route[] = [
  ...['tickers', 'keywords', 'feeds', 'rules', 'snoozes', 'webhooks', 'keys'].flatMap((r) => [
    { method: 'GET', path: () => `/api/${r}`, body: false, query: true },
    { method: 'POST', path: () => `/api/${r}`, body: true, query: false },
    { method: 'DELETE', path: (p: string) => `/api/${r}/${p}`, body: false, query: false },
  ]),
  ...['feeds', 'rules', 'webhooks'].map((r) => ({ method: 'PATCH', path: (p: string) => `/api/${r}/${p}`, body: true, query: false })),
  { method: 'GET', path: (p) => `/api/feeds/${p}`, body: false, query: false },
  { method: 'GET', path: (p) => `/api/webhooks/${p}/deliveries`, body: false, query: true },
  { method: 'GET', path: () => '/api/alerts', body: false, query: true },
  { method: 'GET', path: (p) => `/api/alerts/${p}`, body: false, query: false },
  { method: 'GET', path: () => '/api/articles', body: false, query: true },
  { method: 'GET', path: (p) => `/api/sentiment/${p}`, body: false, query: true },
  { method: 'GET', path: (p) => `/api/prices/${p}`, body: false, query: true },
  { method: 'POST', path: () => '/api/score', body: true, query: false },
  { method: 'GET', path: (p) => `/api/websub/${p}`, body: false, query: true },
  { method: 'POST', path: (p) => `/api/websub/${p}`, body: true, query: false },
];

const FIELDS = ['symbol', 'name', 'aliases', 'term', 'symbols', 'url', 'pollSeconds', 'enabled', 'type', 'params', 'cooldownSeconds', 'keyword', 'text', 'targets', 'scope', 'until', 'types', 'secret', '__proto__', 'constructor'];
const QUERY_KEYS = ['limit', 'cursor', 'symbol', 'keyword', 'type', 'after', 'from', 'to', 'bucket', 'interval', 'hub.mode', 'hub.challenge', 'hub.topic', 'hub.lease_seconds'];

const weird = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '-1', '0', '1e309', 'NaN', 'null', 'true', '[]', '{}', '%00', '%', '../../etc/passwd', '9'.repeat(40), "' OR 1=1 --", '2025-13-45', '\u202e\u0000'),
  fc.integer().map(String),
  fc.double().map(String),
);
const jsonValue = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 300 }),
  fc.array(fc.string({ maxLength: 20 }), { maxLength: 300 }),
  fc.constantFrom(-1, 0, 1e308, Number.MAX_SAFE_INTEGER + 2, true, null, 'NVDA', 'https://example.com/x.xml', 'http://169.254.169.254/latest'),
);
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), jsonValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }), // usually not JSON at all
  fc.constantFrom('{', '{"symbol":', '[', '"\\ud800"', '{"a":1}{"b":2}', 'null', '1', '{"__proto__":{"admin":true}}', '\u0000'),
);
const query = fc.dictionary(fc.constantFrom(...QUERY_KEYS), weird, { maxKeys: 4 }).map((q) => new URLSearchParams(q).toString());
const param = fc.oneof(weird.map(encodeURIComponent), fc.integer({ min: -5, max: 3_000_000_000 }).map(String));

describe('hostile REST input', () => {
  let db: TestDb;
  let api: ApiChild;
  let limited: ApiChild;
  const prefix = testPrefix();
  const limitedPrefix = testPrefix();

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    [api, limited] = await Promise.all([
      spawnApi({ databaseUrl: db.url, prefix, env: { SEISMO_API_KEY: KEY, SEISMO_RATE_LIMIT_PER_MINUTE: '1000000', SEISMO_CORS_ORIGINS: ORIGIN } }),
      // Its own prefix: the rate limit is counted in Redis per prefix and client, shared by replicas.
      spawnApi({ databaseUrl: db.url, prefix: limitedPrefix, env: { SEISMO_RATE_LIMIT_PER_MINUTE: '5' } }, 'api-rate-limited'),
    ]);
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await limited?.stop();
    await removePrefix(prefix);
    await removePrefix(limitedPrefix);
    await db.drop();
  }, 30_000);

  it('answers thousands of malformed requests on every route without a 5xx, each 4xx naming the problem', async () => {
    const failures: string[] = [];
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), param, query, body, fc.boolean(), async (route, p, q, b, asAdmin) => {
        const url = `${api.url}${route.path(p)}${route.query && q ? `?${q}` : ''}`;
        const res = await fetch(url, {
          method: route.method,
          headers: { ...(route.body ? { 'content-type': 'application/json' } : {}), ...(asAdmin ? { authorization: `Bearer ${KEY}` } : {}) },
          body: route.body ? b : undefined,
        });
        sent++;
        const text = await res.text();
        if (res.status >= 500) failures.push(`${route.method} ${url} ${route.body ? b.slice(0, 200) : ''} → ${res.status} ${text.slice(0, 200)}`);
        if (res.status >= 400 && res.status < 500) {
          let message: unknown;
          try {
            message = JSON.parse(text).message;
          } catch {
            message = undefined;
          }
          const ok = (typeof message === 'string' && message.trim().length > 0) || (Array.isArray(message) && message.length > 0 && message.every((m) => typeof m === 'string' && m.length));
          if (!ok) failures.push(`${route.method} ${url} → ${res.status} without a message: ${text.slice(0, 200)}`);
        }
        return failures.length === 0;
      }),
      { numRuns: 2_500, endOnFailure: true },
    ).catch((e) => {
      // A failed property already listed its request; anything else (a dropped connection) is a failure too.
      if (!failures.length) throw e;
    });
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(2_500);
    // It is still serving.
    expect((await http('GET', `${api.url}/api/health`)).status).toBe(200);
  }, 120_000);

  it('answers 413 to a body over 100 kB, naming the problem', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(101 * 1024) });
    const r = await http('POST', `${api.url}/api/score`, big, { authorization: `Bearer ${KEY}` });
    expect(r.status).toBe(413);
    expect(r.body.message).toMatch(/too large/);
  });

  it('answers 429 once SEISMO_RATE_LIMIT_PER_MINUTE is used up, with a message', async () => {
    // The budget is per wall-clock minute: do not start right at a minute's edge.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 57_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof http>> | null = null;
    for (let i = 0; i < 8; i++) {
      last = await http('GET', `${limited.url}/api/tickers`);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(String(last!.body.message)).toMatch(/rate limit of 5 requests per minute exceeded/);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Health stays answerable for probes.
    expect((await http('GET', `${limited.url}/api/health`)).status).toBe(200);
  });

  it('sends helmet headers', async () => {
    const r = await http('GET', `${api.url}/api/tickers`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('allows CORS only from SEISMO_CORS_ORIGINS', async () => {
    const pre = (origin: string) =>
      fetch(`${api.url}/api/tickers`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    const good = await pre(ORIGIN);
    expect(good.status).toBeLessThan(300);
    expect(good.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const evil = await pre('https://evil.example.test');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${api.url}/api/tickers`, { headers: { origin: 'https://evil.example.test' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    // Without SEISMO_CORS_ORIGINS no origin is allowed.
    const none = await fetch(`${limited.url}/api/health`, { headers: { origin: ORIGIN } });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });
});
