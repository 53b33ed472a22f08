/** Pure mapping from api series to lightweight-charts data (no DOM, no chart import). */
import type { AlertPayload } from '../../../libs/contracts/src/events';
import type { PriceBar, SentimentPoint } from './api';

/** Seconds since epoch, as lightweight-charts' `UTCTimestamp` expects. */
export type Sec = number;

export interface Candle {
  time: Sec;
  open: number;
  high: number;
  low: number;
  close: number;
}
export interface Point {
  time: Sec;
  value: number;
  color?: string;
}
export interface Marker {
  time: Sec;
  position: 'aboveBar' | 'belowBar' | 'inBar';
  shape: 'circle' | 'square' | 'arrowUp' | 'arrowDown';
  color: string;
  text: string;
  id: string;
}

const DAY_MS = 86_400_000;

export function toSec(iso: string | number | Date): Sec | null {
  const ms = iso instanceof Date ? iso.getTime() : typeof iso === 'number' ? iso : Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** Daily bars when the range is longer than a week, minute bars otherwise. */
export function chooseInterval(fromMs: number, toMs: number): '1m' | '1d' {
  return toMs - fromMs > 7 * DAY_MS ? '1d' : '1m';
}

export type Bucket = '15m' | '1h' | '1d';
export const BUCKET_SECONDS: Record<Bucket, Sec> = { '15m': 900, '1h': 3600, '1d': 86_400 };

/** Sentiment bucket size for a range: 15 min up to a day and a half, hourly up to 30 days, daily beyond. */
export function chooseBucket(fromMs: number, toMs: number): Bucket {
  const span = toMs - fromMs;
  return span > 30 * DAY_MS ? '1d' : span > 1.5 * DAY_MS ? '1h' : '15m';
}

/** Sorted by time, one entry per time (the last wins), invalid entries dropped. */
function ascendingUnique<T extends { time: Sec }>(items: T[]): T[] {
  const byTime = new Map<Sec, T>();
  for (const it of items) byTime.set(it.time, it);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

const finite = (...xs: unknown[]) => xs.every((x) => typeof x === 'number' && Number.isFinite(x));

export function barsToCandles(bars: readonly PriceBar[]): Candle[] {
  const out: Candle[] = [];
  for (const b of bars) {
    const time = toSec(b.time);
    const [open, high, low, close] = [b.open, b.high, b.low, b.close].map(Number);
    if (time === null || !finite(open, high, low, close)) continue;
    out.push({ time, open, high: Math.max(high, open, close), low: Math.min(low, open, close), close });
  }
  return ascendingUnique(out);
}

/** Mean sentiment per bucket; buckets without scored articles are skipped (a gap, not a zero). */
export function sentimentToLine(points: readonly SentimentPoint[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const time = toSec(p.time);
    if (time === null || p.mean === null || p.mean === undefined || !finite(Number(p.mean)) || !(Number(p.count ?? 1) > 0)) continue;
    out.push({ time, value: Number(p.mean) });
  }
  return ascendingUnique(out);
}

/** Mention velocity per bucket, coloured by the bucket's mood. */
export function sentimentToMentions(points: readonly SentimentPoint[], colors = { pos: '#26a69a80', neg: '#ef535080', neu: '#90a4ae80' }): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const time = toSec(p.time);
    const value = Number(p.mentions ?? 0);
    if (time === null || !finite(value)) continue;
    const mean = p.mean ?? 0;
    out.push({ time, value, color: mean > 0.05 ? colors.pos : mean < -0.05 ? colors.neg : colors.neu });
  }
  return ascendingUnique(out);
}

/** The latest bar time ≤ t; null when t falls outside [first, last + step]. */
export function snapTime(t: Sec, times: readonly Sec[], step: Sec): Sec | null {
  if (!times.length || t < times[0] || t > times[times.length - 1] + step) return null;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return times[lo];
}

export const SEVERITY_COLORS: Record<string, string> = { critical: '#d32f2f', warning: '#f57c00', info: '#1e88e5' };

const SHORT: Record<string, string> = {
  breaking: 'B',
  sentiment_threshold: 'S',
  sentiment_shift: 'Δ',
  mention_spike: 'M',
  price_move: 'P',
  shock: 'SHOCK',
};

/** Alert markers snapped onto bar times (markers must sit on a bar and be sorted). */
export function alertsToMarkers(alerts: readonly AlertPayload[], barTimes: readonly Sec[], step: Sec): Marker[] {
  const out: Marker[] = [];
  for (const a of alerts) {
    const t = toSec(a.eventTime ?? a.createdAt);
    if (t === null) continue;
    const time = snapTime(t, barTimes, step);
    if (time === null) continue;
    const direction = typeof a.changePct === 'number' && a.changePct !== 0 ? a.changePct : (a.score ?? 0);
    const down = direction < 0;
    const up = direction > 0;
    out.push({
      time,
      position: down ? 'aboveBar' : 'belowBar',
      shape: down ? 'arrowDown' : up ? 'arrowUp' : 'circle',
      color: SEVERITY_COLORS[a.severity] ?? SEVERITY_COLORS.info,
      text: SHORT[a.type] ?? a.type,
      id: String(a.id),
    });
  }
  return out.sort((x, y) => x.time - y.time || Number(x.id) - Number(y.id));
}

/** Seconds per bar for an interval. */
export const intervalSeconds = (interval: '1m' | '1d'): Sec => (interval === '1d' ? 86_400 : 60);
