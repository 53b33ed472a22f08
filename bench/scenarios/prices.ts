/**
 * The price stage: ticks folded into 1-minute bars (BarAggregator) and rolling windows
 * (PriceWindows), closed bars handed to the prices queue in chunks as PriceFeedService does, and
 * stored by the real worker's PriceBarsProcessor (a child process). Ticks per second, end to end.
 */
import { workerMallocEnv, workerNodeArgs } from '@seismo/config';
import { JobName, QueueName, type PriceBarData } from '@seismo/contracts';
import { BarAggregator, PriceWindows, type Bar } from '@seismo/market';
import { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { rng, WATCHED } from '../headlines';
import { appEnv, benchPrefix, bullConnection, ChildApp, cleanRedis, createBenchDatabase, freePort, median, repeat, round, until } from '../support';
import type { BenchOptions } from '../types';

const CHUNK = 500;

export async function pricesRun(ticks: number, symbols: string[]): Promise<{ ticksPerSec: number; bars: number; inProcessTicksPerSec: number }> {
  const db = await createBenchDatabase();
  const prefix = benchPrefix();
  const healthPort = await freePort();
  const queue = new Queue(QueueName.Prices, { connection: bullConnection(), prefix });
  let worker: ChildApp | null = null;
  try {
    worker = ChildApp.start('worker', 'dist/apps/worker/src/main.js', appEnv(db, prefix, { ...workerMallocEnv(), SEISMO_WORKERS: 'prices,signals', SEISMO_WORKER_HEALTH_PORT: String(healthPort) }), { nodeArgs: workerNodeArgs() });
    await worker.ready(`http://127.0.0.1:${healthPort}/health`);
    // A session of trades: each symbol ticks about 4 times a second of event time.
    const r = rng(99);
    const start = Date.parse('2025-01-27T14:30:00Z');
    const stepMs = 250 / symbols.length;
    const price = new Map(symbols.map((s) => [s, 50 + r() * 500]));
    const windows = new PriceWindows();
    let pending: PriceBarData[] = [];
    let bars = 0;
    const sends: Promise<unknown>[] = [];
    const flush = () => {
      if (!pending.length) return;
      const chunk = pending;
      pending = [];
      const id = `bars-${createHash('sha256').update(chunk.map((b) => `${b.symbol}:${b.time}:${b.close}`).join(',')).digest('hex').slice(0, 32)}`;
      sends.push(queue.add(JobName.PriceBars, { bars: chunk }, { jobId: id }));
    };
    const agg = new BarAggregator((b: Bar) => {
      bars++;
      windows.add(b);
      pending.push({ symbol: b.symbol, interval: b.interval, time: new Date(b.time).toISOString(), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, source: 'bench' });
      if (pending.length >= CHUNK) flush();
    });
    const t0 = performance.now();
    let t = start;
    for (let i = 0; i < ticks; i++) {
      const s = symbols[i % symbols.length];
      const p = price.get(s)! * (1 + (r() - 0.5) * 0.002);
      price.set(s, p);
      agg.push(s, p, 1 + Math.floor(r() * 500), t);
      t += stepMs;
    }
    agg.flushAll();
    const inProcess = performance.now() - t0;
    flush();
    await Promise.all(sends);
    await until(
      'every bar stored',
      async () => {
        if (!worker!.alive) throw new Error(`worker exited: ${worker!.errors()}`);
        return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM price_bars`))[0].n) >= bars;
      },
      300_000,
      10,
    );
    const seconds = (performance.now() - t0) / 1000;
    return { ticksPerSec: ticks / seconds, bars, inProcessTicksPerSec: ticks / (inProcess / 1000) };
  } finally {
    await worker?.stop();
    await queue.close();
    await cleanRedis(prefix);
    await db.drop();
  }
}

export async function prices(o: BenchOptions) {
  const symbols = [...WATCHED.map((w) => w.symbol), ...Array.from({ length: 39 }, (_, i) => `SYM${i}`)];
  const ticks = o.quick ? 20_000 : 2_000_000;
  const runs = await repeat(o.quick ? 1 : 3, !o.quick, () => pricesRun(ticks, symbols));
  return {
    priceTicksPerSec: round(median(runs.map((x) => x.ticksPerSec)), 0),
    priceBarsStored: runs[0].bars,
    priceTicks: ticks,
    priceAggregatorTicksPerSec: round(median(runs.map((x) => x.inProcessTicksPerSec)), 0),
  };
}
