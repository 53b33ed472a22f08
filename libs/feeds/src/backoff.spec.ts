import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, nextRetryDelayMs } from './backoff';

describe('nextRetryDelayMs', () => {
  it('grows exponentially: the jitter ceiling doubles with each error', () => {
    const top = () => 0.999999;
    expect(nextRetryDelayMs(1, undefined, top)).toBe(Math.floor(0.999999 * BACKOFF_BASE_MS));
    expect(nextRetryDelayMs(2, undefined, top)).toBe(Math.floor(0.999999 * BACKOFF_BASE_MS * 2));
    expect(nextRetryDelayMs(4, undefined, top)).toBe(Math.floor(0.999999 * BACKOFF_BASE_MS * 8));
  });

  it('is capped at one hour however many errors', () => {
    for (const n of [7, 20, 1000]) expect(nextRetryDelayMs(n, undefined, () => 0.999999)).toBeLessThan(BACKOFF_MAX_MS);
  });

  it('uses full jitter within [1 s, ceiling]', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const d = nextRetryDelayMs(3);
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(4 * BACKOFF_BASE_MS);
      seen.add(d);
    }
    expect(seen.size).toBeGreaterThan(100);
  });

  it('never retries before Retry-After', () => {
    expect(nextRetryDelayMs(1, 120_000, () => 0)).toBe(120_000);
    expect(nextRetryDelayMs(1, 3 * BACKOFF_MAX_MS, () => 0)).toBe(3 * BACKOFF_MAX_MS);
    expect(nextRetryDelayMs(10, 1000, () => 0.5)).toBe(Math.floor(0.5 * BACKOFF_MAX_MS));
  });
});
