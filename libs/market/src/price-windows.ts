import type { Bar } from './price.types';
import { normalizeSymbol } from './price.types';

export interface PriceWindowsOptions {
  /** 1m bars kept per symbol (default 2 days: 2880). */
  maxMinuteBars?: number;
  /** Daily bars kept per symbol (default 30). */
  maxDailyBars?: number;
  /** Time zone whose calendar days are trading days for intraday bars (default America/New_York). */
  timeZone?: string;
}

/** Price questions about one symbol; `signals` accepts any object of this shape. */
export interface SymbolPriceView {
  /** % change of the close at `asOf` against the close at `asOf - windowMs`; null when unknown. */
  changePct(windowMs: number, asOf: number): number | null;
  /** % change of the close at `asOf` against the previous trading day's close; null when unknown. */
  changeVsPrevClose(asOf: number): number | null;
  /** Latest close at or before `asOf`. */
  lastClose(asOf: number): number | null;
  /** Close of the last trading day before the day of `asOf`. */
  previousClose(asOf: number): number | null;
}

/** Time-ordered bars of one series, bounded; binary search by time. */
class Series {
  times: number[] = [];
  closes: number[] = [];
  days: string[] = [];

  constructor(private readonly max: number) {}

  put(time: number, close: number, day: string): void {
    const n = this.times.length;
    if (n === 0 || time > this.times[n - 1]) {
      this.times.push(time);
      this.closes.push(close);
      this.days.push(day);
    } else {
      const i = this.indexAtOrBefore(time);
      if (i >= 0 && this.times[i] === time) {
        this.closes[i] = close;
        return;
      }
      this.times.splice(i + 1, 0, time);
      this.closes.splice(i + 1, 0, close);
      this.days.splice(i + 1, 0, day);
    }
    // Trim in batches so the amortised cost per bar stays O(1).
    const excess = this.times.length - this.max;
    if (excess > 0 && (excess >= 64 || excess >= this.max / 4)) {
      this.times.splice(0, excess);
      this.closes.splice(0, excess);
      this.days.splice(0, excess);
    }
  }

  /** Index of the last bar with time <= t within the bound, or -1. */
  indexAtOrBefore(t: number): number {
    let lo = 0;
    let hi = this.times.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Index of the last bar with time <= t whose day is earlier than `day`, or -1. */
  indexBeforeDay(t: number, day: string): number {
    for (let i = this.indexAtOrBefore(t); i >= 0; i--) if (this.days[i] < day) return i;
    return -1;
  }

  get size(): number {
    return Math.min(this.times.length, this.max);
  }
}

interface SymbolSeries {
  minute: Series;
  daily: Series;
}

/**
 * Rolling in-memory price history per symbol, fed with 1m and 1d bars (in any order), answering
 * price-change questions on event time. Memory-bounded: a fixed number of bars per symbol.
 */
export class PriceWindows {
  private readonly series = new Map<string, SymbolSeries>();
  private readonly maxMinute: number;
  private readonly maxDaily: number;
  private readonly dayFormat: Intl.DateTimeFormat;
  private cachedQuarter = Number.NaN;
  private cachedDay = '';

  constructor(options: PriceWindowsOptions = {}) {
    this.maxMinute = options.maxMinuteBars ?? 2 * 24 * 60;
    this.maxDaily = options.maxDailyBars ?? 30;
    this.dayFormat = new Intl.DateTimeFormat('en-CA', {
      timeZone: options.timeZone ?? 'America/New_York',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  }

  add(bar: Bar): void {
    if (!Number.isFinite(bar.close) || !Number.isFinite(bar.time)) return;
    const s = this.get(normalizeSymbol(bar.symbol), true)!;
    if (bar.interval === '1d') s.daily.put(bar.time, bar.close, dailyBarDay(bar.time));
    else s.minute.put(bar.time, bar.close, this.tradingDay(bar.time));
  }

  addAll(bars: Iterable<Bar>): void {
    for (const b of bars) this.add(b);
  }

  symbols(): string[] {
    return [...this.series.keys()];
  }

  /** Bars held for a symbol (for tests and health). */
  size(symbol: string): { minute: number; daily: number } {
    const s = this.get(symbol);
    return { minute: s?.minute.size ?? 0, daily: s?.daily.size ?? 0 };
  }

  lastClose(symbol: string, asOf: number): number | null {
    const s = this.get(symbol);
    if (!s) return null;
    const m = s.minute.indexAtOrBefore(asOf);
    const d = s.daily.indexAtOrBefore(asOf);
    if (m < 0 && d < 0) return null;
    // The most recent bar wins; a daily bar is stamped at its day's start, so same-day minutes win.
    if (d < 0 || (m >= 0 && s.minute.times[m] >= s.daily.times[d])) return s.minute.closes[m];
    return s.daily.closes[d];
  }

  /** Close of the last daily bar of a trading day before the day of `asOf` (1m bars as fallback). */
  previousClose(symbol: string, asOf: number): number | null {
    const s = this.get(symbol);
    if (!s) return null;
    const day = this.tradingDay(asOf);
    const d = s.daily.indexBeforeDay(asOf, day);
    if (d >= 0) return s.daily.closes[d];
    const m = s.minute.indexBeforeDay(asOf, day);
    return m >= 0 ? s.minute.closes[m] : null;
  }

  changePct(symbol: string, windowMs: number, asOf: number): number | null {
    return pct(this.lastClose(symbol, asOf), this.lastClose(symbol, asOf - windowMs));
  }

  changeVsPrevClose(symbol: string, asOf: number): number | null {
    return pct(this.lastClose(symbol, asOf), this.previousClose(symbol, asOf));
  }

  /** A view bound to one symbol, accepted by `@seismo/signals` as its price input. */
  view(symbol: string): SymbolPriceView {
    const sym = normalizeSymbol(symbol);
    return {
      changePct: (windowMs, asOf) => this.changePct(sym, windowMs, asOf),
      changeVsPrevClose: (asOf) => this.changeVsPrevClose(sym, asOf),
      lastClose: (asOf) => this.lastClose(sym, asOf),
      previousClose: (asOf) => this.previousClose(sym, asOf),
    };
  }

  /** Calendar day (YYYY-MM-DD) of an instant in the exchange time zone. */
  tradingDay(time: number): string {
    const quarter = Math.floor(time / 900_000);
    if (quarter !== this.cachedQuarter) {
      // Every real time zone's midnight falls on a UTC quarter hour, so one format per quarter is exact.
      this.cachedQuarter = quarter;
      this.cachedDay = this.dayFormat.format(time);
    }
    return this.cachedDay;
  }

  private get(symbol: string, create = false): SymbolSeries | undefined {
    const key = normalizeSymbol(symbol);
    let s = this.series.get(key);
    if (!s && create) {
      s = { minute: new Series(this.maxMinute), daily: new Series(this.maxDaily) };
      this.series.set(key, s);
    }
    return s;
  }
}

/**
 * Day of a daily bar: its UTC date. Daily bars are stamped at 00:00 UTC of their date (CSV files)
 * or at the exchange open (Yahoo), both inside the same UTC date for US listings.
 */
function dailyBarDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function pct(now: number | null, then: number | null): number | null {
  if (now === null || then === null || then === 0) return null;
  return ((now - then) / then) * 100;
}
