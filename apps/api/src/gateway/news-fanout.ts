/** Sockets written per slice of a news-stream event before the gateway yields to I/O. */
export const NEWS_SLICE = 100;
/** News events held at most while earlier ones are still being written; the oldest go first beyond. */
export const NEWS_BACKLOG_MAX = 10_000;

export interface NewsTarget {
  /** Local socket ids that should get the event (resolved when the event's turn comes). */
  recipients(): string[];
  /** Writes the event to these sockets. */
  emit(socketIds: string[]): void;
}

/**
 * The news stream's fan-out, kept out of the way of alerts.
 *
 * Writing one event to a thousand sockets takes the api's thread for tens of milliseconds. Done
 * in one go, an alert that arrives meanwhile waits behind every article event before it; during a
 * shock, when both come in bursts, alerts are exactly what must not wait. So news events are
 * written a slice of sockets at a time, yielding to I/O between slices (`setImmediate` runs after
 * the poll phase, where the Redis subscriber's messages are read): an alert is written as soon as
 * it is read, between two slices. News events keep their order; an alert may reach a socket before
 * the article event that caused it.
 */
export class NewsFanout {
  private readonly backlog: NewsTarget[] = [];
  private current: { target: NewsTarget; ids: string[]; next: number } | null = null;
  private scheduled = false;
  /** News events dropped because the backlog was full (they stay readable through REST). */
  dropped = 0;

  constructor(
    private readonly slice = NEWS_SLICE,
    private readonly max = NEWS_BACKLOG_MAX,
    private readonly onDrop: (dropped: number) => void = () => undefined,
  ) {}

  push(target: NewsTarget): void {
    if (this.backlog.length >= this.max) {
      this.backlog.shift();
      this.onDrop(++this.dropped);
    }
    this.backlog.push(target);
    this.schedule();
  }

  /** Events waiting or being written. */
  get pending(): number {
    return this.backlog.length + (this.current ? 1 : 0);
  }

  /** Forgets what is waiting (shutdown). */
  clear(): void {
    this.backlog.length = 0;
    this.current = null;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.step();
    });
  }

  /** Writes one slice, then yields. */
  private step(): void {
    if (!this.current) {
      const target = this.backlog.shift();
      if (!target) return;
      this.current = { target, ids: target.recipients(), next: 0 };
    }
    const c = this.current;
    const ids = c.ids.slice(c.next, c.next + this.slice);
    c.next += ids.length;
    if (c.next >= c.ids.length) this.current = null;
    if (ids.length) c.target.emit(ids);
    if (this.current || this.backlog.length) this.schedule();
  }
}
