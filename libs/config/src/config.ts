import { envSchema, type Env } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${issues.map((i) => `${i.variable} ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

export interface AppConfig {
  env: Env['NODE_ENV'];
  databaseUrl: string;
  redisUrl: string;
  port: number;
  host: string;
  apiKey: string | null;
  feedAllowHosts: string[];
  queuePrefix: string;
  corsOrigins: string[];
  workers: Env['SEISMO_WORKERS'];
  watchlist: { symbols: string[]; keywords: { term: string; symbols: string[] }[]; seed: boolean };
  feeds: { timeoutMs: number; maxBytes: number; minPollSeconds: number };
  prices: {
    provider: Env['SEISMO_PRICE_PROVIDER'];
    pollSeconds: number;
    yahooBaseUrl: string;
    finnhubUrl: string;
    finnhubToken: string | null;
    replayFile: string | null;
    replaySpeed: number;
    replayFrom: string | null;
    replayWallStart: number | null;
  };
  ws: { maxClientsPerIp: number };
  http: { rateLimitPerMinute: number; bodyLimit: string };
  workerHealthPort: number;
  concurrency: { articles: number; feeds: number };
  /** Items per `articles` job (a feed's new items are handed over in jobs of this many). */
  articlesBatchSize: number;
  logLevel: Env['LOG_LEVEL'];
}

function parseKeywords(spec: string): { term: string; symbols: string[] }[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [term, syms = ''] = entry.split('=');
      return { term: term.trim(), symbols: syms.split('|').map((s) => s.trim().toUpperCase()).filter(Boolean) };
    });
}

/** Validates the environment once; an invalid value stops the process naming the variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })));
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    port: e.PORT,
    host: e.HOST,
    apiKey: e.SEISMO_API_KEY ?? null,
    feedAllowHosts: e.SEISMO_FEED_ALLOW_HOSTS,
    queuePrefix: e.SEISMO_QUEUE_PREFIX,
    corsOrigins: e.SEISMO_CORS_ORIGINS,
    workers: e.SEISMO_WORKERS,
    watchlist: {
      symbols: e.SEISMO_WATCHLIST.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean),
      keywords: parseKeywords(e.SEISMO_KEYWORDS),
      seed: e.SEISMO_SEED_WATCHLIST,
    },
    feeds: { timeoutMs: e.SEISMO_FEED_TIMEOUT_MS, maxBytes: e.SEISMO_FEED_MAX_BYTES, minPollSeconds: e.SEISMO_FEED_MIN_POLL_SECONDS },
    prices: {
      provider: e.SEISMO_PRICE_PROVIDER,
      pollSeconds: e.SEISMO_PRICE_POLL_SECONDS,
      yahooBaseUrl: e.SEISMO_YAHOO_BASE_URL,
      finnhubUrl: e.SEISMO_FINNHUB_URL,
      finnhubToken: e.FINNHUB_TOKEN ?? null,
      replayFile: e.SEISMO_REPLAY_FILE ?? null,
      replaySpeed: e.SEISMO_REPLAY_SPEED,
      replayFrom: e.SEISMO_REPLAY_FROM ?? null,
      replayWallStart: e.SEISMO_REPLAY_WALL_START ?? null,
    },
    ws: { maxClientsPerIp: e.SEISMO_WS_MAX_CLIENTS_PER_IP },
    http: { rateLimitPerMinute: e.SEISMO_RATE_LIMIT_PER_MINUTE, bodyLimit: e.SEISMO_BODY_LIMIT },
    workerHealthPort: e.SEISMO_WORKER_HEALTH_PORT,
    concurrency: { articles: e.SEISMO_ARTICLES_CONCURRENCY, feeds: e.SEISMO_FEEDS_CONCURRENCY },
    articlesBatchSize: e.SEISMO_ARTICLES_BATCH_SIZE,
    logLevel: e.LOG_LEVEL,
  };
}

/** For entry points: the validated config, or exit 78 (EX_CONFIG) with the message naming the variable. */
export function loadConfigOrExit(source: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(source);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
}
