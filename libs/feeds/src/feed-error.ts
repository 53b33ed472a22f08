/** Stable error codes: stored with a feed's last error and safe to switch on. */
export type FeedErrorCode =
  | 'invalid_url'
  | 'blocked_address'
  | 'dns'
  | 'tls'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'too_large'
  | 'too_many_redirects'
  | 'http_status'
  | 'rate_limited'
  | 'bad_encoding'
  | 'not_a_feed'
  | 'malformed';

/** Whether polling again later can succeed without anyone changing the feed's URL or content. */
const RETRYABLE: Record<FeedErrorCode, boolean> = {
  invalid_url: false,
  blocked_address: false,
  dns: true,
  tls: false,
  network: true,
  timeout: true,
  aborted: true,
  too_large: false,
  too_many_redirects: false,
  http_status: false,
  rate_limited: true,
  bad_encoding: false,
  not_a_feed: false,
  malformed: false,
};

/** A feed failure with a message a user understands and a stable `code`. */
export class FeedError extends Error {
  readonly code: FeedErrorCode;
  readonly retryable: boolean;

  constructor(code: FeedErrorCode, message: string, opts: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'FeedError';
    this.code = code;
    this.retryable = opts.retryable ?? RETRYABLE[code];
  }
}

export function isFeedError(err: unknown): err is FeedError {
  return err instanceof FeedError;
}

/** "15 MiB", "512 KiB", "300 bytes". */
export function formatBytes(n: number): string {
  const mib = 1024 * 1024;
  if (n >= mib) return `${Math.round((n / mib) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}

/** "20 s", "1.5 s", "0.25 s". */
export function formatSeconds(ms: number): string {
  return `${Math.round(ms / 10) / 100} s`;
}
