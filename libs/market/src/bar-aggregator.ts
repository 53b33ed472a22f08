import type { Bar, Tick } from './price.types';

const MINUTE_MS = 60_000;

interface OpenBar {
  start: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** Emitted already: waiting for the symbol's next minute. */
  closed: boolean;
}

export interface BarAggregatorStats {
  ticks: number;
  bars: number;
  /** Ticks of a minute already emitted or older (late arrivals): not folded into any bar. */
  late: number;
}

/**
 * Folds ticks into 1-minute bars on event time. A bar is emitted once a tick of a later minute
 * arrives for its symbol, or when `flush(asOf)` is called after the minute ended. One mutable
 * state object per symbol; one allocation per emitted bar.
 */
export class BarAggregator {
  private readonly open = new Map<string, OpenBar>();
  private readonly counters: BarAggregatorStats = { ticks: 0, bars: 0, late: 0 };

  constructor(private readonly emit: (bar: Bar) => void) {}

  add(tick: Tick): void {
    this.push(tick.symbol, tick.price, tick.size, tick.time);
  }

  /** Same as `add` without a Tick object (for the hottest paths). */
  push(symbol: string, price: number, size: number, time: number): void {
    if (!(price > 0) || !Number.isFinite(time)) return;
    this.counters.ticks++;
    const start = time - (((time % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
    const bar = this.open.get(symbol);
    if (bar === undefined) {
      this.open.set(symbol, { start, open: price, high: price, low: price, close: price, volume: size, closed: false });
      return;
    }
    if (start === bar.start && !bar.closed) {
      if (price > bar.high) bar.high = price;
      if (price < bar.low) bar.low = price;
      bar.close = price;
      bar.volume += size;
      return;
    }
    if (start <= bar.start) {
      this.counters.late++;
      return;
    }
    if (!bar.closed) this.close(symbol, bar);
    bar.closed = false;
    bar.start = start;
    bar.open = bar.high = bar.low = bar.close = price;
    bar.volume = size;
  }

  /** Emits every open bar whose minute ended at or before `asOf` (event or wall time, in ms). */
  flush(asOf: number): void {
    for (const [symbol, bar] of this.open) {
      if (!bar.closed && bar.start + MINUTE_MS <= asOf) this.close(symbol, bar);
    }
  }

  /** Emits every open bar, ended or not (shutdown). */
  flushAll(): void {
    for (const [symbol, bar] of this.open) if (!bar.closed) this.close(symbol, bar);
  }

  stats(): BarAggregatorStats {
    return { ...this.counters };
  }

  private close(symbol: string, b: OpenBar): void {
    b.closed = true;
    this.counters.bars++;
    this.emit({ symbol, interval: '1m', time: b.start, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume });
  }
}
