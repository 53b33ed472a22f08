import type { IncomingHttpHeaders } from 'node:http';
import { EMPTY_ALLOW_LIST, parseAllowList, type AllowList } from './address-guard';
import { decodeBody } from './charset';
import { FeedError, formatSeconds } from './feed-error';
import { requestOnce } from './http-request';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 15 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_USER_AGENT = 'Seismo/0.1 (+https://github.com/seismo; feed monitor)';
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface FetchOptions {
  /** Validators from the previous successful fetch, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
  /** Deadline for the whole fetch (connect, redirects, body). Default 20 s. */
  timeoutMs?: number;
  /** Cap on the decoded body, enforced while streaming. Default 15 MiB. */
  maxBytes?: number;
  maxRedirects?: number;
  /**
   * Hosts or CIDRs allowed although loopback or private (`SEISMO_FEED_ALLOW_HOSTS`), as
   * entries or already parsed with `parseAllowList` (parse once at boot to fail fast).
   */
  allowHosts?: string[] | AllowList;
  userAgent?: string;
  signal?: AbortSignal;
}

export type FetchResult =
  | {
      kind: 'ok';
      status: number;
      /** The final URL, after redirects. */
      url: string;
      body: string;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      /** Decoded body size in bytes. */
      bytes: number;
    }
  | { kind: 'not-modified'; status: 304; etag: string | null; lastModified: string | null }
  | { kind: 'error'; error: FeedError; status?: number; retryAfterMs?: number };

/**
 * Fetches a feed document. Never throws: every failure is a typed `{kind: 'error'}` result.
 * The address guard runs on the first URL and on every redirect, after DNS resolution.
 */
export async function fetchFeed(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new FeedError('timeout', `timed out after ${formatSeconds(timeoutMs)}`)),
    timeoutMs,
  );
  const onCallerAbort = () => controller.abort(new FeedError('aborted', 'fetch cancelled'));
  if (opts.signal?.aborted) onCallerAbort();
  opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const allow = toAllowList(opts.allowHosts);
    const headers: Record<string, string> = {
      'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
      accept: ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;

    let current = parseUrl(url);
    for (let redirects = 0; ; redirects++) {
      const res = await requestOnce(current, {
        allow,
        maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
        headers,
        signal: controller.signal,
        viaRedirect: redirects > 0,
      });
      const location = header(res.headers, 'location');
      if (REDIRECTS.has(res.status) && location) {
        if (redirects >= maxRedirects) {
          return failure(new FeedError('too_many_redirects', `too many redirects (more than ${maxRedirects})`), res.status);
        }
        current = parseUrl(location, current);
        continue;
      }
      const etag = header(res.headers, 'etag');
      const lastModified = header(res.headers, 'last-modified');
      if (res.status === 304) {
        return { kind: 'not-modified', status: 304, etag: etag ?? opts.etag ?? null, lastModified: lastModified ?? opts.lastModified ?? null };
      }
      if (res.status < 200 || res.status >= 300 || !res.body) return statusFailure(res.status, res.statusText, res.headers);
      const contentType = header(res.headers, 'content-type');
      return {
        kind: 'ok',
        status: res.status,
        url: current.toString(),
        body: decodeBody(res.body, contentType),
        contentType,
        etag,
        lastModified,
        bytes: res.body.length,
      };
    }
  } catch (err) {
    if (err instanceof FeedError) return failure(err);
    return failure(new FeedError('network', err instanceof Error ? err.message : String(err), { cause: err }));
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function toAllowList(spec: string[] | AllowList | undefined): AllowList {
  if (!spec) return EMPTY_ALLOW_LIST;
  if (!Array.isArray(spec)) return spec;
  try {
    return spec.length ? parseAllowList(spec) : EMPTY_ALLOW_LIST;
  } catch (err) {
    throw new FeedError('blocked_address', (err as Error).message);
  }
}

function parseUrl(raw: string, base?: URL): URL {
  try {
    return new URL(raw, base);
  } catch {
    const what = base ? `redirect to an invalid URL "${raw}"` : `"${raw}" is not a valid URL`;
    throw new FeedError('invalid_url', what);
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | null {
  const v = headers[name];
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}

function failure(error: FeedError, status?: number, retryAfterMs?: number): FetchResult {
  const result: FetchResult = { kind: 'error', error };
  if (status !== undefined) result.status = status;
  if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
  return result;
}

function statusFailure(status: number, statusText: string, headers: IncomingHttpHeaders): FetchResult {
  const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'));
  const after = retryAfterMs === undefined ? '' : `, retry after ${formatSeconds(retryAfterMs)}`;
  if (status === 429) {
    return failure(new FeedError('rate_limited', `rate limited (HTTP 429)${after}`), status, retryAfterMs);
  }
  if (REDIRECTS.has(status)) {
    return failure(new FeedError('http_status', `HTTP ${status} ${statusText} without a Location header`), status);
  }
  const retryable = status >= 500 || status === 408 || status === 425 || retryAfterMs !== undefined;
  const text = `HTTP ${status}${statusText ? ` ${statusText}` : ''}${after}`;
  return failure(new FeedError('http_status', text, { retryable }), status, retryAfterMs);
}

/** `Retry-After` as delay-seconds or an HTTP date, in ms from now (never negative). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
