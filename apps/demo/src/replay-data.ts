/**
 * The DeepSeek-week replay data shipped in `apps/demo/data`: types, parsers and loaders.
 * Paths resolve relative to this module, so the same code works from `apps/demo/src` (jest)
 * and from `dist/apps/demo/src` (the build copies `apps/demo/data` to `dist/apps/demo/data`).
 */
import { readFileSync } from 'node:fs';

/** One headline written by the project for the replay (see `apps/demo/data/README.md`). */
export interface Headline {
  id: string;
  /** Display name of the (fictional) outlet. */
  source: string;
  publishedAt: Date;
  title: string;
  summary: string;
  url: string;
  /** Feed key: the feed server serves it at `/feeds/<feed>.xml`. */
  feed: string;
}

/** One trading day, prices as traded (not adjusted). `date` is `YYYY-MM-DD` (US/Eastern session). */
export interface DailyBar {
  symbol: string;
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** One intraday bar derived from the daily bars. `time` is the bar start (UTC). */
export interface IntradayBar {
  symbol: string;
  time: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export const DATA_FILES = {
  headlines: new URL('../data/headlines.jsonl', import.meta.url),
  dailyBars: new URL('../data/prices-daily.csv', import.meta.url),
  intradayBars: new URL('../data/prices-intraday.csv', import.meta.url),
} as const;

const FEED_KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function fail(where: string, reason: string): never {
  throw new Error(`${where}: ${reason}`);
}

function requireString(obj: Record<string, unknown>, key: string, where: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.trim() === '') fail(where, `"${key}" must be a non-empty string`);
  return v;
}

/** Parses `headlines.jsonl` text; throws on the first bad line, naming it. Sorted by publishedAt, then id. */
export function parseHeadlines(text: string, name = 'headlines'): Headline[] {
  const out: Headline[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${name}:${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      fail(where, `not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail(where, 'not an object');
    const obj = raw as Record<string, unknown>;
    const id = requireString(obj, 'id', where);
    if (ids.has(id)) fail(where, `duplicate id ${id}`);
    ids.add(id);
    const publishedAtText = requireString(obj, 'publishedAt', where);
    const publishedAt = new Date(publishedAtText);
    if (Number.isNaN(publishedAt.getTime()) || !publishedAtText.endsWith('Z')) fail(where, 'publishedAt must be ISO-8601 UTC');
    const url = requireString(obj, 'url', where);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      fail(where, 'url is not a URL');
    }
    if (parsed.protocol !== 'https:') fail(where, 'url must be https');
    const feed = requireString(obj, 'feed', where);
    if (!FEED_KEY.test(feed)) fail(where, `feed "${feed}" must match ${FEED_KEY}`);
    out.push({
      id,
      source: requireString(obj, 'source', where),
      publishedAt,
      title: requireString(obj, 'title', where),
      summary: requireString(obj, 'summary', where),
      url,
      feed,
    });
  });
  return out.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id.localeCompare(b.id));
}

function csvRows(text: string, expected: string[], name: string): { cells: string[]; where: string }[] {
  const lines = text.split('\n');
  const header = lines[0]?.trim().split(',') ?? [];
  if (header.join(',') !== expected.join(',')) fail(`${name}:1`, `header must be ${expected.join(',')}`);
  const rows: { cells: string[]; where: string }[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${name}:${i + 2}`;
    const cells = line.trim().split(',');
    if (cells.length !== expected.length) fail(where, `expected ${expected.length} columns, got ${cells.length}`);
    rows.push({ cells, where });
  });
  return rows;
}

function ohlcv(cells: string[], where: string): Pick<DailyBar, 'open' | 'high' | 'low' | 'close' | 'volume'> {
  const [open, high, low, close, volume] = cells.map(Number);
  if (![open, high, low, close, volume].every((n) => Number.isFinite(n))) fail(where, 'non-numeric price or volume');
  if (!(low > 0) || high < Math.max(open, close) || low > Math.min(open, close)) fail(where, 'inconsistent OHLC');
  if (volume < 0 || !Number.isInteger(volume)) fail(where, 'volume must be a non-negative integer');
  return { open, high, low, close, volume };
}

/** Parses `symbol,date,open,high,low,close,volume`. */
export function parseDailyBars(text: string, name = 'prices-daily'): DailyBar[] {
  return csvRows(text, ['symbol', 'date', 'open', 'high', 'low', 'close', 'volume'], name).map(({ cells, where }) => {
    const [symbol, date] = cells;
    if (!/^[A-Z.]{1,10}$/.test(symbol)) fail(where, `bad symbol ${symbol}`);
    if (!DATE_RE.test(date)) fail(where, `bad date ${date}`);
    return { symbol, date, ...ohlcv(cells.slice(2), where) };
  });
}

/** Parses `symbol,time,open,high,low,close,volume` with ISO UTC times. */
export function parseIntradayBars(text: string, name = 'prices-intraday'): IntradayBar[] {
  return csvRows(text, ['symbol', 'time', 'open', 'high', 'low', 'close', 'volume'], name).map(({ cells, where }) => {
    const [symbol, timeText] = cells;
    const time = new Date(timeText);
    if (Number.isNaN(time.getTime()) || !timeText.endsWith('Z')) fail(where, `bad time ${timeText}`);
    return { symbol, time, ...ohlcv(cells.slice(2), where) };
  });
}

export function loadHeadlines(path: string | URL = DATA_FILES.headlines): Headline[] {
  return parseHeadlines(readFileSync(path, 'utf8'), String(path));
}

export function loadDailyBars(path: string | URL = DATA_FILES.dailyBars): DailyBar[] {
  return parseDailyBars(readFileSync(path, 'utf8'), String(path));
}

export function loadIntradayBars(path: string | URL = DATA_FILES.intradayBars): IntradayBar[] {
  return parseIntradayBars(readFileSync(path, 'utf8'), String(path));
}
