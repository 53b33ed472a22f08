/** The limits of the parts Seismo is built on, measured in the same run: BullMQ (throughput and one hop's latency), Postgres, socket.io. */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { connectMany, LatencyRecorder } from '../clients';
import { benchPrefix, bullConnection, ChildApp, cleanRedis, CpuMeter, createBenchDatabase, median, percentile, REDIS_URL, repeat, round, until } from '../support';
import type { BenchOptions } from '../types';

/** Same default job options as Seismo's queues (libs/queues), so the comparison is like for like. */
const JOB_OPTS = { attempts: 8, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: 3_600, count: 10_000 }, removeOnFail: { age: 7 * 86_400 } };

/** A no-op BullMQ worker draining N jobs added with addBulk: jobs per second (median of 3 runs after a warm-up). */
export async function rawBullmq(o: BenchOptions): Promise<{ rawBullmqPerSec: number; rawBullmqJobs: number }> {
  const jobs = o.quick ? 500 : 30_000;
  const rates = await repeat(o.quick ? 1 : 3, !o.quick, () => rawBullmqDrain(jobs));
  return { rawBullmqPerSec: round(median(rates), 0), rawBullmqJobs: jobs };
}

/**
 * One measurement: `jobs` no-op jobs added with addBulk (1,000 a call), then drained by a no-op
 * `Worker` (concurrency 100); jobs per second of the drain. The pipeline scenario also takes one
 * right before and one right after its large run, so that its ratio does not depend on how far the
 * machine's speed moved between this scenario and that one.
 */
export async function rawBullmqDrain(jobs: number): Promise<number> {
  const prefix = benchPrefix();
  const connection = bullConnection();
  const queue = new Queue('raw', { connection, prefix });
  try {
    for (let i = 0; i < jobs; i += 1_000) {
      await queue.addBulk(Array.from({ length: Math.min(1_000, jobs - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: JOB_OPTS })));
    }
    let done = 0;
    const t0 = performance.now();
    let t1 = 0;
    const worker = new Worker('raw', async () => undefined, { connection, prefix, concurrency: 100 });
    worker.on('completed', () => {
      if (++done === jobs) t1 = performance.now();
    });
    await until('raw BullMQ drain', () => t1 > 0, 120_000, 5);
    await worker.close();
    return jobs / ((t1 - t0) / 1000);
  } finally {
    await queue.close();
    await cleanRedis(prefix);
  }
}

/**
 * One BullMQ hop with nothing else in it: `add` of a single job → a no-op worker's processor starts
 * (concurrency 4, as the articles worker; one job at a time, idle in between). Seismo's alert path
 * makes two such hops (articles, then signals), so their latency is part of its floor.
 */
export async function rawBullmqHop(o: BenchOptions): Promise<{ rawBullmqHopP50Ms: number; rawBullmqHopP99Ms: number }> {
  const trials = o.quick ? 5 : 60;
  const prefix = benchPrefix();
  const connection = bullConnection();
  const queue = new Queue('hop', { connection, prefix });
  let started: (() => void) | null = null;
  const worker = new Worker('hop', async () => started?.(), { connection, prefix, concurrency: 4 });
  const samples: number[] = [];
  try {
    await worker.waitUntilReady();
    for (let i = -5; i < trials; i++) {
      const picked = new Promise<void>((resolve) => (started = resolve));
      const t0 = performance.now();
      await queue.add('noop', { i }, JOB_OPTS);
      await picked;
      if (i >= 0) samples.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return { rawBullmqHopP50Ms: round(percentile(samples, 50), 2), rawBullmqHopP99Ms: round(percentile(samples, 99), 2) };
  } finally {
    await worker.close();
    await queue.close();
    await cleanRedis(prefix);
  }
}

/** Postgres multi-row INSERT (1,000 rows a statement, 4 connections), rows per second. */
export async function rawPostgres(o: BenchOptions): Promise<{ pgInsertRowsPerSec: number }> {
  const rows = o.quick ? 2_000 : 200_000;
  const db = await createBenchDatabase();
  try {
    const rates = await repeat(o.quick ? 1 : 3, !o.quick, async (run) => {
      const table = `bench_rows_${run < 0 ? 'w' : run}`;
      await db.query(
        `CREATE TABLE ${table} (id serial PRIMARY KEY, content_hash text NOT NULL UNIQUE, title text NOT NULL, summary text NOT NULL, published_at timestamp(3) NOT NULL, sentiment float8 NOT NULL)`,
      );
      const batch = 1_000;
      const now = Date.now();
      const statements: { sql: string; params: unknown[] }[] = [];
      for (let i = 0; i < rows; i += batch) {
        const n = Math.min(batch, rows - i);
        const params: unknown[] = [];
        const values: string[] = [];
        for (let k = 0; k < n; k++) {
          const j = i + k;
          const p = params.length;
          values.push(`($${p + 1},$${p + 2},$${p + 3},$${p + 4},$${p + 5})`);
          params.push(`h${run}-${j}`, `Company ${j % 500} shares rise ${j % 13}% after results`, `Summary of article ${j} with a few more words in it.`, new Date(now - j * 1000), ((j % 200) - 100) / 100);
        }
        statements.push({ sql: `INSERT INTO ${table} (content_hash,title,summary,published_at,sentiment) VALUES ${values.join(',')} ON CONFLICT DO NOTHING`, params });
      }
      const t0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < statements.length) {
            const s = statements[next++];
            await db.pool.query(s.sql, s.params);
          }
        }),
      );
      return rows / ((performance.now() - t0) / 1000);
    });
    return { pgInsertRowsPerSec: round(median(rates), 0) };
  } finally {
    await db.drop();
  }
}

/**
 * What the raw server relays: an object shaped and sized like a `breaking` alert (about 0.9 KB of
 * JSON, as measured on the latency scenario's alerts), so that the raw limit pays the same
 * encoding and decoding per client as Seismo's alerts do.
 */
function alertShaped(key: string): { key: string; alert: Record<string, unknown> } {
  const at = new Date().toISOString();
  const title = 'Microsoft shares nosedive 28.8% after bankruptcy warning';
  return {
    key,
    alert: {
      id: 1,
      type: 'breaking',
      severity: 'warning',
      symbol: 'MSFT',
      keyword: null,
      title: `Breaking (MSFT): ${title}`,
      message: `"${title}" on MSFT (sentiment −1.00, relevance 1.00) — bench.example.test`,
      score: -0.996,
      changePct: null,
      articleIds: [1],
      createdAt: at,
      eventTime: at,
      evidence: {
        asOf: at,
        score: -0.996,
        ruleId: 1,
        sources: ['bench.example.test'],
        storyId: 1,
        articles: [{ id: 1, score: -0.996, title, source: 'bench.example.test', publishedAt: at }],
        relevance: 1,
        thresholds: { minSources: 1, minAbsScore: 0.8, minRelevance: 0.7, criticalSources: 3, lookbackMinutes: 60, criticalAbsScore: 0.97 },
        publishedAt: at,
        leadArticleId: 1,
      },
    },
  };
}

/** One relay measurement: latency to every client, and the CPU the server and the clients spent per delivered message. */
export interface RelayResult {
  p50: number;
  p99: number;
  max: number;
  missed: number;
  /** CPU of the socket.io server process per client per message (µs): encoding and writing. */
  serverCpuUsPerClient: number;
  /** CPU of this process (where every client lives) per client per message (µs): reading and decoding. */
  clientCpuUsPerClient: number;
}

/** Connects `n` clients to the raw server, each calling `arrive(key)` for every `tick` it gets. */
type ConnectClients = (port: number, n: number, arrive: (key: string) => void) => Promise<{ close(): void }[]>;

/** socket.io-client, as the dashboard and the terminal client use it (websocket transport). */
const socketIoClients: ConnectClients = (port, n, arrive) =>
  connectMany(`http://127.0.0.1:${port}`, n, async (s) => {
    s.on('tick', (e: { key: string }) => arrive(e.key));
  });

/**
 * The same protocol with no client library: a websocket that answers Engine.IO 4's open packet with
 * a socket.io 5 connect to the main namespace, its pings with pongs, and reads `42["tick",{…}]`
 * event packets with one JSON.parse. This is the fan-out as the wire delivers it: how much of a
 * client's arrival time is the client library's decoding, repeated for a thousand clients in one
 * process, rather than the server's or the network's.
 */
const wireClients: ConnectClients = async (port, n, arrive) => {
  const one = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
      ws.on('error', reject); // settles the connect; later errors end in a missed arrival
      ws.on('message', (data: Buffer) => {
        const packet = data.toString();
        if (packet.startsWith('42')) {
          const [event, body] = JSON.parse(packet.slice(2)) as [string, { key: string }];
          if (event === 'tick') arrive(body.key);
        } else if (packet === '2') ws.send('3');
        else if (packet.startsWith('40')) resolve(ws);
        else if (packet.startsWith('44')) reject(new Error(`socket.io connect refused: ${packet}`));
        else if (packet[0] === '0') ws.send('40');
      });
    });
  const out: WebSocket[] = [];
  // In waves, as connectMany does.
  for (let i = 0; i < n; i += 100) out.push(...(await Promise.all(Array.from({ length: Math.min(100, n - i) }, one))));
  return out;
};

/**
 * socket.io emit latency to N local clients: Redis PUBLISH → plain socket.io server → clients, with
 * CPU time per delivered message on both sides (all clients share this process, so the client
 * that gets the median arrival waits for about half of the others' decoding first).
 */
async function relay(o: BenchOptions, clients: number, connect: ConnectClients): Promise<RelayResult> {
  const prefix = benchPrefix();
  const channel = `${prefix}:raw`;
  const server = ChildApp.start('raw socket.io server', 'dist/bench/raw-socketio.server.js', {}, { args: [REDIS_URL, channel] });
  const pub = new Redis(REDIS_URL);
  let sockets: { close(): void }[] = [];
  try {
    const port = Number(await server.firstLine());
    const rec = new LatencyRecorder(clients);
    sockets = await connect(port, clients, (key) => rec.arrive(key));
    const trials = o.quick ? 3 : 40;
    // Both taken when the measured trials start (after the warm-ups).
    let serverCpu!: CpuMeter;
    let benchCpu!: NodeJS.CpuUsage;
    for (let i = -5; i < trials; i++) {
      if (i === 0) {
        serverCpu = CpuMeter.of(server.pid);
        benchCpu = process.cpuUsage();
      }
      const key = `t${i}`;
      const t0 = performance.now();
      const arrived = rec.expect(key, t0);
      await pub.publish(channel, JSON.stringify(alertShaped(key)));
      await rec.wait(key, arrived, 10_000);
      if (i < 0) rec.samples.length = 0; // warm-up trials
      await new Promise((r) => setTimeout(r, 20));
    }
    const used = process.cpuUsage(benchCpu);
    const perMessage = (seconds: number) => round((seconds * 1e6) / (trials * clients), 2);
    const s = rec.stats();
    return {
      p50: round(s.p50, 2),
      p99: round(s.p99, 2),
      max: round(s.max, 2),
      missed: rec.missed,
      serverCpuUsPerClient: perMessage(serverCpu.seconds()),
      clientCpuUsPerClient: perMessage((used.user + used.system) / 1e6),
    };
  } finally {
    for (const s of sockets) s.close();
    pub.disconnect();
    await server.stop();
  }
}

/** Bare socket.io fan-out to N socket.io-client clients. */
export function rawSocketIo(o: BenchOptions, clients: number): Promise<RelayResult> {
  return relay(o, clients, socketIoClients);
}

/** The same fan-out to N clients that read the protocol without a client library (`wireClients`). */
export function rawSocketIoWire(o: BenchOptions, clients: number): Promise<RelayResult> {
  return relay(o, clients, wireClients);
}
