import { DEFAULT_REPLAY_SPEED, REPLAY_FROM, REPLAY_TO, ReplayClock, speedFor } from './replay-clock';

function manualWall(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const from = new Date('2025-01-27T14:30:00Z');
const to = new Date('2025-01-27T21:00:00Z');

describe('ReplayClock', () => {
  it('starts at `from` and runs `speed` event-seconds per wall-second', () => {
    const wall = manualWall();
    const clock = new ReplayClock({ from, to, speed: 60, now: wall.now });
    expect(clock.eventNow().toISOString()).toBe('2025-01-27T14:30:00.000Z');
    wall.advance(1000);
    expect(clock.eventNow().toISOString()).toBe('2025-01-27T14:31:00.000Z');
    wall.advance(30_500);
    expect(clock.eventNow().toISOString()).toBe('2025-01-27T15:01:30.000Z');
  });

  it('stops at `to` and reports done only there', () => {
    const wall = manualWall();
    const clock = new ReplayClock({ from, to, speed: 3600, now: wall.now });
    expect(clock.done()).toBe(false);
    wall.advance(6.5 * 1000 - 1);
    expect(clock.done()).toBe(false);
    wall.advance(1);
    expect(clock.done()).toBe(true);
    wall.advance(60_000);
    expect(clock.eventNow().getTime()).toBe(to.getTime());
  });

  it('tells how long to wait in wall time for an event time', () => {
    const wall = manualWall();
    const clock = new ReplayClock({ from, to, speed: 600, now: wall.now });
    // 10 event-minutes ahead at 600x is one wall-second.
    expect(clock.wallDelayUntil(new Date('2025-01-27T14:40:00Z'))).toBe(1000);
    wall.advance(400);
    expect(clock.wallDelayUntil(new Date('2025-01-27T14:40:00Z'))).toBe(600);
    expect(clock.wallDelayUntil(new Date('2025-01-27T14:00:00Z'))).toBe(0);
    // Past the end, the wait is until the end.
    expect(clock.wallDelayUntil(new Date('2025-02-05T00:00:00Z'))).toBe(clock.wallDurationMs() - 400);
  });

  it('never goes backwards if the wall clock does', () => {
    const wall = manualWall();
    const clock = new ReplayClock({ from, to, speed: 60, now: wall.now });
    wall.advance(-5000);
    expect(clock.eventNow().getTime()).toBe(from.getTime());
  });

  it('plays the 20–31 January window in about three minutes by default', () => {
    expect(REPLAY_FROM.toISOString()).toBe('2025-01-20T00:00:00.000Z');
    expect(REPLAY_TO.toISOString()).toBe('2025-02-01T00:00:00.000Z');
    expect(DEFAULT_REPLAY_SPEED).toBe(5760);
    const wall = manualWall();
    const clock = new ReplayClock({ from: REPLAY_FROM, to: REPLAY_TO, now: wall.now });
    expect(clock.speed).toBe(DEFAULT_REPLAY_SPEED);
    expect(clock.wallDurationMs()).toBe(180_000);
    // Monday's open arrives a little over 1 min 50 s into the replay.
    const mondayOpen = clock.wallDelayUntil(new Date('2025-01-27T14:30:00Z'));
    expect(mondayOpen).toBeGreaterThan(110_000);
    expect(mondayOpen).toBeLessThan(115_000);
  });

  it('computes speeds for other windows and rejects bad options', () => {
    expect(speedFor(from, to, 39)).toBe(600);
    expect(() => speedFor(from, to, 0)).toThrow(RangeError);
    expect(() => new ReplayClock({ from: to, to: from, speed: 1 })).toThrow(RangeError);
    expect(() => new ReplayClock({ from, to, speed: 0 })).toThrow(RangeError);
    expect(() => new ReplayClock({ from, to, speed: Number.NaN })).toThrow(RangeError);
    expect(() => new ReplayClock({ from: new Date('nope'), to, speed: 1 })).toThrow(RangeError);
  });
});
