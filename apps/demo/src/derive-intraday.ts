/**
 * Derives intraday bars from daily bars, deterministically. The result is a labelled
 * approximation (see `apps/demo/data/README.md`), not real intraday history:
 *
 * - the price path is sampled once a minute over the regular session (09:30–16:00 New York);
 *   it runs from the day's open to its close through the day's high and its low (the legs get
 *   time in proportion to the distance they travel, seeded ±40%), as Brownian bridges between
 *   those anchors, reflected into [low, high];
 * - bars of `intervalMinutes` take open/high/low/close from that path, so the first bar opens
 *   at the daily open (a gap is visible at once), the last closes at the daily close, and the
 *   bars' extremes are exactly the daily high and low;
 * - the daily volume is spread over the bars U-shaped (heavy at the open and the close),
 *   weighted by each bar's move, and sums exactly to the daily volume.
 *
 * Regenerate the committed file with:
 *   npx jiti apps/demo/src/derive-intraday.ts            (or node dist/apps/demo/src/derive-intraday.js)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DATA_FILES, loadDailyBars, type DailyBar, type IntradayBar } from './replay-data';

export interface DeriveIntradayOptions {
  /** Changes every path; the committed file uses DEFAULT_INTRADAY_SEED. */
  seed?: number;
  /** Bar length; must divide the 390-minute session. */
  intervalMinutes?: number;
}

export const DEFAULT_INTRADAY_SEED = 20250127;
export const DEFAULT_INTERVAL_MINUTES = 5;
const SESSION_MINUTES = 390;
const MINUTE_MS = 60_000;

/** FNV-1a, 32-bit. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for paths; identical on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** UTC instant of 09:30 America/New_York on `date` (handles EST and EDT). */
export function sessionOpenUtc(date: string): Date {
  const guess = new Date(`${date}T14:30:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(guess);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  // 14:30Z is 09:30 in EST (UTC-5) and 10:30 in EDT (UTC-4).
  return hour === 9 ? guess : new Date(guess.getTime() - 60 * MINUTE_MS);
}

/** One-minute path of SESSION_MINUTES + 1 points from open to close, touching high and low. */
function minutePath(bar: DailyBar, rand: () => number): number[] {
  const n = SESSION_MINUTES;
  const range = bar.high - bar.low;
  // Legs open → first extreme → other extreme → close get time in proportion to the distance
  // they travel (±40%), so no leg is implausibly steep. Down days tend to make their high first.
  const highFirst = rand() < (bar.close < bar.open ? 0.7 : 0.3);
  const [first, second] = highFirst ? [bar.high, bar.low] : [bar.low, bar.high];
  const legs = [first - bar.open, second - first, bar.close - second].map((d) => (Math.abs(d) + range * 0.05) * (0.6 + 0.8 * rand()));
  const total = legs[0] + legs[1] + legs[2];
  const t1 = Math.min(n - 2, Math.max(1, Math.round((n * legs[0]) / total)));
  const t2 = Math.min(n - 1, Math.max(t1 + 1, Math.round((n * (legs[0] + legs[1])) / total)));
  const anchors = [
    { t: 0, p: bar.open },
    { t: t1, p: first },
    { t: t2, p: second },
    { t: n, p: bar.close },
  ];
  const sigma = range * 0.02;
  const path = new Array<number>(n + 1);
  for (let s = 0; s < anchors.length - 1; s++) {
    const a = anchors[s];
    const b = anchors[s + 1];
    const len = b.t - a.t;
    const walk = [0];
    for (let i = 1; i <= len; i++) walk.push(walk[i - 1] + sigma * gaussian(rand));
    for (let i = 0; i <= len; i++) {
      const f = i / len;
      let p = a.p + (b.p - a.p) * f + (walk[i] - f * walk[len]);
      // Reflect into the day's range, then clamp what a double reflection could leave outside.
      if (p > bar.high) p = 2 * bar.high - p;
      if (p < bar.low) p = 2 * bar.low - p;
      path[a.t + i] = Math.min(bar.high, Math.max(bar.low, p));
    }
  }
  return path;
}

/** Splits `total` into integers proportional to `weights`, summing exactly to `total`. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((s, v) => s + v, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((x, y) => y.frac - x.frac || x.i - y.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k].i]++;
  return out;
}

/** Intraday bars for one trading day. */
export function deriveDay(bar: DailyBar, options: DeriveIntradayOptions = {}): IntradayBar[] {
  const interval = options.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES;
  if (!Number.isInteger(interval) || interval <= 0 || SESSION_MINUTES % interval !== 0) {
    throw new Error(`intervalMinutes must divide ${SESSION_MINUTES}, got ${interval}`);
  }
  const rand = seededRandom(hash32(`${options.seed ?? DEFAULT_INTRADAY_SEED}|${bar.symbol}|${bar.date}`));
  const path = minutePath(bar, rand);
  const count = SESSION_MINUTES / interval;
  const start = sessionOpenUtc(bar.date).getTime();
  const bars: IntradayBar[] = [];
  const weights: number[] = [];
  const mid = (count - 1) / 2;
  for (let k = 0; k < count; k++) {
    const seg = path.slice(k * interval, (k + 1) * interval + 1);
    const open = k === 0 ? bar.open : round2(seg[0]);
    const close = k === count - 1 ? bar.close : round2(seg[seg.length - 1]);
    const high = round2(Math.max(...seg));
    const low = round2(Math.min(...seg));
    bars.push({ symbol: bar.symbol, time: new Date(start + k * interval * MINUTE_MS), open, high, low, close, volume: 0 });
    const u = 1 + 2.2 * ((k - mid) / mid) ** 2;
    const auction = k === 0 ? 1.8 : k === count - 1 ? 2.4 : 1;
    const move = 1 + (25 * (high - low)) / bar.open;
    weights.push(u * auction * move * Math.exp(0.25 * gaussian(rand)));
  }
  apportion(bar.volume, weights).forEach((v, k) => (bars[k].volume = v));
  return bars;
}

/** Intraday bars for every daily bar, ordered by symbol (as given) then time. */
export function deriveIntradayBars(daily: DailyBar[], options: DeriveIntradayOptions = {}): IntradayBar[] {
  return daily.flatMap((bar) => deriveDay(bar, options));
}

export function formatIntradayCsv(bars: IntradayBar[]): string {
  const lines = bars.map((b) =>
    [b.symbol, b.time.toISOString().replace('.000Z', 'Z'), b.open.toFixed(2), b.high.toFixed(2), b.low.toFixed(2), b.close.toFixed(2), b.volume].join(','),
  );
  return ['symbol,time,open,high,low,close,volume', ...lines].join('\n') + '\n';
}

function main(): void {
  const bars = deriveIntradayBars(loadDailyBars());
  writeFileSync(DATA_FILES.intradayBars, formatIntradayCsv(bars));
  process.stdout.write(`wrote ${bars.length} bars to ${fileURLToPath(DATA_FILES.intradayBars)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url).replace(/\.[jt]s$/, '') === process.argv[1].replace(/\.[jt]s$/, '')) main();
