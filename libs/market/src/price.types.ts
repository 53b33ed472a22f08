/** Shared types of the market lib: ticks, bars, the provider interface and its status. */

export type BarInterval = '1m' | '1d';

export const INTERVAL_MS: Record<BarInterval, number> = { '1m': 60_000, '1d': 86_400_000 };

/** One trade or quote. `time` is event time in epoch milliseconds. */
export interface Tick {
  symbol: string;
  price: number;
  size: number;
  time: number;
}

/** One OHLCV bar. `time` is the bar start in epoch milliseconds (event time). */
export interface Bar {
  symbol: string;
  interval: BarInterval;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Where a provider delivers what it sees. Every callback is optional. */
export interface PriceSink {
  onTick?(tick: Tick): void;
  /** Closed bars only (a bar is emitted once its interval has ended). */
  onBar?(bar: Bar): void;
  /** Network and data errors. Providers never throw them at the caller. */
  onError?(error: Error): void;
}

/** Health of a provider, for `/api/health` and logs. */
export interface ProviderStatus {
  ok: boolean;
  lastError: string | null;
  /** Wall-clock ms of the last tick or bar delivered. */
  lastEventAt: number | null;
}

export interface PriceProvider {
  readonly name: string;
  /** Starts delivering to `sink`. Resolves once started; never rejects because of the network. */
  start(symbols: string[], sink: PriceSink): Promise<void>;
  /** Stops timers and connections; idempotent. */
  stop(): Promise<void>;
  /** Changes the watched symbols while running. */
  setSymbols?(symbols: string[]): void;
  status(): ProviderStatus;
}

export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase();
}

export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
