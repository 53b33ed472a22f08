import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { categoryPhrase, checkAddress, type AllowList } from './address-guard';
import { FeedError, formatBytes } from './feed-error';

/** One HTTP exchange, no redirects followed. `body` is read (and decoded) only for 2xx answers. */
export interface HopResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer | null;
}

export interface HopOptions {
  allow: AllowList;
  maxBytes: number;
  headers: Record<string, string>;
  /** Aborted on the fetch deadline or by the caller; `signal.reason` is the FeedError to report. */
  signal: AbortSignal;
  /** True when this URL came from a Location header: errors then say "redirect to ...". */
  viaRedirect: boolean;
}

export function requestOnce(url: URL, opts: HopOptions): Promise<HopResponse> {
  return new Promise<HopResponse>((resolve, reject) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      const what = opts.viaRedirect ? `redirect to a ${url.protocol} URL refused` : `unsupported URL scheme ${url.protocol}`;
      reject(new FeedError('invalid_url', `${what} (only http and https are fetched)`));
      return;
    }
    if (opts.signal.aborted) {
      reject(opts.signal.reason);
      return;
    }
    const host = url.hostname;
    const literal = host.replace(/^\[|\]$/g, '');
    if (isIP(literal)) {
      const blocked = guard(literal, host, opts);
      if (blocked) {
        reject(blocked);
        return;
      }
    }

    let settled = false;
    let guardError: FeedError | null = null;
    let req: http.ClientRequest | undefined;
    let res: IncomingMessage | undefined;
    let decoder: Transform | undefined;
    const onAbort = () => fail(opts.signal.reason);
    const cleanup = () => {
      opts.signal.removeEventListener('abort', onAbort);
      decoder?.destroy();
      res?.destroy();
      req?.destroy();
    };
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(guardError ?? toFeedError(err, url));
    };
    const succeed = (value: HopResponse) => {
      if (settled) return;
      settled = true;
      opts.signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    opts.signal.addEventListener('abort', onAbort, { once: true });

    // Resolve, check, and connect to exactly the checked addresses: no DNS-rebinding window.
    const lookup: LookupFunction = (hostname, options, callback) => {
      dnsLookup(hostname, { all: true, family: options.family, hints: options.hints }, (err, addresses) => {
        if (err) return callback(err, '', 4);
        const allowed = (addresses as LookupAddress[]).filter((a) => checkAddress(a.address, opts.allow, host).ok);
        if (allowed.length === 0) {
          guardError = guard(addresses[0]?.address ?? '', host, opts) ?? new FeedError('dns', `${host} has no address`);
          return callback(guardError, '', 4);
        }
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
        return callback(null, allowed[0].address, allowed[0].family);
      });
    };

    const client = url.protocol === 'https:' ? https : http;
    req = client.request(url, { method: 'GET', headers: opts.headers, lookup, agent: false });
    req.on('error', fail);
    req.on('response', (response) => {
      res = response;
      const status = response.statusCode ?? 0;
      const head = { status, statusText: response.statusMessage || http.STATUS_CODES[status] || '', headers: response.headers };
      if (status < 200 || status >= 300) {
        response.destroy();
        succeed({ ...head, body: null });
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        fail(tooLarge(opts.maxBytes));
        return;
      }
      readBody(response, opts.maxBytes, (d) => (decoder = d)).then(
        (body) => succeed({ ...head, body }),
        fail,
      );
    });
    req.end();
  });
}

function guard(ip: string, host: string, opts: HopOptions): FeedError | null {
  const check = checkAddress(ip, opts.allow, host);
  if (check.ok) return null;
  const message = opts.viaRedirect ? `redirect to ${categoryPhrase(check.category)} refused: ${check.reason}` : check.reason;
  return new FeedError('blocked_address', message);
}

function tooLarge(maxBytes: number): FeedError {
  return new FeedError('too_large', `response larger than ${formatBytes(maxBytes)}`);
}

/** Streams the body through the content decoder, counting decoded bytes against the cap. */
function readBody(res: IncomingMessage, maxBytes: number, onDecoder: (d: Transform) => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const encoding = String(res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (err: unknown, value?: Buffer) => {
      if (done) return;
      done = true;
      if (err) reject(err);
      else resolve(value as Buffer);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        finish(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    res.on('aborted', () => finish(new FeedError('network', 'connection closed before the response was complete')));
    res.on('error', (err) => finish(err));
    if (encoding === 'identity' || encoding === '') {
      res.on('data', onData);
      res.on('end', () => finish(null, Buffer.concat(chunks, total)));
      return;
    }
    if (!['gzip', 'x-gzip', 'br', 'deflate'].includes(encoding)) {
      finish(new FeedError('bad_encoding', `unsupported Content-Encoding "${encoding}"`));
      return;
    }
    const wire = (d: Transform): Transform => {
      onDecoder(d);
      d.on('data', onData);
      d.on('end', () => finish(null, Buffer.concat(chunks, total)));
      d.on('error', (err) => finish(new FeedError('bad_encoding', `response body could not be decoded (${encoding}): ${err.message}`)));
      return d;
    };
    // "deflate" is meant to be zlib-wrapped but some servers send raw DEFLATE: decide on the
    // first byte (a zlib header has compression method 8 in its low nibble).
    let decoder: Transform | null =
      encoding === 'br' ? wire(zlib.createBrotliDecompress()) : encoding === 'deflate' ? null : wire(zlib.createGunzip());
    let raw = 0;
    res.on('data', (chunk: Buffer) => {
      if (done) return;
      raw += chunk.length;
      if (raw > maxBytes) return finish(tooLarge(maxBytes));
      decoder ??= wire((chunk[0] & 0x0f) === 8 ? zlib.createInflate() : zlib.createInflateRaw());
      decoder.write(chunk);
    });
    res.on('end', () => {
      if (decoder) decoder.end();
      else finish(null, Buffer.alloc(0));
    });
  });
}

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/;

/** Maps socket, DNS and TLS failures to typed errors with a readable message. */
export function toFeedError(err: unknown, url: URL): FeedError {
  if (err instanceof FeedError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  const host = url.hostname;
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'ENODATA') {
    return new FeedError('dns', `host ${host} not found`, { cause: err });
  }
  if (code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'ESERVFAIL') {
    return new FeedError('dns', `DNS lookup for ${host} failed, try again later`, { cause: err });
  }
  if (TLS_CODES.test(code)) return new FeedError('tls', `TLS error with ${host}: ${e.message}`, { cause: err });
  if (code === 'ECONNREFUSED') return new FeedError('network', `connection refused by ${url.host}`, { cause: err });
  if (code === 'ECONNRESET' || code === 'EPIPE') return new FeedError('network', `connection to ${url.host} was reset`, { cause: err });
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new FeedError('network', `${url.host} is unreachable`, { cause: err });
  if (code.startsWith('HPE_')) return new FeedError('network', `${url.host} sent an invalid HTTP response`, { cause: err });
  return new FeedError('network', `network error with ${url.host}: ${e?.message ?? String(err)}`, { cause: err });
}
