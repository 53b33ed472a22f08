import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Bar, BarInterval } from '../price.types';
import { normalizeSymbol } from '../price.types';

/**
 * Readers for recorded bars: CSV with a header (any column order, e.g. `Date,Close,High,Low,Open,Volume`
 * or `date,open,high,low,close,volume`, optional `symbol`) and JSON lines
 * (`{"symbol","interval"?,"time","open","high","low","close","volume"}`, `time` ISO or epoch).
 */

export interface BarFileOptions {
  /** Symbol for rows without a symbol column; default: the file name without extension. */
  symbol?: string;
  /** Interval for rows that do not say; default: `1d` for date-only times, else `1m`. */
  interval?: BarInterval;
}

const TIME_COLUMNS = ['date', 'datetime', 'time', 'timestamp', 't'];
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch ms of a CSV/JSON time: `YYYY-MM-DD` (00:00 UTC), ISO-8601 (UTC unless an offset is given), or epoch s/ms. */
export function parseBarTime(value: unknown): number {
  if (typeof value === 'number') return value < 1e11 ? value * 1000 : value;
  const s = String(value ?? '').trim();
  if (/^\d+(\.\d+)?$/.test(s)) return parseBarTime(Number(s));
  if (DATE_ONLY.test(s)) return Date.parse(`${s}T00:00:00Z`);
  const iso = s.replace(' ', 'T');
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(iso);
  return Date.parse(hasZone ? iso : `${iso}Z`);
}

function inferInterval(rawTime: unknown, fallback?: BarInterval): BarInterval {
  if (fallback) return fallback;
  return typeof rawTime === 'string' && DATE_ONLY.test(rawTime.trim()) ? '1d' : '1m';
}

function num(v: unknown): number {
  if (v === null || v === undefined || v === '') return Number.NaN;
  return typeof v === 'number' ? v : Number(v);
}

function makeBar(symbol: string, interval: BarInterval, time: number, o: number, h: number, l: number, c: number, v: number): Bar | null {
  if (!symbol || !Number.isFinite(time) || !Number.isFinite(c)) return null;
  const open = Number.isFinite(o) ? o : c;
  return {
    symbol,
    interval,
    time,
    open,
    high: Number.isFinite(h) ? h : Math.max(open, c),
    low: Number.isFinite(l) ? l : Math.min(open, c),
    close: c,
    volume: Number.isFinite(v) ? v : 0,
  };
}

export function parseBarsCsv(text: string, options: BarFileOptions = {}): Bar[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase().replace(/^"|"$/g, ''));
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const iTime = col(...TIME_COLUMNS);
  const iClose = col('close') >= 0 ? col('close') : col('adj close', 'adj_close');
  if (iTime < 0 || iClose < 0) throw new Error(`CSV needs a date/time column and a close column, got: ${lines[0]}`);
  const iOpen = col('open');
  const iHigh = col('high');
  const iLow = col('low');
  const iVol = col('volume');
  const iSym = col('symbol', 'ticker');
  const bars: Bar[] = [];
  for (let n = 1; n < lines.length; n++) {
    const f = lines[n].split(',');
    const rawTime = f[iTime]?.trim();
    const symbol = normalizeSymbol(iSym >= 0 ? (f[iSym] ?? '') : (options.symbol ?? ''));
    const at = (i: number) => (i >= 0 ? num(f[i]?.trim()) : Number.NaN);
    const bar = makeBar(symbol, inferInterval(rawTime, options.interval), parseBarTime(rawTime), at(iOpen), at(iHigh), at(iLow), at(iClose), at(iVol));
    if (bar) bars.push(bar);
  }
  return bars;
}

export function parseBarsJsonl(text: string, options: BarFileOptions = {}): Bar[] {
  const bars: Bar[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '') continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`JSON lines: line ${n + 1} is not JSON`);
    }
    const rawTime = row.time ?? row.date ?? row.t ?? row.timestamp;
    const interval = row.interval === '1d' || row.interval === '1m' ? row.interval : inferInterval(rawTime, options.interval);
    const symbol = normalizeSymbol(String(row.symbol ?? row.s ?? options.symbol ?? ''));
    const bar = makeBar(symbol, interval, parseBarTime(rawTime), num(row.open), num(row.high), num(row.low), num(row.close), num(row.volume));
    if (bar) bars.push(bar);
  }
  return bars;
}

/** Reads a `.csv`, `.jsonl`/`.ndjson` or `.json` (JSON lines) file of bars. */
export async function loadBarFile(path: string, options: BarFileOptions = {}): Promise<Bar[]> {
  const text = await readFile(path, 'utf8');
  const ext = extname(path).toLowerCase();
  const symbol = options.symbol ?? basename(path, extname(path));
  if (ext === '.csv') return parseBarsCsv(text, { ...options, symbol });
  return parseBarsJsonl(text, { ...options, symbol });
}
