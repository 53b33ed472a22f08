export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
export const BACKOFF_MIN_MS = 1_000;

/**
 * Delay before polling a failing feed again: exponential in the number of consecutive errors
 * with full jitter (uniform in [0, min(cap, base * 2^(n-1))], at least 1 s), capped at one hour. A server's
 * Retry-After is a floor (it is honoured even above the cap, up to one day).
 */
export function nextRetryDelayMs(errorCount: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(errorCount));
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30));
  const jittered = Math.max(BACKOFF_MIN_MS, Math.floor(random() * ceiling));
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0) {
    return Math.max(jittered, Math.min(retryAfterMs, 24 * 60 * 60_000));
  }
  return jittered;
}
