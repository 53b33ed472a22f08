import type { BarInterval, PriceProvider, PriceSink, ProviderStatus } from '../price.types';
import { INTERVAL_MS, normalizeSymbol, toError } from '../price.types';
import { StatusTracker } from '../provider-status';
import { parseYahooChart, YahooChartError } from './yahoo-chart';

export interface YahooProviderOptions {
  /** Default `https://query1.finance.yahoo.com`. */
  baseUrl?: string;
  /** Delay between poll rounds (default 60 s). */
  pollMs?: number;
  /** Range of daily bars fetched for the previous close (default `1mo`; null: no daily bars). */
  dailyRange?: string | null;
  /** How often daily bars are refreshed (default 1 h). */
  dailyRefreshMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Symbols fetched in parallel (default 4). */
  concurrency?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

const DEFAULT_BASE_URL = 'https://query1.finance.yahoo.com';

/**
 * Polls Yahoo Finance's chart endpoint: 1-minute bars of the day and, now and then, daily bars.
 * Emits closed bars once each (newest per symbol and interval remembered), a tick when
 * `regularMarketPrice` moves, and reports failures through `onError` and `status()`.
 */
export class YahooPriceProvider implements PriceProvider {
  readonly name = 'yahoo';
  private readonly baseUrl: string;
  private readonly now: () => number;
  private readonly fetchFn: typeof fetch;
  private readonly tracker: StatusTracker;
  private symbols: string[] = [];
  private sink: PriceSink | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private abort: AbortController | null = null;
  private readonly lastBar = new Map<string, number>();
  private readonly lastPriceTime = new Map<string, number>();
  private readonly dailyFetchedAt = new Map<string, number>();
  private round: Promise<void> = Promise.resolve();

  constructor(private readonly options: YahooProviderOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.fetchFn = options.fetch ?? fetch;
    this.tracker = new StatusTracker(this.now);
  }

  /** Resolves after the first poll round (whatever its outcome). */
  async start(symbols: string[], sink: PriceSink): Promise<void> {
    await this.stop();
    this.sink = sink;
    this.running = true;
    this.setSymbols(symbols);
    await this.pollNow();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    await this.round;
  }

  setSymbols(symbols: string[]): void {
    this.symbols = [...new Set(symbols.map(normalizeSymbol))];
  }

  status(): ProviderStatus {
    return this.tracker.snapshot();
  }

  /** Runs one poll round now and schedules the next one. */
  async pollNow(): Promise<void> {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.round = this.pollRound();
    await this.round;
    if (this.running) this.timer = setTimeout(() => void this.pollNow(), this.options.pollMs ?? 60_000);
  }

  private async pollRound(): Promise<void> {
    this.abort = new AbortController();
    const queue = [...this.symbols];
    let failures = 0;
    const worker = async () => {
      for (let s = queue.shift(); s !== undefined && this.running; s = queue.shift()) {
        if (!(await this.pollSymbol(s))) failures++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency ?? 4) }, worker));
    if (failures === 0 && this.running) this.tracker.markOk();
  }

  /** Returns false when a request failed (already reported). */
  private async pollSymbol(symbol: string): Promise<boolean> {
    let ok = true;
    const dailyRange = this.options.dailyRange === undefined ? '1mo' : this.options.dailyRange;
    const dailyAt = this.dailyFetchedAt.get(symbol);
    if (dailyRange && (dailyAt === undefined || this.now() - dailyAt >= (this.options.dailyRefreshMs ?? 3_600_000))) {
      if (await this.fetchAndEmit(symbol, '1d', dailyRange)) this.dailyFetchedAt.set(symbol, this.now());
      else ok = false;
    }
    if (!(await this.fetchAndEmit(symbol, '1m', '1d'))) ok = false;
    return ok;
  }

  private async fetchAndEmit(symbol: string, interval: BarInterval, range: string): Promise<boolean> {
    const url = `${this.baseUrl}/v8/finance/chart/${encodeURIComponent(symbol)}?interval=${interval}&range=${range}`;
    let chart;
    try {
      const signal = AbortSignal.any([this.abort!.signal, AbortSignal.timeout(this.options.timeoutMs ?? 10_000)]);
      const res = await this.fetchFn(url, { signal, headers: { accept: 'application/json', 'user-agent': 'Mozilla/5.0 (seismo)' } });
      const text = await res.text();
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        if (res.ok) throw new YahooChartError(`yahoo ${symbol}: body is not JSON`);
      }
      if (!res.ok && !(body as { chart?: { error?: unknown } } | null)?.chart?.error) {
        throw new YahooChartError(`yahoo ${symbol}: HTTP ${res.status}`);
      }
      chart = parseYahooChart(body, symbol, interval);
    } catch (e) {
      if (this.running) this.tracker.fail(this.sink, e instanceof YahooChartError ? e : new Error(`yahoo ${symbol}: ${toError(e).message}`));
      return false;
    }
    const key = `${symbol}|${interval}`;
    const last = this.lastBar.get(key) ?? -Infinity;
    const closedBefore = this.now() - INTERVAL_MS[interval];
    for (const bar of chart.bars) {
      if (bar.time <= last || bar.time > closedBefore) continue;
      this.lastBar.set(key, bar.time);
      this.deliver(() => this.sink?.onBar?.(bar));
    }
    if (interval === '1m' && chart.price !== null && chart.priceTime !== null && chart.priceTime !== this.lastPriceTime.get(symbol)) {
      this.lastPriceTime.set(symbol, chart.priceTime);
      this.deliver(() => this.sink?.onTick?.({ symbol: chart.symbol, price: chart.price!, size: 0, time: chart.priceTime! }));
    }
    return true;
  }

  private deliver(fn: () => void): void {
    try {
      fn();
      this.tracker.markEvent();
    } catch (e) {
      this.tracker.fail(this.sink, e, false);
    }
  }
}
