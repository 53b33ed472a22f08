/** Same-origin REST client: JSON in and out, optional Bearer key kept in localStorage. */
import type { AlertPayload, AlertType, ArticlePayload } from '../../../libs/contracts/src/events';

export const API_KEY_STORAGE = 'seismo.apiKey';

export interface Page<T> {
  items: T[];
  next: string | number | null;
}

export interface Health {
  status: 'ok' | 'error';
  db?: unknown;
  redis?: unknown;
  queues?: unknown;
}

export interface Ticker {
  symbol: string;
  name?: string | null;
  aliases?: string[];
}

export interface Keyword {
  id: number | string;
  term: string;
  aliases?: string[];
  /** Linked tickers; the api may answer strings or `{symbol}` objects. */
  symbols?: Array<string | { symbol: string }>;
}

export interface Feed {
  id: number | string;
  url: string;
  title?: string | null;
  pollSeconds: number;
  lastFetchedAt: string | null;
  lastStatus: number | string | null;
  lastError: string | null;
  errorCount: number;
  itemsSeen: number;
}

export interface Rule {
  id: number | string;
  type: AlertType;
  symbol?: string | null;
  keyword?: string | null;
  params: Record<string, unknown>;
  cooldownSeconds?: number;
  enabled?: boolean;
}

export interface Snooze {
  id: number | string;
  targetType: 'ticker' | 'keyword';
  target: string;
  until: string;
}

export interface SentimentPoint {
  time: string;
  mean: number | null;
  count: number;
  mentions: number;
}

export interface PriceBar {
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume?: number | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x` from the defined, non-empty values; '' when none. */
export function buildQuery(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Best human message from an error body (`{message}` as string or list, Nest style). */
export function errorMessage(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; error?: unknown };
    if (Array.isArray(b.message)) return b.message.map(String).join('; ');
    if (typeof b.message === 'string') return b.message;
    if (typeof b.error === 'string') return b.error;
  }
  if (typeof body === 'string' && body.trim()) return body.trim().slice(0, 200);
  return `HTTP ${status}`;
}

export function getApiKey(): string | null {
  try {
    return localStorage.getItem(API_KEY_STORAGE) || null;
  } catch {
    return null;
  }
}

export function setApiKey(key: string | null): void {
  try {
    if (key) localStorage.setItem(API_KEY_STORAGE, key);
    else localStorage.removeItem(API_KEY_STORAGE);
  } catch {
    /* storage disabled: key lives for this page only */
  }
  for (const fn of keyListeners) fn(key);
}

const keyListeners = new Set<(key: string | null) => void>();
export function onApiKeyChange(fn: (key: string | null) => void): void {
  keyListeners.add(fn);
}

/** Called on 401: asks the user for a key; resolves null when they cancel. */
let askForKey: (() => Promise<string | null>) | null = null;
export function setKeyPrompt(fn: () => Promise<string | null>): void {
  askForKey = fn;
}

export async function request<T>(method: string, path: string, opts: { query?: Query; body?: unknown } = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const key = getApiKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/api${path}${buildQuery(opts.query)}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown = text;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
  }
  if (res.status === 401 && !retried && askForKey) {
    const fresh = await askForKey();
    if (fresh) return request<T>(method, path, opts, true);
  }
  if (!res.ok) throw new ApiError(res.status, errorMessage(res.status, body), body);
  return (text ? body : undefined) as T;
}

/** Follows `next` cursors up to `maxPages`. */
async function listAll<T>(path: string, query: Query = {}, maxPages = 10): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | number | null | undefined;
  for (let page = 0; page < maxPages; page++) {
    const res = await request<Page<T>>('GET', path, { query: { limit: 200, ...query, cursor: cursor ?? undefined } });
    out.push(...(res?.items ?? []));
    cursor = res?.next;
    if (cursor === null || cursor === undefined || cursor === '') break;
  }
  return out;
}

const enc = encodeURIComponent;

export const api = {
  health: () => request<Health>('GET', '/health'),

  tickers: {
    list: () => listAll<Ticker>('/tickers'),
    create: (body: { symbol: string; name?: string; aliases?: string[] }) => request<Ticker>('POST', '/tickers', { body }),
    remove: (symbol: string) => request<void>('DELETE', `/tickers/${enc(symbol)}`),
  },
  keywords: {
    list: () => listAll<Keyword>('/keywords'),
    create: (body: { term: string; aliases?: string[]; symbols?: string[] }) => request<Keyword>('POST', '/keywords', { body }),
    remove: (id: Keyword['id']) => request<void>('DELETE', `/keywords/${enc(String(id))}`),
  },
  feeds: {
    list: () => listAll<Feed>('/feeds'),
    create: (body: { url: string; pollSeconds?: number }) => request<Feed>('POST', '/feeds', { body }),
    update: (id: Feed['id'], body: Partial<Pick<Feed, 'url' | 'pollSeconds'>>) => request<Feed>('PATCH', `/feeds/${enc(String(id))}`, { body }),
    remove: (id: Feed['id']) => request<void>('DELETE', `/feeds/${enc(String(id))}`),
  },
  rules: {
    list: () => listAll<Rule>('/rules'),
    create: (body: Omit<Rule, 'id'>) => request<Rule>('POST', '/rules', { body }),
    update: (id: Rule['id'], body: Partial<Omit<Rule, 'id'>>) => request<Rule>('PATCH', `/rules/${enc(String(id))}`, { body }),
    remove: (id: Rule['id']) => request<void>('DELETE', `/rules/${enc(String(id))}`),
  },
  snoozes: {
    list: () => listAll<Snooze>('/snoozes'),
    create: (body: { targetType: Snooze['targetType']; target: string; minutes?: number; until?: string }) => request<Snooze>('POST', '/snoozes', { body }),
    remove: (id: Snooze['id']) => request<void>('DELETE', `/snoozes/${enc(String(id))}`),
  },
  alerts: (query: { symbol?: string; keyword?: string; type?: string; after?: number; limit?: number }) =>
    request<Page<AlertPayload>>('GET', '/alerts', { query }),
  articles: (query: { symbol?: string; keyword?: string; from?: string; to?: string; limit?: number }) =>
    request<Page<ArticlePayload>>('GET', '/articles', { query }),
  sentiment: (symbol: string, query: { from?: string; to?: string; bucket?: string }) =>
    request<{ symbol: string; bucket: string; items: SentimentPoint[] }>('GET', `/sentiment/${enc(symbol)}`, { query }),
  prices: (symbol: string, query: { from?: string; to?: string; interval?: '1m' | '1d'; limit?: number }) =>
    request<{ symbol: string; interval: string; items: PriceBar[] }>('GET', `/prices/${enc(symbol)}`, { query }),
};
