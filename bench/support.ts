import { deletePrefix } from '@seismo/queues';
/**
 * What every benchmark scenario shares: where Postgres and Redis are, a fresh migrated database
 * and queue prefix per scenario, child processes of the real apps (with peak RSS), and statistics.
 * The bench is compiled to dist/ on its own, so it does not import test/support.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@seismo/config';
import pg from 'pg';
// The migrator alone (pg only), not the whole db lib with its generated Prisma client.
import { applyMigrations, ensureDatabase } from '../libs/db/src/migrations/migrator';

/** The repository root (this file runs from bench/ under jest and from dist/bench/ when built). */
export const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'seismo') return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the seismo repository root');
})();

const base = loadConfig();
/** Postgres server (database part ignored) and Redis, from DATABASE_URL / REDIS_URL or the defaults. */
export const REDIS_URL = base.redisUrl;
const TEMPLATE_DB = 'seismo_bench_template';

export function dbUrl(name: string): string {
  const u = new URL(base.databaseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: dbUrl('postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

let templateReady: Promise<void> | null = null;

/** Once per bench run: a migrated template that every scenario database is cloned from. */
function ensureTemplate(): Promise<void> {
  templateReady ??= (async () => {
    await admin(async (c) => {
      await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [TEMPLATE_DB]);
      await c.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}"`);
    });
    await ensureDatabase(dbUrl(TEMPLATE_DB));
    await applyMigrations(dbUrl(TEMPLATE_DB), join(ROOT, 'prisma/migrations'));
  })();
  return templateReady;
}

/** Drops the template at the end of a run. */
export async function dropTemplate(): Promise<void> {
  if (!templateReady) return;
  await templateReady.catch(() => undefined);
  templateReady = null;
  await admin(async (c) => {
    await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [TEMPLATE_DB]);
    await c.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}"`);
  });
}

export interface BenchDb {
  name: string;
  url: string;
  pool: pg.Pool;
  query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one scenario run. */
export async function createBenchDatabase(): Promise<BenchDb> {
  await ensureTemplate();
  const name = `seismo_b_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`));
  const url = dbUrl(name);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // pool.end() resolves before its connections have closed, and `drop` terminates them: expected.
  pool.on('error', () => undefined);
  return {
    name,
    url,
    pool,
    async query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
      return (await pool.query<T>(sql, params)).rows;
    },
    async drop() {
      await pool.end();
      await admin(async (c) => {
        await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
        await c.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}

export const benchPrefix = () => `b${randomBytes(4).toString('hex')}`;

/** BullMQ connection options for the bench's own queues and workers. */
export function bullConnection() {
  const u = new URL(REDIS_URL);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    maxRetriesPerRequest: null,
  };
}

/** Removes every Redis key of a prefix. */
export async function cleanRedis(prefix: string): Promise<void> {
  await deletePrefix(REDIS_URL, prefix);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` is truthy; throws after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs: number, stepMs = 20): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`bench: ${what} not reached within ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}

/** Environment of a Seismo app child process on a scenario's database and queue prefix. */
export function appEnv(db: BenchDb, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    REDIS_URL,
    SEISMO_QUEUE_PREFIX: prefix,
    SEISMO_FEED_ALLOW_HOSTS: '127.0.0.1',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

const live = new Set<ChildApp>();

/** Stops every child still running (the bench was interrupted). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((c) => c.stop()));
}

/** A child process of a compiled entry point (dist/...), with its peak resident set size. */
export class ChildApp {
  private stderrTail = '';
  private exited: Promise<number | null>;
  private rssPeakKb = 0;
  private sampler: NodeJS.Timeout | null = null;

  private constructor(readonly proc: ChildProcess, readonly name: string) {
    proc.stderr?.on('data', (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-4000)));
    this.exited = new Promise((r) => proc.once('exit', (code) => r(code)));
    live.add(this);
    void this.exited.then(() => live.delete(this));
    // VmHWM is the kernel's own peak; sampling also covers systems without it.
    this.sampler = setInterval(() => this.sampleRss(), 100);
    this.sampler.unref();
  }

  /** Starts `node <script>` (a path under the repository root, e.g. dist/apps/worker/src/main.js). */
  static start(name: string, script: string, env: Record<string, string>, opts: { nodeArgs?: string[]; args?: string[] } = {}): ChildApp {
    const path = join(ROOT, script);
    if (!existsSync(path)) throw new Error(`bench: ${script} is missing; build first (node scripts/build.mjs)`);
    const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), path, ...(opts.args ?? [])], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.resume();
    return new ChildApp(proc, name);
  }

  get pid(): number {
    return this.proc.pid!;
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** The first line the child writes to stdout (used by the raw socket.io server for its port). */
  firstLine(timeoutMs = 20_000): Promise<string> {
    return new Promise((resolve, reject) => {
      let buf = '';
      const t = setTimeout(() => reject(new Error(`${this.name}: no output within ${timeoutMs} ms: ${this.stderrTail}`)), timeoutMs);
      const on = (d: Buffer) => {
        buf += d.toString();
        const i = buf.indexOf('\n');
        if (i >= 0) {
          clearTimeout(t);
          this.proc.stdout?.off('data', on);
          resolve(buf.slice(0, i));
        }
      };
      this.proc.stdout?.on('data', on);
      void this.exited.then((code) => {
        clearTimeout(t);
        reject(new Error(`${this.name} exited (${code}): ${this.stderrTail}`));
      });
    });
  }

  /** Waits until GET `url` answers 200 (or the child dies). */
  async ready(url: string, timeoutMs = 60_000): Promise<void> {
    await until(
      `${this.name} ready`,
      async () => {
        if (!this.alive) throw new Error(`${this.name} exited: ${this.stderrTail}`);
        try {
          const r = await fetch(url);
          await r.arrayBuffer();
          return r.status === 200;
        } catch {
          return false;
        }
      },
      timeoutMs,
      100,
    );
  }

  private sampleRss(): void {
    if (!this.alive) return;
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+)/.exec(status);
      const rss = /VmRSS:\s+(\d+)/.exec(status);
      this.rssPeakKb = Math.max(this.rssPeakKb, Number(hwm?.[1] ?? 0), Number(rss?.[1] ?? 0));
    } catch {
      // /proc is Linux only; elsewhere the peak stays at what was sampled.
    }
  }

  /** Peak resident set size so far, in MB. */
  peakRssMb(): number {
    this.sampleRss();
    return this.rssPeakKb / 1024;
  }

  errors(): string {
    return this.stderrTail;
  }

  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    if (!this.alive) return;
    this.proc.kill('SIGTERM');
    const t = setTimeout(() => this.alive && this.proc.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(t);
  }
}

export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round = (x: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Runs `fn` once to warm up, then `runs` times; returns every measured result. */
export async function repeat<T>(runs: number, warmup: boolean, fn: (i: number) => Promise<T>): Promise<T[]> {
  if (warmup) await fn(-1);
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await fn(i));
  return out;
}

/**
 * CPU time (user + system, seconds) of processes, read from `/proc/<pid>/stat`: a process by pid,
 * or every process whose name starts with a prefix (Postgres backends, Redis). On a noisy 2-core
 * machine CPU per item moves far less between identical runs than items per second. Linux only:
 * elsewhere the readings are empty and the figures are left out.
 */
export class CpuMeter {
  private static readonly tick = 100; // USER_HZ on Linux
  private readonly base = new Map<number, number>();

  private constructor(private readonly select: () => number[]) {
    for (const pid of select()) this.base.set(pid, CpuMeter.read(pid) ?? 0);
  }

  static of(...pids: number[]): CpuMeter {
    return new CpuMeter(() => pids);
  }

  /** Every process whose `comm` starts with `prefix` (as `postgres`, `redis-server`). */
  static named(prefix: string): CpuMeter {
    return new CpuMeter(() => {
      const pids: number[] = [];
      let entries: string[] = [];
      try {
        entries = readdirSync('/proc');
      } catch {
        return pids;
      }
      for (const e of entries) {
        if (!/^\d+$/.test(e)) continue;
        try {
          if (readFileSync(`/proc/${e}/comm`, 'utf8').startsWith(prefix)) pids.push(Number(e));
        } catch {
          // exited meanwhile
        }
      }
      return pids;
    });
  }

  private static read(pid: number): number | null {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) / CpuMeter.tick;
    } catch {
      return null;
    }
  }

  /** CPU seconds used since this meter was made (processes started since count in full). */
  seconds(): number {
    let total = 0;
    for (const pid of this.select()) {
      const now = CpuMeter.read(pid);
      if (now !== null) total += now - (this.base.get(pid) ?? 0);
    }
    return total;
  }
}
