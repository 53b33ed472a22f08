/**
 * `npm run demo`: the DeepSeek week (20–31 Jan 2025) through the real pipeline. A loopback feed
 * server publishes the week's headlines on a compressed clock, the worker's replay price provider
 * plays the week's bars on the same clock, and the api + worker processes are the ones `npm start`
 * runs. Then it keeps serving so the history can be browsed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { io } from 'socket.io-client';
import { loadConfig, workerMallocEnv, workerNodeArgs } from '@seismo/config';
import type { AlertPayload } from '@seismo/contracts';
import { applyMigrations, ensureDatabase } from '@seismo/db';
import { deletePrefix } from '@seismo/queues';
import { parseDemoArgs } from './demo.args';
import { startFeedServer } from './feed-server';
import { DATA_FILES, loadHeadlines } from './replay-data';
import { REPLAY_FROM, REPLAY_TO, ReplayClock } from './replay-clock';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const COLORS: Record<string, string> = { critical: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };
const WATCHLIST = 'NVDA,AVGO,TSM,ASML,AMD,MSFT,META,GOOGL,ORCL,QQQ,AAPL';
const KEYWORDS = 'DeepSeek=NVDA|AVGO|TSM|ASML|AMD,export controls=NVDA|AMD|ASML|TSM,Stargate=ORCL|MSFT|NVDA';
/**
 * The demo's feeds poll every 2 s of wall time (about 3 event-hours at the default speed); the api
 * refuses less than 10 s for real feeds, so they are registered straight in the database.
 */
const DEMO_POLL_SECONDS = 2;
const say = (m: string) => process.stdout.write(`[demo] ${m}\n`);

async function resetDatabase(url: string, migrations: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await c.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}"`);
  } finally {
    await c.end();
  }
  await ensureDatabase(url);
  await applyMigrations(url, migrations);
}

async function main() {
  const args = parseDemoArgs(process.argv.slice(2));
  const base = loadConfig();
  const dbUrl = new URL(base.databaseUrl);
  if (dbUrl.pathname === '/seismo') dbUrl.pathname = '/seismo_demo'; // never replay into the live database
  const databaseUrl = dbUrl.toString();
  const prefix = base.queuePrefix === 'seismo' ? 'seismo-demo' : base.queuePrefix;

  say(`preparing a fresh demo database (${dbUrl.pathname.slice(1)}) and queues (${prefix})…`);
  if (!args.keepDb) await resetDatabase(databaseUrl, here('../../../../prisma/migrations'));
  await deletePrefix(base.redisUrl, prefix);

  const headlines = loadHeadlines();
  const wallStart = Date.now();
  const clock = new ReplayClock({ from: REPLAY_FROM, to: REPLAY_TO, speed: args.speed });
  const feeds = await startFeedServer({ clock, headlines });

  // Feeds are registered as any user would, before the worker starts (it schedules them at boot).
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    for (const url of feeds.feedUrls) {
      await c.query(`INSERT INTO feeds (url, poll_seconds, updated_at) VALUES ($1, $2, now()) ON CONFLICT (url) DO UPDATE SET poll_seconds = $2`, [url, DEMO_POLL_SECONDS]);
    }
  } finally {
    await c.end();
  }

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SEISMO_QUEUE_PREFIX: prefix,
    PORT: String(args.port),
    SEISMO_FEED_ALLOW_HOSTS: '127.0.0.1',
    SEISMO_WATCHLIST: WATCHLIST,
    SEISMO_KEYWORDS: KEYWORDS,
    SEISMO_PRICE_PROVIDER: 'replay',
    SEISMO_REPLAY_FILE: [fileURLToPath(DATA_FILES.intradayBars), fileURLToPath(DATA_FILES.dailyBars)].join(','),
    SEISMO_REPLAY_SPEED: String(args.speed),
    SEISMO_REPLAY_FROM: REPLAY_FROM.toISOString(),
    SEISMO_REPLAY_WALL_START: String(wallStart),
  };
  const children: ChildProcess[] = [
    spawn(process.execPath, [here('../../api/src/main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] }),
    spawn(process.execPath, [...workerNodeArgs(), here('../../worker/src/main.js')], { env: { ...env, ...workerMallocEnv(), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] }),
  ];
  const minutes = ((REPLAY_TO.getTime() - REPLAY_FROM.getTime()) / args.speed / 60_000).toFixed(1);
  say(`replaying 20–31 Jan 2025 at ${Math.round(args.speed)}× (about ${minutes} min) from ${feeds.feedUrls.length} loopback feeds`);
  say(`open http://127.0.0.1:${args.port}/ for the dashboard; Ctrl-C stops the demo`);

  // Print alerts as they arrive, like `npm run cli -- tail`.
  const socket = io(`http://127.0.0.1:${args.port}/alerts`, { transports: ['websocket'], reconnectionDelay: 500 });
  let last = 0;
  socket.on('connect', () => socket.emit('subscribe', { after: last }, () => undefined));
  socket.on('alert', (a: AlertPayload) => {
    if (a.id <= last) return;
    last = a.id;
    const t = (a.eventTime ?? a.createdAt).slice(0, 16).replace('T', ' ');
    process.stdout.write(`${COLORS[a.severity] ?? ''}${t}  ${a.severity.padEnd(8)} ${(a.symbol ?? a.keyword ?? '').padEnd(10)} ${a.type.padEnd(20)} ${a.title}\x1b[0m\n`);
  });
  const progress = setInterval(() => {
    const now = clock.eventNow();
    if (clock.done()) {
      say('replay finished; still serving the history (Ctrl-C to stop)');
      clearInterval(progress);
      return;
    }
    say(`event time ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  }, 15_000);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(progress);
    socket.close();
    for (const ch of children) if (ch.exitCode === null) ch.kill('SIGTERM');
    void feeds.close();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const ch of children) ch.on('exit', (code) => (stopping ? undefined : (say(`a process exited (${code}); stopping`), stop())));
}

main().catch((e) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
