import type { Bar, PriceProvider, PriceSink, ProviderStatus } from '../price.types';
import { INTERVAL_MS, normalizeSymbol, toError } from '../price.types';
import { StatusTracker } from '../provider-status';
import { loadBarFile, type BarFileOptions } from './bar-file';

export interface ReplayProviderOptions {
  /** CSV or JSON-lines files of bars (see `bar-file.ts`). */
  files?: string[];
  /** Bars given directly (tests, demo fixtures). */
  bars?: Bar[];
  /** Event-seconds played per wall-second; `Infinity` plays as fast as possible. Default 60. */
  speed?: number;
  /** Only bars with `from <= time <= to` (epoch ms, ISO string or Date). */
  from?: number | string | Date;
  to?: number | string | Date;
  fileOptions?: BarFileOptions;
  /** Clock and timer, injectable for tests. */
  now?: () => number;
  /**
   * Current event time (epoch ms) of a clock shared with other replayed sources (the demo's feed
   * server): bars at or before it are emitted at once, later ones when the clock reaches them.
   */
  clock?: () => number;
}

/** A bar is known once its interval has ended: replay emits it at its close, never at its start. */
function closeOf(bar: Bar): number {
  return bar.time + INTERVAL_MS[bar.interval];
}

/** Bars emitted per turn of the event loop when playing as fast as possible. */
const BATCH = 500;

function toMs(v: number | string | Date | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(v);
  if (Number.isNaN(ms)) throw new Error(`replay: bad time ${String(v)}`);
  return ms;
}

/**
 * Plays recorded bars in event-time order across symbols. Event time is compressed by `speed`:
 * a bar `d` event-ms after the first one is emitted `d / speed` wall-ms after start.
 */
export class ReplayPriceProvider implements PriceProvider {
  readonly name = 'replay';
  private readonly tracker: StatusTracker;
  private readonly now: () => number;
  private readonly speed: number;
  private readonly from: number;
  private readonly to: number;
  private symbols: Set<string> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private done: Promise<void> = Promise.resolve();
  private resolveDone: () => void = () => {};
  private played = 0;

  constructor(private readonly options: ReplayProviderOptions = {}) {
    this.now = options.now ?? Date.now;
    this.tracker = new StatusTracker(this.now);
    this.speed = options.speed ?? 60;
    if (!(this.speed > 0)) throw new Error('replay: speed must be > 0');
    this.from = toMs(options.from, -Infinity);
    this.to = toMs(options.to, Infinity);
  }

  async start(symbols: string[], sink: PriceSink): Promise<void> {
    await this.stop();
    this.setSymbols(symbols);
    const bars = await this.load(sink);
    this.running = true;
    this.played = 0;
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.tracker.markOk();
    this.play(bars, sink);
  }

  /** Resolves when every bar has been played or the provider was stopped. */
  finished(): Promise<void> {
    return this.done;
  }

  /** Bars delivered since the last start. */
  playedCount(): number {
    return this.played;
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.resolveDone();
  }

  /** An empty list plays every symbol found. */
  setSymbols(symbols: string[]): void {
    this.symbols = symbols.length > 0 ? new Set(symbols.map(normalizeSymbol)) : null;
  }

  status(): ProviderStatus {
    return this.tracker.snapshot();
  }

  private async load(sink: PriceSink): Promise<Bar[]> {
    const bars: Bar[] = (this.options.bars ?? []).map((b) => ({ ...b, symbol: normalizeSymbol(b.symbol) }));
    for (const file of this.options.files ?? []) {
      try {
        bars.push(...(await loadBarFile(file, this.options.fileOptions)));
      } catch (e) {
        this.tracker.fail(sink, new Error(`replay: cannot read ${file}: ${toError(e).message}`));
      }
    }
    const kept = bars.filter((b) => b.time >= this.from && b.time <= this.to);
    // Stable sort: same-time bars keep file order; daily before minute bars of the same instant.
    return kept.sort((a, b) => closeOf(a) - closeOf(b) || (a.interval === b.interval ? 0 : a.interval === '1d' ? -1 : 1));
  }

  private play(bars: Bar[], sink: PriceSink): void {
    if (bars.length === 0) return this.finish();
    const t0 = closeOf(bars[0]);
    const w0 = this.now();
    let i = 0;
    const step = () => {
      this.timer = null;
      if (!this.running) return;
      const clock = this.options.clock;
      const eventNow = clock ? clock() : this.speed === Infinity ? Infinity : t0 + (this.now() - w0) * this.speed;
      let emitted = 0;
      while (i < bars.length && closeOf(bars[i]) <= eventNow && emitted < BATCH) {
        this.emit(bars[i++], sink);
        emitted++;
        if (!this.running) return;
      }
      if (i >= bars.length) return this.finish();
      const wait =
        this.speed === Infinity || emitted >= BATCH
          ? 0
          : clock
            ? Math.max(0, (closeOf(bars[i]) - clock()) / this.speed)
            : Math.max(0, (closeOf(bars[i]) - t0) / this.speed - (this.now() - w0));
      this.timer = setTimeout(step, Math.min(wait, 2_147_000_000));
    };
    this.timer = setTimeout(step, 0);
  }

  private emit(bar: Bar, sink: PriceSink): void {
    if (this.symbols && !this.symbols.has(bar.symbol)) return;
    try {
      sink.onBar?.({ ...bar });
      this.played++;
      this.tracker.markEvent();
    } catch (e) {
      this.tracker.fail(sink, e, false);
    }
  }

  private finish(): void {
    this.running = false;
    this.resolveDone();
  }
}
