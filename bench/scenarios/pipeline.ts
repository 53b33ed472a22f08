/**
 * The news pipeline end to end, in the real worker (a child process): feed fetched → parsed →
 * deduplicated → linked → scored → stored → signals evaluated, articles per second.
 */
import { workerMallocEnv, workerNodeArgs } from '@seismo/config';
import { JobName, QueueName } from '@seismo/contracts';
import { Queue } from 'bullmq';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchFeedServer } from '../feed-server';
import { headlines } from '../headlines';
import { appEnv, benchPrefix, bullConnection, ChildApp, cleanRedis, CpuMeter, createBenchDatabase, freePort, median, repeat, ROOT, round, until } from '../support';
import type { BenchOptions, Figures } from '../types';
import { rawBullmqDrain } from './raw';

export interface PipelineTuning {
  /** Worker processes (each runs every queue). */
  workers: number;
  articlesConcurrency: number;
  feedsConcurrency: number;
  articlesBatchSize: number;
}

export const PIPELINE_TUNING: PipelineTuning = { workers: 1, articlesConcurrency: 4, feedsConcurrency: 8, articlesBatchSize: 500 };

export interface PipelineRun {
  items: number;
  /** Fetch jobs enqueued → last signals job finished. */
  articlesPerSec: number;
  /** Fetch jobs enqueued → last article row stored. */
  storedPerSec: number;
  seconds: number;
  peakRssMb: number;
  /** Largest V8 heap in use and largest external (Buffer) memory, sampled every 250 ms. */
  peakHeapUsedMb: number;
  peakExternalMb: number;
  signalJobs: number;
  alerts: number;
  /** CPU time per article over the clock (µs): the worker, Postgres, Redis, and this process (feed server, probes). */
  cpuUs: { worker: number; postgres: number; redis: number; bench: number };
}

/** One run: `feeds` × `perFeed` new items through a fresh worker, database and queue prefix. */
export async function pipelineRun(feeds: number, perFeed: number, tuning: PipelineTuning, profileDir?: string): Promise<PipelineRun> {
  const total = feeds * perFeed;
  const db = await createBenchDatabase();
  const prefix = benchPrefix();
  const tag = prefix;
  const server = await new BenchFeedServer(feeds, perFeed, headlines(Math.min(total, 50_000), 1234), tag).start();
  const healthPorts = await Promise.all(Array.from({ length: tuning.workers }, () => freePort()));
  const connection = bullConnection();
  const queues = Object.fromEntries([QueueName.Feeds, QueueName.Articles, QueueName.Signals].map((n) => [n, new Queue(n, { connection, prefix })]));
  const workers: ChildApp[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    const values = Array.from({ length: feeds }, (_, f) => `('${server.url}${server.path(f)}', 86400, now())`).join(',');
    const ids = (await db.query<{ id: number }>(`INSERT INTO feeds (url, poll_seconds, updated_at) VALUES ${values} RETURNING id`)).map((r) => r.id);
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    for (const healthPort of healthPorts) {
      workers.push(
        ChildApp.start(
          'worker',
          'dist/apps/worker/src/main.js',
          appEnv(db, prefix, {
            ...workerMallocEnv(),
            SEISMO_WORKER_HEALTH_PORT: String(healthPort),
            SEISMO_ARTICLES_CONCURRENCY: String(tuning.articlesConcurrency),
            SEISMO_FEEDS_CONCURRENCY: String(tuning.feedsConcurrency),
            SEISMO_ARTICLES_BATCH_SIZE: String(tuning.articlesBatchSize),
          }),
          { nodeArgs: [...workerNodeArgs(), ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])] },
        ),
      );
    }
    await Promise.all(workers.map((w, i) => w.ready(`http://127.0.0.1:${healthPorts[i]}/health`)));
    // The job schedulers poll every feed once at start (still empty): wait for that to pass.
    await until(
      'first (empty) poll of every feed',
      async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM feeds WHERE last_fetched_at IS NOT NULL`))[0].n) === feeds,
      60_000,
      50,
    );
    server.armed = true;
    // The worker's memory by kind, sampled from its health endpoint: the largest of each over the run.
    const memory: Record<string, number> = {};
    sampler = setInterval(() => {
      for (const healthPort of healthPorts) {
        fetch(`http://127.0.0.1:${healthPort}/health`)
          .then((r) => r.json() as Promise<{ memoryMb?: Record<string, number> }>)
          .then((h) => {
            for (const [k, v] of Object.entries(h.memoryMb ?? {})) memory[k] = Math.max(memory[k] ?? 0, v);
          })
          .catch(() => undefined);
      }
    }, 250);
    const cpu = { worker: CpuMeter.of(...workers.map((w) => w.pid)), postgres: CpuMeter.named('postgres'), redis: CpuMeter.named('redis-server') };
    const benchCpu = process.cpuUsage();
    const t0 = performance.now();
    await queues[QueueName.Feeds].addBulk(ids.map((feedId) => ({ name: JobName.FetchFeed, data: { feedId }, opts: { jobId: `bench-${feedId}`, attempts: 1 } })));
    const stored = await until(
      'every article stored',
      async () => {
        for (const w of workers) if (!w.alive) throw new Error(`worker exited: ${w.errors()}`);
        // max(id) is one index probe; count(*) over 100,000 rows every 25 ms would load the machine
        // under test (parallel scans). Ids are consumed only by inserts, so count only once max(id) is there.
        const now = performance.now();
        if (Number((await db.query<{ n: string | null }>(`SELECT max(id) AS n FROM articles`))[0].n ?? 0) < total) return false;
        return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM articles`))[0].n) >= total && now;
      },
      600_000,
      25,
    );
    const drained = await until(
      'articles and signals queues drained',
      async () => {
        for (const q of [queues[QueueName.Articles], queues[QueueName.Signals]]) {
          const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
          if (Object.values(c).some((n) => n > 0)) return false;
        }
        return performance.now();
      },
      600_000,
      25,
    );
    const perArticle = (seconds: number) => (seconds * 1e6) / total;
    const benchUsed = process.cpuUsage(benchCpu);
    const cpuUs = { worker: perArticle(cpu.worker.seconds()), postgres: perArticle(cpu.postgres.seconds()), redis: perArticle(cpu.redis.seconds()), bench: perArticle((benchUsed.user + benchUsed.system) / 1e6) };
    clearInterval(sampler);
    const signalCounts = await queues[QueueName.Signals].getJobCounts('completed', 'failed');
    const alerts = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM alerts`))[0].n);
    const seconds = (drained - t0) / 1000;
    return {
      items: total,
      articlesPerSec: total / seconds,
      storedPerSec: total / ((stored - t0) / 1000),
      seconds,
      peakRssMb: Math.max(...workers.map((w) => w.peakRssMb())),
      peakHeapUsedMb: memory.heapUsed ?? 0,
      peakExternalMb: memory.external ?? 0,
      signalJobs: (signalCounts.completed ?? 0) + (signalCounts.failed ?? 0),
      alerts,
      cpuUs,
    };
  } finally {
    clearInterval(sampler);
    await Promise.all(workers.map((w) => w.stop()));
    await Promise.all(Object.values(queues).map((q) => q.close()));
    await server.close();
    await cleanRedis(prefix);
    await db.drop();
  }
}

export async function pipeline(o: BenchOptions & { profile?: boolean; pipelineItems?: number }, tuning = PIPELINE_TUNING): Promise<Figures> {
  const profileDir = o.profile ? join(ROOT, 'dist/bench/profiles') : undefined;
  if (o.quick) {
    const before = await rawBullmqDrain(500);
    const r = await pipelineRun(4, 25, tuning);
    const after = await rawBullmqDrain(500);
    return {
      ...around(before, after),
      pipelineArticlesPerSec: round(r.articlesPerSec, 0),
      pipelineStoredPerSec: round(r.storedPerSec, 0),
      pipelineItems: r.items,
      pipelineSeconds: round(r.seconds, 2),
      peakRssMb: round(r.peakRssMb, 0),
      pipelineSignalJobs: r.signalJobs,
      ...cpuFigures([r]),
    };
  }
  // Growth at issue 7's sizes: 10,000 items (3 runs after a warm-up, median), then 100,000 items
  // (one run: the headline figure). `--pipeline-items` sets the large size; the small is a tenth.
  const largeItems = o.pipelineItems ?? 100_000;
  const smallItems = Math.max(100, Math.round(largeItems / 10));
  const small = await repeat(3, true, () => pipelineRun(100, Math.max(1, Math.round(smallItems / 100)), tuning));
  // Raw BullMQ right before and right after the large run: the same yardstick as the raw scenario's,
  // taken minutes closer to the figure it is compared with (this machine's speed drifts).
  const before = await rawBullmqDrain(30_000);
  const large = await repeat(largeItems >= 50_000 ? 1 : 2, false, (i) => pipelineRun(100, Math.max(1, Math.round(largeItems / 100)), tuning, i === 0 ? profileDir : undefined));
  const after = await rawBullmqDrain(30_000);
  return {
    ...around(before, after),
    pipelineArticlesPerSec: round(median(large.map((r) => r.articlesPerSec)), 0),
    pipelineStoredPerSec: round(median(large.map((r) => r.storedPerSec)), 0),
    pipelineItems: large[0].items,
    pipelineSeconds: round(median(large.map((r) => r.seconds)), 2),
    pipelineSmallArticlesPerSec: round(median(small.map((r) => r.articlesPerSec)), 0),
    pipelineSmallStoredPerSec: round(median(small.map((r) => r.storedPerSec)), 0),
    peakRssMb: round(Math.max(...large.map((r) => r.peakRssMb)), 0),
    peakHeapUsedMb: Math.max(...large.map((r) => r.peakHeapUsedMb)),
    peakExternalMb: Math.max(...large.map((r) => r.peakExternalMb)),
    pipelineSmallItems: small[0].items,
    peakRssMbSmall: round(Math.max(...small.map((r) => r.peakRssMb)), 0),
    pipelineSignalJobs: large[0].signalJobs,
    pipelineAlerts: large[0].alerts,
    ...cpuFigures(large),
  };
}

/** Raw no-op BullMQ drain rates taken right before and after the large pipeline run, and their mean. */
function around(before: number, after: number): Figures {
  return {
    rawBullmqPerSecAroundPipeline: round((before + after) / 2, 0),
    rawBullmqPerSecBeforePipeline: round(before, 0),
    rawBullmqPerSecAfterPipeline: round(after, 0),
  };
}

/** CPU per article of the large runs (median), by process and in all: what two cores must pay for each article. */
function cpuFigures(runs: PipelineRun[]): Figures {
  const of = (k: keyof PipelineRun['cpuUs']) => round(median(runs.map((r) => r.cpuUs[k])), 0);
  const [worker, postgres, redis, bench] = [of('worker'), of('postgres'), of('redis'), of('bench')];
  return {
    pipelineCpuUsPerArticle: worker + postgres + redis + bench,
    pipelineWorkerCpuUsPerArticle: worker,
    pipelinePostgresCpuUsPerArticle: postgres,
    pipelineRedisCpuUsPerArticle: redis,
    pipelineBenchCpuUsPerArticle: bench,
  };
}
