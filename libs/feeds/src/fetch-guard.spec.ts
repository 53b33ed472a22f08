import { parseAllowList } from './address-guard';
import { FeedError } from './feed-error';
import { fetchFeed, type FetchResult } from './fetch-feed';
import { startFixtureServer, type FixtureServer } from './testing/fixture-server';

// The address guard as fetchFeed applies it: each refused fetch must never reach the server.
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end('<rss version="2.0"><channel><title>t</title></channel></rss>');
  });
});
afterAll(() => server.close());

function blocked(result: FetchResult): FeedError {
  if (result.kind !== 'error') throw new Error(`expected a refusal, got ${result.kind}`);
  expect(result.error.code).toBe('blocked_address');
  expect(result.error.retryable).toBe(false);
  return result.error;
}

describe('fetchFeed address guard', () => {
  it('refuses a private address without an allow-list', async () => {
    const error = blocked(await fetchFeed('http://10.0.0.1/feed', { timeoutMs: 2000 }));
    expect(error.message).toBe('address 10.0.0.1 is private and not in SEISMO_FEED_ALLOW_HOSTS');
  });

  it('refuses loopback without an allow-list, and fetches it with one', async () => {
    const before = server.requests.length;
    const error = blocked(await fetchFeed(`${server.origin}/feed`, { timeoutMs: 2000 }));
    expect(error.message).toBe('address 127.0.0.1 is loopback and not in SEISMO_FEED_ALLOW_HOSTS');
    expect(server.requests.length).toBe(before);
    const allowed = await fetchFeed(`${server.origin}/feed`, { timeoutMs: 2000, allowHosts: ['127.0.0.0/8'] });
    expect(allowed.kind).toBe('ok');
    expect(server.requests.length).toBe(before + 1);
  });

  it('refuses a host name that resolves to loopback (localhost), after DNS', async () => {
    const before = server.requests.length;
    const error = blocked(await fetchFeed(`http://localhost:${server.port}/feed`, { timeoutMs: 2000 }));
    expect(error.message).toMatch(/^address (127\.0\.0\.1|::1) is loopback and not in SEISMO_FEED_ALLOW_HOSTS$/);
    expect(server.requests.length).toBe(before);
  });

  it('lets an allow-listed host name through', async () => {
    const result = await fetchFeed(`http://localhost:${server.port}/feed`, { timeoutMs: 2000, allowHosts: ['localhost'] });
    // localhost may resolve to ::1 first; the server listens on 127.0.0.1 only and the
    // connection falls back to it.
    expect(result.kind).toBe('ok');
  });

  it('refuses the IPv4-mapped IPv6 literal of loopback', async () => {
    const error = blocked(await fetchFeed(`http://[::ffff:127.0.0.1]:${server.port}/`, { timeoutMs: 2000 }));
    expect(error.message).toBe('address ::ffff:7f00:1 embeds IPv4 127.0.0.1, which is loopback and not in SEISMO_FEED_ALLOW_HOSTS');
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[::1]/', 'loopback'],
    ['http://[fd00::1]/', 'private'],
    ['http://100.64.0.1/', 'shared (CGNAT)'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[2002:7f00:1::]/', 'loopback'],
    ['http://[64:ff9b::a00:1]/', 'private'],
    ['http://0x7f.1/', 'loopback'],
  ])('refuses %s (%s)', async (url, word) => {
    const error = blocked(await fetchFeed(url, { timeoutMs: 2000 }));
    expect(error.message).toContain(word);
  });

  it('refuses link-local even when it is allow-listed', async () => {
    const error = blocked(await fetchFeed('http://169.254.169.254/', { allowHosts: ['169.254.169.254', '0.0.0.0/0'] }));
    expect(error.message).toBe('address 169.254.169.254 is link-local (cloud metadata) and always refused');
  });

  it('refuses schemes other than http and https', async () => {
    const result = await fetchFeed('ftp://example.com/feed.xml');
    expect(result.kind === 'error' && result.error.code).toBe('invalid_url');
    const bad = await fetchFeed('not a url');
    expect(bad.kind === 'error' && bad.error.message).toBe('"not a url" is not a valid URL');
  });
});

describe('fetchFeed allow-list option', () => {
  it('accepts a list parsed once with parseAllowList', async () => {
    const result = await fetchFeed(`${server.origin}/feed`, { timeoutMs: 2000, allowHosts: parseAllowList('127.0.0.1') });
    expect(result.kind).toBe('ok');
  });

  it('reports an unreadable allow-list entry instead of fetching', async () => {
    const result = await fetchFeed(`${server.origin}/feed`, { allowHosts: ['127.0.0.1/99'] });
    expect(result.kind === 'error' && result.error.message).toContain('"127.0.0.1/99" is not a valid CIDR range');
  });
});
