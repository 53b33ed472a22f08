/**
 * Compressed event clock for the replay: event time starts at `from` when the clock is made and
 * runs `speed` event-seconds per wall-second until it stops at `to`. Pure: wall time comes from
 * the injected `now()` (default `Date.now`), so tests drive it by hand.
 */

/** The replayed window: 20 Jan 2025 00:00 UTC (R1 release day) to the end of 31 Jan 2025. */
export const REPLAY_FROM = new Date('2025-01-20T00:00:00Z');
export const REPLAY_TO = new Date('2025-02-01T00:00:00Z');
/** Wall-clock length of the default replay. */
export const DEFAULT_REPLAY_WALL_SECONDS = 180;

/** Speed (event-seconds per wall-second) that plays `from`..`to` in `wallSeconds`. */
export function speedFor(from: Date, to: Date, wallSeconds = DEFAULT_REPLAY_WALL_SECONDS): number {
  if (!(wallSeconds > 0)) throw new RangeError('wallSeconds must be > 0');
  return (to.getTime() - from.getTime()) / 1000 / wallSeconds;
}

/** 5760: the default 20–31 Jan window in three minutes. */
export const DEFAULT_REPLAY_SPEED = speedFor(REPLAY_FROM, REPLAY_TO);

export interface ReplayClockOptions {
  from: Date;
  to: Date;
  /** Event-seconds per wall-second; defaults to playing the window in DEFAULT_REPLAY_WALL_SECONDS. */
  speed?: number;
  /** Wall clock in epoch ms; defaults to Date.now. */
  now?: () => number;
}

export class ReplayClock {
  readonly from: Date;
  readonly to: Date;
  readonly speed: number;
  private readonly now: () => number;
  private readonly wallStart: number;

  constructor(options: ReplayClockOptions) {
    const { from, to } = options;
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new RangeError('from and to must be valid dates');
    if (to.getTime() < from.getTime()) throw new RangeError('to must not be before from');
    const speed = options.speed ?? speedFor(from, to);
    if (!Number.isFinite(speed) || speed <= 0) throw new RangeError('speed must be a finite number > 0');
    this.from = new Date(from.getTime());
    this.to = new Date(to.getTime());
    this.speed = speed;
    this.now = options.now ?? Date.now;
    this.wallStart = this.now();
  }

  /** Current event time, never past `to`. */
  eventNow(): Date {
    const elapsedWall = Math.max(0, this.now() - this.wallStart);
    return new Date(Math.min(this.to.getTime(), this.from.getTime() + elapsedWall * this.speed));
  }

  /** Wall milliseconds until the clock reaches `eventTime` (0 if already there; capped at `to`). */
  wallDelayUntil(eventTime: Date): number {
    const target = Math.min(eventTime.getTime(), this.to.getTime());
    const ahead = target - this.eventNow().getTime();
    return ahead > 0 ? Math.ceil(ahead / this.speed) : 0;
  }

  /** Wall milliseconds the whole replay takes. */
  wallDurationMs(): number {
    return (this.to.getTime() - this.from.getTime()) / this.speed;
  }

  done(): boolean {
    return this.eventNow().getTime() >= this.to.getTime();
  }
}
