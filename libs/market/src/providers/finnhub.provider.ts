import WebSocket from 'ws';
import { BarAggregator } from '../bar-aggregator';
import type { PriceProvider, PriceSink, ProviderStatus, Tick } from '../price.types';
import { normalizeSymbol, toError } from '../price.types';
import { StatusTracker } from '../provider-status';

export interface FinnhubProviderOptions {
  /** API key, appended as `?token=`. Never included in error messages. */
  token?: string;
  /** Default `wss://ws.finnhub.io`. */
  url?: string;
  /** Also fold trades into closed 1-minute bars (default true). */
  bars?: boolean;
  /** Reconnect backoff: first delay, cap (defaults 1 s and 60 s), doubled per failed attempt. */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** How often open bars of quiet symbols are closed (default 5 s). */
  flushEveryMs?: number;
  now?: () => number;
}

interface FinnhubTrade {
  s?: string;
  p?: number;
  t?: number;
  v?: number;
}

/** Parses one Finnhub message into ticks; `null` for pings and unknown types. Throws on `type: error`. */
export function parseFinnhubMessage(raw: string): Tick[] | null {
  const msg = JSON.parse(raw) as { type?: string; data?: FinnhubTrade[]; msg?: string };
  if (msg.type === 'error') throw new Error(`finnhub: ${msg.msg ?? 'error message'}`);
  if (msg.type !== 'trade' || !Array.isArray(msg.data)) return null;
  const ticks: Tick[] = [];
  for (const d of msg.data) {
    if (typeof d.s !== 'string' || typeof d.p !== 'number' || typeof d.t !== 'number') continue;
    ticks.push({ symbol: normalizeSymbol(d.s), price: d.p, size: typeof d.v === 'number' ? d.v : 0, time: d.t });
  }
  return ticks;
}

/** Streams Finnhub trades over WebSocket, reconnecting with exponential backoff. */
export class FinnhubPriceProvider implements PriceProvider {
  readonly name = 'finnhub';
  private readonly now: () => number;
  private readonly tracker: StatusTracker;
  private readonly aggregator: BarAggregator | null;
  private symbols = new Set<string>();
  private sink: PriceSink | null = null;
  private ws: WebSocket | null = null;
  private running = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private connections = 0;

  constructor(private readonly options: FinnhubProviderOptions = {}) {
    this.now = options.now ?? Date.now;
    this.tracker = new StatusTracker(this.now);
    this.aggregator = options.bars === false ? null : new BarAggregator((bar) => this.deliver(() => this.sink?.onBar?.(bar)));
  }

  /** Resolves once the first connection opened or failed; failures go to `onError` and `status()`. */
  async start(symbols: string[], sink: PriceSink): Promise<void> {
    await this.stop();
    this.sink = sink;
    this.running = true;
    this.symbols = new Set(symbols.map(normalizeSymbol));
    if (this.aggregator) {
      this.flushTimer = setInterval(() => this.aggregator!.flush(this.now()), this.options.flushEveryMs ?? 5_000);
    }
    await new Promise<void>((resolve) => this.connect(resolve));
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.reconnectTimer = this.flushTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.removeAllListeners();
      ws.on('error', () => {});
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close();
    }
    this.aggregator?.flushAll();
  }

  setSymbols(symbols: string[]): void {
    const next = new Set(symbols.map(normalizeSymbol));
    for (const s of this.symbols) if (!next.has(s)) this.send({ type: 'unsubscribe', symbol: s });
    for (const s of next) if (!this.symbols.has(s)) this.send({ type: 'subscribe', symbol: s });
    this.symbols = next;
  }

  status(): ProviderStatus {
    return this.tracker.snapshot();
  }

  /** Connections opened since construction (for tests and health). */
  connectionCount(): number {
    return this.connections;
  }

  private endpoint(): string {
    const url = new URL(this.options.url ?? 'wss://ws.finnhub.io');
    if (this.options.token) url.searchParams.set('token', this.options.token);
    return url.toString();
  }

  private connect(settled?: () => void): void {
    if (!this.running) return settled?.();
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.endpoint(), { handshakeTimeout: 10_000 });
    } catch (e) {
      this.tracker.fail(this.sink, new Error(`finnhub: ${toError(e).message}`));
      this.scheduleReconnect();
      return settled?.();
    }
    this.ws = ws;
    let done = settled;
    const settle = () => {
      done?.();
      done = undefined;
    };
    ws.on('open', () => {
      this.attempt = 0;
      this.connections++;
      this.tracker.markOk();
      for (const s of this.symbols) this.send({ type: 'subscribe', symbol: s });
      settle();
    });
    ws.on('message', (data) => this.onMessage(data.toString()));
    ws.on('error', (e) => this.tracker.fail(this.sink, new Error(`finnhub: ${redact(toError(e).message)}`)));
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.running) {
        this.tracker.fail(this.sink, new Error(`finnhub: connection closed (${code})`));
        this.scheduleReconnect();
      }
      settle();
    });
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    const base = this.options.reconnectBaseMs ?? 1_000;
    const delay = Math.min(this.options.reconnectMaxMs ?? 60_000, base * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    // Jitter in [50%, 100%] of the delay so that replicas do not reconnect in lockstep.
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay * (0.5 + Math.random() / 2));
  }

  private onMessage(raw: string): void {
    let ticks: Tick[] | null;
    try {
      ticks = parseFinnhubMessage(raw);
    } catch (e) {
      // A bad message is reported but does not make a live connection unhealthy.
      this.tracker.fail(this.sink, e, false);
      return;
    }
    if (!ticks) return;
    for (const tick of ticks) {
      if (!this.symbols.has(tick.symbol)) continue;
      this.deliver(() => this.sink?.onTick?.(tick));
      this.aggregator?.add(tick);
    }
  }

  private send(msg: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
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

function redact(message: string): string {
  return message.replace(/token=[^&\s]+/g, 'token=***');
}
