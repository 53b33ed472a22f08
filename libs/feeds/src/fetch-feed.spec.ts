import { createGzip, brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { FeedError } from './feed-error';
import { fetchFeed, type FetchOptions, type FetchResult } from './fetch-feed';
import { parseFeed } from './feed-parser';
import { startFixtureServer, streamBody, type FixtureServer } from './testing/fixture-server';
import { billionLaughs, xxe } from './testing/hostile-documents';

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loopback</title>
<item><title>Nvidia shares slide</title><link>https://example.com/a?utm_source=x</link><guid>a</guid></item>
</channel></rss>`;
const MiB = 1024 * 1024;
const allow: FetchOptions = { allowHosts: ['127.0.0.1'], timeoutMs: 5000 };

let server: FixtureServer;
let sentBytes: Promise<number> | null = null;
let gzipBomb: Buffer;

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/rss+xml; charset=utf-8', ...headers });
  res.end(body);
}

/** 64 MiB of zeros, gzipped chunk by chunk (about 64 KiB compressed). */
async function makeGzipBomb(): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gz.on('data', (c: Buffer) => parts.push(c));
  const zeros = Buffer.alloc(MiB);
  for (let i = 0; i < 64; i++) gz.write(zeros);
  await new Promise<void>((resolve) => gz.end(resolve));
  return Buffer.concat(parts);
}

beforeAll(async () => {
  gzipBomb = await makeGzipBomb();
  server = await startFixtureServer((req, res, self) => {
    const path = req.url ?? '/';
    const redirect = /^\/hop\/(\d+)$/.exec(path);
    if (redirect) {
      const n = Number(redirect[1]);
      res.writeHead(302, { location: n > 1 ? `/hop/${n - 1}` : '/feed' });
      return res.end();
    }
    switch (path) {
      case '/feed':
        return send(res, 200, RSS, { etag: '"v1"', 'last-modified': 'Mon, 27 Jan 2025 12:00:00 GMT' });
      case '/conditional':
        if (req.headers['if-none-match'] === '"v1"') return send(res, 304, '', { etag: '"v1"' });
        return send(res, 200, RSS, { etag: '"v1"' });
      case '/huge':
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        sentBytes = streamBody(res, '<rss version="2.0"><channel><title>', 64 * MiB);
        return;
      case '/huge-declared':
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(64 * MiB) });
        sentBytes = streamBody(res, '<rss>', 64 * MiB);
        return;
      case '/slow': {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const timer = setInterval(() => res.write('<'), 1000);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/gzip-bomb':
        return send(res, 200, gzipBomb, { 'content-encoding': 'gzip' });
      case '/gzip':
        return send(res, 200, gzipSync(RSS), { 'content-encoding': 'gzip' });
      case '/deflate':
        return send(res, 200, deflateSync(RSS), { 'content-encoding': 'deflate' });
      case '/deflate-raw':
        return send(res, 200, deflateRawSync(RSS), { 'content-encoding': 'deflate' });
      case '/br':
        return send(res, 200, brotliCompressSync(RSS), { 'content-encoding': 'br' });
      case '/corrupt-gzip':
        return send(res, 200, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
      case '/latin1':
        return send(res, 200, Buffer.from(RSS.replace('Loopback', 'Café Bourse'), 'latin1'), {
          'content-type': 'text/xml; charset=iso-8859-1',
        });
      case '/html':
        return send(res, 200, '<!DOCTYPE html><html><head><title>Home</title></head><body>Hi</body></html>', {
          'content-type': 'text/html',
        });
      case '/truncated':
        return send(res, 200, RSS.slice(0, RSS.length - 40));
      case '/billion-laughs':
        return send(res, 200, billionLaughs());
      case '/xxe':
        return send(res, 200, xxe());
      case '/rate-limited':
        return send(res, 429, 'slow down', { 'retry-after': '120' });
      case '/unavailable':
        return send(res, 503, 'later', { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' });
      case '/error':
        return send(res, 500, 'boom');
      case '/not-found':
        return send(res, 404, 'nope');
      case '/loop-a':
        res.writeHead(301, { location: '/loop-b' });
        return res.end();
      case '/loop-b':
        res.writeHead(301, { location: `${self.origin}/loop-a` });
        return res.end();
      case '/to-metadata':
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        return res.end();
      case '/to-private':
        res.writeHead(307, { location: 'http://10.0.0.1/feed' });
        return res.end();
      case '/to-file':
        res.writeHead(302, { location: 'file:///etc/passwd' });
        return res.end();
      default:
        return send(res, 404, 'unknown fixture');
    }
  });
});

afterAll(() => server.close());

function expectError(result: FetchResult, code: string): FeedError {
  if (result.kind !== 'error') throw new Error(`expected a ${code} error, got ${result.kind}`);
  expect(result.error).toBeInstanceOf(FeedError);
  expect(result.error.code).toBe(code);
  return result.error;
}

describe('fetchFeed against loopback fixtures', () => {
  it('fetches a feed with our User-Agent and reports validators', async () => {
    const result = await fetchFeed(`${server.origin}/feed`, allow);
    expect(result).toMatchObject({ kind: 'ok', status: 200, etag: '"v1"', lastModified: 'Mon, 27 Jan 2025 12:00:00 GMT' });
    if (result.kind !== 'ok') return;
    expect(result.body).toBe(RSS);
    expect(result.bytes).toBe(Buffer.byteLength(RSS));
    const req = server.requests.at(-1)!;
    expect(req.headers['user-agent']).toBe('Seismo/0.1 (+https://github.com/seismo; feed monitor)');
    expect(req.headers['accept-encoding']).toContain('gzip');
  });

  it('round-trips the ETag: the second conditional GET is not modified', async () => {
    const first = await fetchFeed(`${server.origin}/conditional`, allow);
    expect(first.kind).toBe('ok');
    const etag = first.kind === 'ok' ? first.etag : null;
    const second = await fetchFeed(`${server.origin}/conditional`, { ...allow, etag, lastModified: 'Mon, 27 Jan 2025 12:00:00 GMT' });
    expect(second).toEqual({ kind: 'not-modified', status: 304, etag: '"v1"', lastModified: 'Mon, 27 Jan 2025 12:00:00 GMT' });
    expect(server.requests.at(-1)!.headers['if-modified-since']).toBe('Mon, 27 Jan 2025 12:00:00 GMT');
  });

  it('aborts a 64 MiB feed as soon as it passes the 15 MiB cap', async () => {
    const result = await fetchFeed(`${server.origin}/huge`, allow);
    expect(expectError(result, 'too_large').message).toBe('response larger than 15 MiB');
    expect(result.kind === 'error' && result.error.retryable).toBe(false);
    expect(await sentBytes).toBeLessThan(40 * MiB);
  });

  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    const result = await fetchFeed(`${server.origin}/huge-declared`, { ...allow, maxBytes: MiB });
    expect(expectError(result, 'too_large').message).toBe('response larger than 1 MiB');
    expect(await sentBytes).toBeLessThan(40 * MiB);
  });

  it('times out on a feed that sends one byte a second', async () => {
    const result = await fetchFeed(`${server.origin}/slow`, { ...allow, timeoutMs: 1000 });
    const error = expectError(result, 'timeout');
    expect(error.message).toBe('timed out after 1 s');
    expect(error.retryable).toBe(true);
  });

  it('fails a gzip bomb on the decoded size', async () => {
    expect(gzipBomb.length).toBeLessThan(MiB);
    const result = await fetchFeed(`${server.origin}/gzip-bomb`, allow);
    expect(expectError(result, 'too_large').message).toBe('response larger than 15 MiB');
  });

  it.each(['/gzip', '/deflate', '/deflate-raw', '/br'])('decodes %s bodies', async (path) => {
    const result = await fetchFeed(`${server.origin}${path}`, allow);
    expect(result.kind === 'ok' && result.body).toBe(RSS);
  });

  it('reports a corrupt compressed body', async () => {
    expectError(await fetchFeed(`${server.origin}/corrupt-gzip`, allow), 'bad_encoding');
  });

  it('decodes the charset named by Content-Type', async () => {
    const result = await fetchFeed(`${server.origin}/latin1`, allow);
    expect(result.kind === 'ok' && result.body).toContain('<title>Café Bourse</title>');
  });

  it('reports 429 with Retry-After as rate limited', async () => {
    const result = await fetchFeed(`${server.origin}/rate-limited`, allow);
    const error = expectError(result, 'rate_limited');
    expect(error.message).toBe('rate limited (HTTP 429), retry after 120 s');
    expect(error.retryable).toBe(true);
    expect(result).toMatchObject({ status: 429, retryAfterMs: 120_000 });
  });

  it('honours an HTTP-date Retry-After on 503', async () => {
    const result = await fetchFeed(`${server.origin}/unavailable`, allow);
    expect(expectError(result, 'http_status').retryable).toBe(true);
    expect(result.kind === 'error' && result.retryAfterMs).toBeGreaterThan(365 * 24 * 3600 * 1000);
  });

  it('reports server errors as retryable and 404 as permanent', async () => {
    const failed = await fetchFeed(`${server.origin}/error`, allow);
    expect(expectError(failed, 'http_status')).toMatchObject({ message: 'HTTP 500 Internal Server Error', retryable: true });
    const missing = await fetchFeed(`${server.origin}/not-found`, allow);
    expect(expectError(missing, 'http_status')).toMatchObject({ message: 'HTTP 404 Not Found', retryable: false });
  });

  it('follows 5 redirects and refuses the 6th', async () => {
    const five = await fetchFeed(`${server.origin}/hop/5`, allow);
    expect(five).toMatchObject({ kind: 'ok', url: `${server.origin}/feed` });
    const six = await fetchFeed(`${server.origin}/hop/6`, allow);
    expect(expectError(six, 'too_many_redirects').message).toBe('too many redirects (more than 5)');
  });

  it('stops a redirect loop', async () => {
    expectError(await fetchFeed(`${server.origin}/loop-a`, allow), 'too_many_redirects');
  });

  it('refuses a redirect to the cloud metadata address even when allow-listed', async () => {
    const result = await fetchFeed(`${server.origin}/to-metadata`, { ...allow, allowHosts: ['127.0.0.1', '169.254.0.0/16'] });
    const error = expectError(result, 'blocked_address');
    expect(error.message).toMatch(/^redirect to a link-local address refused/);
    expect(error.message).toContain('169.254.169.254');
  });

  it('refuses a redirect to a private address', async () => {
    const error = expectError(await fetchFeed(`${server.origin}/to-private`, allow), 'blocked_address');
    expect(error.message).toBe('redirect to a private address refused: address 10.0.0.1 is private and not in SEISMO_FEED_ALLOW_HOSTS');
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const error = expectError(await fetchFeed(`${server.origin}/to-file`, allow), 'invalid_url');
    expect(error.message).toContain('file:');
  });

  it('hands an HTML page to the parser, which says it is not a feed', async () => {
    const result = await fetchFeed(`${server.origin}/html`, allow);
    if (result.kind !== 'ok') throw new Error(result.kind);
    await expect(parseFeed(result.body, { contentType: result.contentType })).rejects.toMatchObject({ code: 'not_a_feed' });
  });

  it('reports a truncated document as malformed', async () => {
    const result = await fetchFeed(`${server.origin}/truncated`, allow);
    if (result.kind !== 'ok') throw new Error(result.kind);
    await expect(parseFeed(result.body)).rejects.toMatchObject({ code: 'malformed', message: expect.stringMatching(/^XML document is malformed: /) });
  });

  it('refuses a billion-laughs document quickly and without expanding it', async () => {
    const result = await fetchFeed(`${server.origin}/billion-laughs`, allow);
    if (result.kind !== 'ok') throw new Error(result.kind);
    await expect(parseFeed(result.body)).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('refers to other entities') });
  });

  it('never resolves an external entity (XXE)', async () => {
    const result = await fetchFeed(`${server.origin}/xxe`, allow);
    if (result.kind !== 'ok') throw new Error(result.kind);
    const error = await parseFeed(result.body).then(
      (feed) => new Error(`parsed: ${JSON.stringify(feed)}`),
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ code: 'malformed', message: expect.stringContaining('external entity "xxe"') });
    expect(error.message).not.toContain('root:');
  });

  it('honours the caller’s abort signal', async () => {
    const controller = new AbortController();
    const pending = fetchFeed(`${server.origin}/slow`, { ...allow, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expectError(await pending, 'aborted');
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = await startFixtureServer(() => undefined);
    await closed.close();
    const error = expectError(await fetchFeed(`${closed.origin}/feed`, allow), 'network');
    expect(error.retryable).toBe(true);
  });
});
