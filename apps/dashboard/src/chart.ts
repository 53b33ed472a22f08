/** Per-ticker view: candles, sentiment (left scale), mention velocity (own pane), alert markers, articles. */
import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  LineSeries,
  TickMarkType,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { AlertPayload, ArticlePayload } from '../../../libs/contracts/src/events';
import { api, type Ticker } from './api';
import { renderArticle } from './articles';
import {
  alertsToMarkers,
  barsToCandles,
  BUCKET_SECONDS,
  type Bucket,
  chooseBucket,
  chooseInterval,
  intervalSeconds,
  sentimentToLine,
  sentimentToMentions,
  type Candle,
} from './chart-data';
import { byId, el, setChildren } from './dom';
import { formatScore } from './format';

const RANGES: Record<string, number> = { '1D': 1, '5D': 5, '1M': 30, '3M': 91, '1Y': 365 };
const DAY_MS = 86_400_000;

/** Axis labels in the viewer's time zone (the chart itself works in UTC seconds). */
function localTick(time: Time, type: TickMarkType): string {
  const d = new Date(Number(time) * 1000);
  switch (type) {
    case TickMarkType.Year:
      return String(d.getFullYear());
    case TickMarkType.Month:
      return d.toLocaleDateString(undefined, { month: 'short' });
    case TickMarkType.DayOfMonth:
      return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
    default:
      return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

export class TickerView {
  private chart: IChartApi | null = null;
  private candles: ISeriesApi<'Candlestick'> | null = null;
  private sentiment: ISeriesApi<'Line'> | null = null;
  private mentions: ISeriesApi<'Histogram'> | null = null;
  private markers: ISeriesMarkersPluginApi<Time> | null = null;
  private symbol = '';
  private alerts: AlertPayload[] = [];
  private barTimes: number[] = [];
  private step = 60;
  private loadSeq = 0;

  private readonly select = byId<HTMLSelectElement>('ticker-select');
  private readonly range = byId<HTMLSelectElement>('range-select');
  private readonly endInput = byId<HTMLInputElement>('range-end');
  private readonly host = byId('price-chart');
  private readonly status = byId('chart-status');
  private readonly legend = byId('chart-legend');
  private readonly articles = byId('ticker-articles');

  constructor() {
    this.select.addEventListener('change', () => this.show(this.select.value));
    this.range.addEventListener('change', () => this.reload());
    this.endInput.addEventListener('change', () => this.reload());
  }

  /** Fills the select from the watchlist, keeping the current choice when it still exists. */
  setTickers(tickers: readonly Ticker[]): void {
    const current = this.symbol;
    setChildren(
      this.select,
      tickers.length ? null : el('option', { value: '' }, 'No tickers — add one below'),
      ...tickers.map((t) => el('option', { value: t.symbol }, t.name ? `${t.symbol} — ${t.name}` : t.symbol)),
    );
    const next = tickers.some((t) => t.symbol === current) ? current : (tickers[0]?.symbol ?? '');
    this.select.value = next;
    if (next !== current) void this.show(next);
  }

  /** Live alerts for the shown symbol become markers without a reload. */
  addAlerts(alerts: readonly AlertPayload[]): void {
    const mine = alerts.filter((a) => this.concerns(a));
    if (!mine.length) return;
    const ids = new Set(this.alerts.map((a) => a.id));
    this.alerts.push(...mine.filter((a) => !ids.has(a.id)));
    this.updateMarkers();
  }

  addArticle(article: ArticlePayload): void {
    if (!this.symbol || !article.targets.some((t) => t.symbol === this.symbol)) return;
    if (this.articles.querySelector(`[data-article-id="${article.id}"]`)) return;
    this.articles.prepend(renderArticle(article, this.symbol));
    while (this.articles.children.length > 20) this.articles.lastElementChild?.remove();
  }

  /** Recolours the chart after a theme change. */
  applyTheme(): void {
    this.chart?.applyOptions(this.themeOptions());
  }

  private concerns(a: AlertPayload): boolean {
    return !!this.symbol && (a.symbol === this.symbol || !!a.linkedSymbols?.includes(this.symbol));
  }

  async show(symbol: string): Promise<void> {
    this.symbol = symbol;
    if (this.select.value !== symbol) this.select.value = symbol;
    await this.reload();
  }

  private window(anchorMs?: number): { from: Date; to: Date } {
    const days = RANGES[this.range.value] ?? 5;
    const endText = this.endInput.value;
    const to = anchorMs ? new Date(anchorMs) : endText ? new Date(`${endText}T23:59:59`) : new Date();
    return { from: new Date(to.getTime() - days * DAY_MS), to };
  }

  async reload(): Promise<void> {
    const seq = ++this.loadSeq;
    const symbol = this.symbol;
    if (!symbol) {
      this.clearChart();
      this.status.textContent = 'Pick a ticker.';
      return;
    }
    this.status.textContent = `Loading ${symbol}…`;
    try {
      const alertsRes = await api.alerts({ symbol, limit: 200 }).catch(() => ({ items: [] as AlertPayload[] }));
      if (seq !== this.loadSeq) return;
      this.alerts = alertsRes.items ?? [];
      let win = this.window();
      let data = await this.fetchSeries(symbol, win.from, win.to);
      // Nothing recent (e.g. a replayed week): jump to the latest alert, else the latest article, for this symbol.
      if (!data.candles.length && !data.sentiment.length && !this.endInput.value) {
        let latest = Math.max(...this.alerts.map((a) => Date.parse(a.eventTime ?? a.createdAt)).filter(Number.isFinite));
        if (!Number.isFinite(latest)) {
          const newest = await api.articles({ symbol, limit: 1 }).catch(() => ({ items: [] as ArticlePayload[] }));
          latest = newest.items?.length ? Date.parse(newest.items[0].publishedAt) : Number.NaN;
        }
        if (Number.isFinite(latest)) {
          win = this.window(latest + DAY_MS / 2);
          data = await this.fetchSeries(symbol, win.from, win.to);
        }
      }
      if (seq !== this.loadSeq) return;
      this.render(data.candles, data.sentiment, data.interval, data.bucket);
      const articles = await api
        .articles({ symbol, from: win.from.toISOString(), to: win.to.toISOString(), limit: 20 })
        .catch(() => ({ items: [] as ArticlePayload[] }));
      if (seq !== this.loadSeq) return;
      setChildren(this.articles, ...(articles.items ?? []).map((a) => renderArticle(a, symbol)));
      if (!articles.items?.length) this.articles.appendChild(el('li', { class: 'muted' }, 'No articles in this range.'));
      const span = `${win.from.toLocaleDateString()} – ${win.to.toLocaleDateString()}`;
      this.status.textContent = data.candles.length || data.sentiment.length ? `${symbol}, ${span}, ${data.interval} bars` : `No prices or sentiment for ${symbol} in ${span}.`;
    } catch (err) {
      if (seq !== this.loadSeq) return;
      this.status.textContent = `Could not load ${symbol}: ${(err as Error).message}`;
    }
  }

  private async fetchSeries(symbol: string, from: Date, to: Date) {
    const interval = chooseInterval(from.getTime(), to.getTime());
    const bucket = chooseBucket(from.getTime(), to.getTime());
    const q = { from: from.toISOString(), to: to.toISOString() };
    const [prices, sentiment] = await Promise.all([
      api.prices(symbol, { ...q, interval, limit: 10_000 }).catch(() => ({ items: [] })),
      api.sentiment(symbol, { ...q, bucket }).catch(() => ({ items: [] })),
    ]);
    return { interval, bucket, candles: barsToCandles(prices.items ?? []), sentiment: sentiment.items ?? [] };
  }

  private themeOptions() {
    return {
      layout: {
        background: { type: ColorType.Solid, color: cssVar('--surface') },
        textColor: cssVar('--text'),
        panes: { separatorColor: cssVar('--border') },
      },
      grid: { vertLines: { color: cssVar('--grid') }, horzLines: { color: cssVar('--grid') } },
      rightPriceScale: { borderColor: cssVar('--border') },
      leftPriceScale: { borderColor: cssVar('--border') },
      timeScale: { borderColor: cssVar('--border') },
    };
  }

  private ensureChart(): IChartApi {
    if (this.chart) return this.chart;
    const chart = createChart(this.host, {
      autoSize: true,
      ...this.themeOptions(),
      leftPriceScale: { visible: true, borderColor: cssVar('--border') },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: cssVar('--border'), tickMarkFormatter: localTick },
      localization: { timeFormatter: (t: Time) => new Date(Number(t) * 1000).toLocaleString() },
    });
    this.candles = chart.addSeries(CandlestickSeries, {
      priceScaleId: 'right',
      upColor: '#26a69a',
      downColor: '#ef5350',
      wickUpColor: '#26a69a',
      wickDownColor: '#ef5350',
      borderVisible: false,
      title: 'price',
    });
    this.sentiment = chart.addSeries(LineSeries, {
      priceScaleId: 'left',
      color: '#8e24aa',
      lineWidth: 2,
      title: 'sentiment',
      priceLineVisible: false,
      autoscaleInfoProvider: () => ({ priceRange: { minValue: -1, maxValue: 1 } }),
    });
    this.mentions = chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, title: 'mentions' }, 1);
    const panes = chart.panes();
    panes[1]?.setHeight(90);
    this.chart = chart;
    return chart;
  }

  private clearChart(): void {
    this.candles?.setData([]);
    this.sentiment?.setData([]);
    this.mentions?.setData([]);
    this.markers?.setMarkers([]);
    this.legend.textContent = '';
  }

  private render(candles: Candle[], sentiment: Parameters<typeof sentimentToLine>[0], interval: '1m' | '1d', bucket: Bucket): void {
    const chart = this.ensureChart();
    const line = sentimentToLine(sentiment);
    const bars = sentimentToMentions(sentiment);
    this.candles!.setData(candles.map((c) => ({ ...c, time: c.time as UTCTimestamp })));
    this.sentiment!.setData(line.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
    this.mentions!.setData(bars.map((p) => ({ time: p.time as UTCTimestamp, value: p.value, color: p.color })));
    // Markers sit on candles; with no prices, on the sentiment buckets.
    this.barTimes = candles.length ? candles.map((c) => c.time) : line.map((p) => p.time);
    this.step = candles.length ? intervalSeconds(interval) : BUCKET_SECONDS[bucket];
    if (this.markers) this.markers.detach();
    this.markers = createSeriesMarkers(candles.length ? this.candles! : this.sentiment!, []);
    this.updateMarkers();
    chart.timeScale().fitContent();
    const last = candles[candles.length - 1];
    const lastS = line[line.length - 1];
    const mentions = bars.reduce((s, b) => s + b.value, 0);
    this.legend.textContent = [
      last ? `close ${last.close.toFixed(2)}` : 'no prices',
      lastS ? `sentiment ${formatScore(lastS.value)}` : 'no sentiment',
      `${mentions} mentions`,
      `${this.alerts.length} alerts`,
    ].join(' · ');
  }

  private updateMarkers(): void {
    this.markers?.setMarkers(
      alertsToMarkers(this.alerts, this.barTimes, this.step).map((m) => ({ ...m, time: m.time as UTCTimestamp })),
    );
  }
}
