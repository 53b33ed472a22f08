import { BACKLOG_WAIT_MS, shouldGather } from './signals.processor';

describe('shouldGather (look for waiting signals jobs only in a backlog)', () => {
  const now = 1_800_000_000_000;
  it('does not look when the job started as soon as it was added', () => {
    expect(shouldGather({ timestamp: now - 2, processedOn: now, attemptsMade: 0 }, false, now)).toBe(false);
  });
  it('looks when the job waited behind others', () => {
    expect(shouldGather({ timestamp: now - BACKLOG_WAIT_MS, processedOn: now, attemptsMade: 0 }, false, now)).toBe(true);
    expect(shouldGather({ timestamp: now - 5_000, processedOn: now, attemptsMade: 0 }, false, now)).toBe(true);
  });
  it('looks when the previous evaluation found jobs waiting, or the job is a retry', () => {
    expect(shouldGather({ timestamp: now - 1, processedOn: now, attemptsMade: 0 }, true, now)).toBe(true);
    expect(shouldGather({ timestamp: now - 1, processedOn: now, attemptsMade: 1 }, false, now)).toBe(true);
  });
  it('looks when it cannot tell how long the job waited', () => {
    expect(shouldGather({ timestamp: Number.NaN, processedOn: now, attemptsMade: 0 }, false, now)).toBe(true);
    expect(shouldGather({ timestamp: now - 50, processedOn: undefined, attemptsMade: 0 }, false, now)).toBe(true);
  });
});
