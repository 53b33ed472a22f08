/**
 * Alert latency: from the moment a fetched item is enqueued to the `articles` queue (as the feeds
 * stage hands it over) to its `breaking` alert arriving at each connected socket.io client.
 * Path: articles worker (link, score, store) → signals queue → rules → alert row → Redis publish →
 * api gateway → every client. Worker and api are child processes; clients are in this process.
 */
import { workerMallocEnv, workerNodeArgs } from '@seismo/config';
import { EVENTS_CHANNEL, JobName, QueueName, type AlertPayload, type ArticlePayload, type NormalizedItemData, type PipelineEvent } from '@seismo/contracts';
import { STORY_SIMILARITY_THRESHOLD, titleSimilarity } from '@seismo/feeds';
import { SentimentEngine } from '@seismo/sentiment';
import { DEFAULT_RULE_PARAMS } from '@seismo/signals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { closeAll, connectMany, LatencyRecorder } from '../clients';
import { breakingHeadlines, WATCHED, type Headline } from '../headlines';
import { appEnv, benchPrefix, bullConnection, ChildApp, cleanRedis, createBenchDatabase, freePort, median, REDIS_URL, round, sleep, type BenchDb } from '../support';
import type { BenchOptions } from '../types';

/** The run lowers `breaking`'s score bar a little so that enough distinct template headlines clear it. */
const BENCH_MIN_ABS_SCORE = 0.8;

/** Headlines the run's `breaking` rule fires on (its relevance and score thresholds, with a margin), each its own story. */
function triggerHeadlines(count: number): Headline[] {
  const p = DEFAULT_RULE_PARAMS.breaking;
  const minRelevance = Math.min(1, p.minRelevance + 0.03);
  const minAbs = Math.min(1, BENCH_MIN_ABS_SCORE + 0.01);
  const engine = new SentimentEngine({ tickers: WATCHED.map((w) => ({ symbol: w.symbol, name: w.name })) });
  const out: Headline[] = [];
  for (const h of breakingHeadlines()) {
    const a = engine.analyze(h.summary, { title: h.title });
    const strong = a.targets.some((t) => t.type === 'ticker' && t.relevance >= minRelevance && t.score <= -minAbs);
    if (!strong || out.some((o) => titleSimilarity(o.title, h.title) >= STORY_SIMILARITY_THRESHOLD)) continue;
    out.push(h);
    if (out.length === count) break;
  }
  if (out.length < count) throw new Error(`bench: only ${out.length} of ${count} trigger headlines score as breaking`);
  return out;
}

function item(h: Headline, key: string): NormalizedItemData {
  const now = new Date().toISOString();
  const url = `https://news.example.test/latency/${key}`;
  return {
    guid: key,
    url,
    canonicalUrl: url,
    title: h.title,
    summary: h.summary,
    source: 'bench.example.test',
    language: 'en',
    publishedAt: now,
    fetchedAt: now,
    contentHash: createHash('sha256').update(`${h.title}\n${url}`).digest('hex'),
  };
}

interface Stages {
  /** Enqueued → the articles transaction began (queue hop, job pickup, link and score). */
  toArticleTx: number;
  /** → the alert row was inserted (the transaction, signals hop, reads, rules). */
  toAlertRow: number;
  /** → the alert event was on the Redis events channel (the insert's commit, the publish). */
  toPublish: number;
  /** → the median client had the alert (api, socket.io fan-out, client decode). */
  toMedianClient: number;
}

/**
 * Where one trial's time went, from the rows' `created_at` (set by Postgres: the articles
 * transaction's start, the alert's insert). The database reports how long ago each was, which
 * places them on the bench's clock within one query's round trip.
 */
async function stagesOf(db: BenchDb, guid: string, t0: number, published: number | undefined, arrivals: number[]): Promise<Stages | null> {
  const [r] = await db.query<{ article_ago: number; alert_ago: number }>(
    `SELECT extract(epoch FROM clock_timestamp()::timestamp(3) - a.created_at) * 1000 AS article_ago,
            extract(epoch FROM clock_timestamp()::timestamp(3) - al.created_at) * 1000 AS alert_ago
       FROM articles a JOIN alerts al ON a.id = ANY(al.article_ids) AND al.type = 'breaking'
      WHERE a.guid = $1 ORDER BY al.id LIMIT 1`,
    [guid],
  );
  const now = performance.now();
  if (!r || !arrivals.length || published === undefined) return null;
  const article = now - Number(r.article_ago) - t0;
  const alert = now - Number(r.alert_ago) - t0;
  const client = median(arrivals);
  const publish = published - t0;
  // Clocks that disagree (another time zone in a session) would give nonsense: leave it out.
  if (!(article >= 0 && alert >= article && publish >= alert - 1 && client >= publish)) return null;
  return { toArticleTx: article, toAlertRow: alert - article, toPublish: publish - alert, toMedianClient: client - publish };
}

export interface LatencyResult {
  p50: number;
  p99: number;
  max: number;
  missed: number;
  samples: number;
}

export async function latency(o: BenchOptions): Promise<Record<string, number>> {
  const sizes = o.quick ? [5, 20] : [100, 1_000];
  const trials = o.quick ? 3 : 20;
  const warmups = o.quick ? 1 : 3;
  const heads = triggerHeadlines(sizes.length * (trials + warmups));
  const db = await createBenchDatabase();
  const prefix = benchPrefix();
  const [port, healthPort] = [await freePort(), await freePort()];
  const queue = new Queue(QueueName.Articles, { connection: bullConnection(), prefix });
  // The bench listens on the events channel too, to place the alert's publish on its clock: the
  // bench is idle while a trial's alert is on its way, so its subscriber reads the message at once.
  const tap = new Redis(REDIS_URL);
  const publishedAt = new Map<string, number>();
  tap.on('message', (_c, message: string) => {
    const t = performance.now();
    const e = JSON.parse(message) as PipelineEvent;
    if (e.kind === 'alert' && e.alert.type === 'breaking') {
      const key = e.alert.title.slice(e.alert.title.indexOf('): ') + 3);
      if (!publishedAt.has(key)) publishedAt.set(key, t);
    }
  });
  await tap.subscribe(`${prefix}:${EVENTS_CHANNEL}`);
  const env = (extra: Record<string, string>) => appEnv(db, prefix, { SEISMO_WS_MAX_CLIENTS_PER_IP: '5000', SEISMO_RATE_LIMIT_PER_MINUTE: '1000000', ...extra });
  const worker = ChildApp.start('worker', 'dist/apps/worker/src/main.js', env({ ...workerMallocEnv(), SEISMO_WORKER_HEALTH_PORT: String(healthPort) }), { nodeArgs: workerNodeArgs() });
  const api = ChildApp.start('api', 'dist/apps/api/src/main.js', env({ PORT: String(port) }));
  let sockets: Socket[] = [];
  const out: Record<string, number> = {};
  try {
    await worker.ready(`http://127.0.0.1:${healthPort}/health`);
    await api.ready(`http://127.0.0.1:${port}/api/health`);
    // Every trial is a new story on one of 11 tickers: without a cooldown (as PATCH /api/rules
    // would set it) each one raises its own alert instead of one per ticker per 6 hours.
    // Every trigger headline is its own single-source story: let one source suffice, no cooldown.
    await db.query(`UPDATE alert_rules SET cooldown_seconds = 0, params = params || '{"minSources": 1, "minAbsScore": ${BENCH_MIN_ABS_SCORE}}'::jsonb WHERE type = 'breaking'`);
    let next = 0;
    let rec = new LatencyRecorder(0);
    // Each trial's own news event (the api holds it back 50 ms, then writes it a slice at a time)
    // reaches every client before the next trial starts, so that trials do not overlap when the
    // machine is slow. Only the alert's arrival is measured.
    let news = new LatencyRecorder(0);
    const onAlert = (seen: Set<string>) => (a: AlertPayload) => {
      if (a.type !== 'breaking') return;
      const key = a.title.slice(a.title.indexOf('): ') + 3);
      if (seen.has(key)) return; // a second target of the same article
      seen.add(key);
      rec.arrive(key);
    };
    for (const n of sizes) {
      const more = await connectMany(`http://127.0.0.1:${port}/alerts`, n - sockets.length, async (s) => {
        s.on('alert', onAlert(new Set()));
        s.on('article', (a: ArticlePayload) => news.arrive(a.title));
        const ack = await s.timeout(20_000).emitWithAck('subscribe', { types: ['breaking'] });
        if (!ack?.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
      });
      sockets = [...sockets, ...more];
      rec = new LatencyRecorder(n);
      news = new LatencyRecorder(n);
      const stages: { [K in keyof Stages]: number[] } = { toArticleTx: [], toAlertRow: [], toPublish: [], toMedianClient: [] };
      for (let i = -warmups; i < trials; i++) {
        const h = heads[next++];
        const t0 = performance.now();
        const arrived = rec.expect(h.title, t0);
        const newsArrived = news.expect(h.title, t0);
        const key = `${prefix}-${next}`;
        const firstSample = rec.samples.length;
        await queue.add(JobName.ProcessArticles, { feedId: null, items: [item(h, key)] }, { jobId: `latency-${next}` });
        await rec.wait(h.title, arrived, 10_000);
        await news.wait(h.title, newsArrived, 10_000);
        if (i < 0) rec.samples.length = 0;
        else {
          const st = await stagesOf(db, key, t0, publishedAt.get(h.title), rec.samples.slice(firstSample));
          if (st) for (const k of Object.keys(stages) as (keyof Stages)[]) stages[k].push(st[k]);
        }
        await sleep(50);
      }
      const s = rec.stats();
      for (const [k, xs] of Object.entries(stages)) if (xs.length) out[`alertStage${k[0].toUpperCase()}${k.slice(1)}Ms_${n}`] = round(median(xs), 2);
      out[`alertLatencyP50Ms_${n}`] = round(s.p50, 2);
      out[`alertLatencyP99Ms_${n}`] = round(s.p99, 2);
      out[`alertLatencyMaxMs_${n}`] = round(s.max, 2);
      out[`alertsMissed_${n}`] = rec.missed;
    }
    const n = sizes[sizes.length - 1];
    out.wsClients = n;
    out.alertLatencyP50Ms = out[`alertLatencyP50Ms_${n}`];
    out.alertLatencyP99Ms = out[`alertLatencyP99Ms_${n}`];
    out.alertLatencyTrials = trials;
    return out;
  } finally {
    closeAll(sockets);
    tap.disconnect();
    await queue.close();
    await api.stop();
    await worker.stop();
    await cleanRedis(prefix);
    await db.drop();
  }
}
