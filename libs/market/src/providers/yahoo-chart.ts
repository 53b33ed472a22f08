import type { Bar, BarInterval } from '../price.types';
import { normalizeSymbol } from '../price.types';

/** What a Yahoo Finance `/v8/finance/chart/{symbol}` answer holds, once parsed. */
export interface YahooChart {
  symbol: string;
  interval: BarInterval;
  /** Bars in time order; rows whose close is null are dropped. */
  bars: Bar[];
  /** `meta.previousClose`, else `meta.chartPreviousClose`. */
  previousClose: number | null;
  /** `meta.regularMarketPrice` and `meta.regularMarketTime` (ms). */
  price: number | null;
  priceTime: number | null;
}

export class YahooChartError extends Error {
  constructor(
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'YahooChartError';
  }
}

type Nullable<T> = T | null | undefined;

interface YahooQuote {
  open?: Nullable<number>[];
  high?: Nullable<number>[];
  low?: Nullable<number>[];
  close?: Nullable<number>[];
  volume?: Nullable<number>[];
}

interface YahooResult {
  meta?: {
    symbol?: string;
    regularMarketPrice?: number | null;
    regularMarketTime?: number | null;
    previousClose?: number | null;
    chartPreviousClose?: number | null;
    dataGranularity?: string;
  };
  timestamp?: number[] | null;
  indicators?: { quote?: YahooQuote[] };
}

interface YahooBody {
  chart?: { result?: YahooResult[] | null; error?: { code?: string; description?: string } | null };
}

function finite(v: Nullable<number>): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Parses the chart JSON wire shape; throws `YahooChartError` on `chart.error` or a malformed body. */
export function parseYahooChart(body: unknown, requestedSymbol: string, interval: BarInterval): YahooChart {
  const chart = (body as YahooBody | null)?.chart;
  if (!chart || typeof chart !== 'object') throw new YahooChartError(`yahoo ${requestedSymbol}: body has no chart`);
  if (chart.error) {
    const code = chart.error.code ?? null;
    throw new YahooChartError(`yahoo ${requestedSymbol}: ${code ?? 'error'}: ${chart.error.description ?? 'no description'}`, code);
  }
  const result = chart.result?.[0];
  if (!result) throw new YahooChartError(`yahoo ${requestedSymbol}: chart.result is empty`);
  const meta = result.meta ?? {};
  const symbol = normalizeSymbol(meta.symbol ?? requestedSymbol);
  const times = result.timestamp ?? [];
  const q = result.indicators?.quote?.[0] ?? {};
  const bars: Bar[] = [];
  for (let i = 0; i < times.length; i++) {
    const close = finite(q.close?.[i]);
    const time = times[i];
    if (close === null || typeof time !== 'number') continue;
    const open = finite(q.open?.[i]) ?? close;
    bars.push({
      symbol,
      interval,
      time: time * 1000,
      open,
      high: finite(q.high?.[i]) ?? Math.max(open, close),
      low: finite(q.low?.[i]) ?? Math.min(open, close),
      close,
      volume: finite(q.volume?.[i]) ?? 0,
    });
  }
  bars.sort((a, b) => a.time - b.time);
  const priceTime = finite(meta.regularMarketTime);
  return {
    symbol,
    interval,
    bars,
    previousClose: finite(meta.previousClose) ?? finite(meta.chartPreviousClose),
    price: finite(meta.regularMarketPrice),
    priceTime: priceTime === null ? null : priceTime * 1000,
  };
}
