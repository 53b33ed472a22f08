import { z } from 'zod';

const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL`);

const int = (def: number, min: number, max: number) =>
  z.coerce.number().int('must be an integer').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).default(def);

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? def : ['true', '1', 'yes'].includes(v)));

/** The one environment schema. Only loadConfig() reads process.env. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: url(['postgresql:', 'postgres:']).default('postgresql://postgres@127.0.0.1:5432/seismo'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  SEISMO_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  SEISMO_FEED_ALLOW_HOSTS: csv,
  SEISMO_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:{}_-]+$/, 'may hold letters, digits, : { } _ -').default('seismo'),
  SEISMO_CORS_ORIGINS: csv,
  SEISMO_WORKERS: z
    .string()
    .optional()
    .transform((v) => (v ?? 'feeds,articles,prices,signals,deliveries').split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['feeds', 'articles', 'prices', 'signals', 'deliveries'], { message: 'lists queues among feeds,articles,prices,signals,deliveries' }))),
  SEISMO_WATCHLIST: z.string().default('NVDA,AVGO,TSM,ASML,AMD,MSFT,META,GOOGL,ORCL,AAPL,AMZN,QQQ'),
  SEISMO_KEYWORDS: z.string().default('DeepSeek=NVDA|AVGO|TSM|ASML|AMD,export controls=NVDA|AMD|ASML|TSM,Stargate=ORCL|MSFT|NVDA'),
  SEISMO_SEED_WATCHLIST: bool(true),
  SEISMO_FEED_TIMEOUT_MS: int(20_000, 100, 120_000),
  SEISMO_FEED_MAX_BYTES: int(15 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  SEISMO_FEED_MIN_POLL_SECONDS: int(10, 1, 86_400),
  SEISMO_PRICE_PROVIDER: z.enum(['none', 'yahoo', 'finnhub', 'replay']).default('none'),
  SEISMO_PRICE_POLL_SECONDS: int(60, 5, 86_400),
  SEISMO_YAHOO_BASE_URL: url(['http:', 'https:']).default('https://query1.finance.yahoo.com'),
  SEISMO_FINNHUB_URL: url(['ws:', 'wss:']).default('wss://ws.finnhub.io'),
  FINNHUB_TOKEN: z.string().optional(),
  SEISMO_REPLAY_FILE: z.string().optional(),
  SEISMO_REPLAY_SPEED: z.coerce.number().positive('must be positive').default(1),
  SEISMO_REPLAY_FROM: z.string().datetime({ message: 'must be an ISO-8601 UTC time' }).optional(),
  SEISMO_REPLAY_WALL_START: z.coerce.number().int('must be epoch milliseconds').positive('must be epoch milliseconds').optional(),
  SEISMO_WS_MAX_CLIENTS_PER_IP: int(200, 1, 100_000),
  SEISMO_RATE_LIMIT_PER_MINUTE: int(600, 1, 1_000_000),
  SEISMO_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i, 'must look like 100kb or 1mb').default('100kb'),
  SEISMO_WORKER_HEALTH_PORT: int(0, 0, 65535),
  SEISMO_ARTICLES_CONCURRENCY: int(4, 1, 64),
  SEISMO_FEEDS_CONCURRENCY: int(8, 1, 256),
  SEISMO_ARTICLES_BATCH_SIZE: int(500, 1, 5_000),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
});

export type Env = z.output<typeof envSchema>;
