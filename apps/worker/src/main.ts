import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, type AppConfig } from '@seismo/config';
import { createRedis } from '@seismo/queues';
import { createServer } from 'node:http';
import pg from 'pg';
import { SeedService } from './lifecycle/seed.service';
import { WatchdogService } from './lifecycle/watchdog.service';
import { WorkerModule } from './worker.module';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];
const logger = new Logger('Worker');

/** Workers take no job before Postgres and Redis answer. */
async function waitForDependencies(config: AppConfig): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const problems: string[] = [];
    const client = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 2_000 });
    await client
      .connect()
      .then(() => client.query('SELECT 1'))
      .catch((e) => problems.push(`Postgres: ${(e as Error).message}`))
      .finally(() => client.end().catch(() => undefined));
    const redis = createRedis(config.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: 2_000 });
    await redis.ping().catch((e) => problems.push(`Redis: ${(e as Error).message}`));
    redis.disconnect();
    if (!problems.length) return;
    logger.warn(`waiting for dependencies (attempt ${attempt}): ${problems.join('; ')}`);
    await new Promise((r) => setTimeout(r, Math.min(1_000 * attempt, 5_000)));
  }
}

export async function startWorker(config: AppConfig) {
  await waitForDependencies(config);
  // No Nest shutdown hooks: main() handles SIGTERM, so that workers drain before Prisma disconnects.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1) });
  await app.get(SeedService).seed();
  await app.init();
  app.get(WatchdogService).start();
  let health: ReturnType<typeof createServer> | null = null;
  if (config.workerHealthPort) {
    health = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
      const m = process.memoryUsage();
      const mb = (n: number) => Math.round(n / 1_048_576);
      res.end(JSON.stringify({ status: 'ok', workers: config.workers, memoryMb: { rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) } }));
    }).listen(config.workerHealthPort, '127.0.0.1');
  }
  logger.log(`Seismo worker running: ${config.workers.join(', ')}`);
  return {
    app,
    close: async () => {
      health?.close();
      await app.get(WatchdogService).drain();
      await app.close();
    },
  };
}

async function main() {
  const w = await startWorker(loadConfigOrExit());
  // SIGTERM: stop taking jobs, let active ones finish (BullMQ returns unfinished ones), exit within 10 s.
  const stop = async (sig: string) => {
    logger.log(`${sig}: shutting down`);
    const force = setTimeout(() => process.exit(1), 9_000);
    force.unref();
    await w.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    process.stderr.write(`worker failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
