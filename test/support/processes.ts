import { workerMallocEnv, workerNodeArgs } from '@seismo/config';
import { deletePrefix } from '@seismo/queues';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REDIS_URL } from './db';
import { freePort } from './redis-server';

/** Real api and worker processes from `dist/`, configured by environment variables only. */
export const ROOT = new URL('../..', import.meta.url).pathname;
const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'generated' || e.name.endsWith('.spec.ts')) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Builds `dist/` when it is missing or older than the sources (`npm test` builds before jest).
 * A directory lock keeps two jest workers from compiling into dist/ at the same time.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = join(ROOT, 'dist/.e2e-build-lock');
  const fresh = () => existsSync(WORKER_MAIN) && existsSync(API_MAIN) && statSync(WORKER_MAIN).mtimeMs >= Math.max(newest(join(ROOT, 'apps/worker/src')), newest(join(ROOT, 'libs')));
  if (fresh()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 600) throw new Error('dist/ build lock held for more than 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (fresh()) return;
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

export interface ChildEnv {
  databaseUrl: string;
  prefix: string;
  redisUrl?: string;
  env?: Record<string, string>;
}

function baseEnv(c: ChildEnv): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    DATABASE_URL: c.databaseUrl,
    REDIS_URL: c.redisUrl ?? REDIS_URL,
    HOST: '127.0.0.1',
    SEISMO_QUEUE_PREFIX: c.prefix,
    SEISMO_FEED_ALLOW_HOSTS: '127.0.0.1',
    SEISMO_FEED_TIMEOUT_MS: '3000',
    LOG_LEVEL: 'warn',
    ...c.env,
  };
}

/** Free ports handed out by this jest worker: two processes started together never get the same one. */
const handedOut = new Set<number>();
async function uniquePort(): Promise<number> {
  for (;;) {
    const p = await freePort();
    if (!handedOut.has(p)) {
      handedOut.add(p);
      return p;
    }
  }
}

/** A child process with its output kept (the last 64 kB) for failure messages. */
export class Child {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exitedAt: number | null = null;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    const keep = (b: Buffer) => {
      this.output = (this.output + b.toString()).slice(-65_536);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      proc.once('exit', (code, signal) => {
        this.exitedAt = Date.now();
        resolve({ code, signal });
      }),
    );
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  signal(sig: NodeJS.Signals): void {
    if (this.running) this.proc.kill(sig);
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.proc.kill('SIGTERM');
    const t = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(t);
  }
}

async function waitHttp(child: Child, url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!child.running) throw new Error(`${child.name} exited during start-up:\n${child.output}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${child.output}`);
}

export interface ApiChild extends Child {
  url: string;
}

/** `node dist/apps/api/src/main.js` on a free port; resolves once it answers HTTP. */
export async function spawnApi(c: ChildEnv, name = 'api'): Promise<ApiChild> {
  const port = await uniquePort();
  const proc = spawn(process.execPath, [API_MAIN], { cwd: ROOT, env: { ...baseEnv(c), PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const child = new Child(name, proc) as ApiChild;
  child.url = `http://127.0.0.1:${port}`;
  await startedOrStopped(child, waitHttp(child, `${child.url}/api/health`, 30_000));
  await sleep(100);
  if (!child.running) throw new Error(`${name} exited after start-up (is port ${port} taken?):\n${child.output}`);
  return child;
}

/** `node dist/apps/worker/src/main.js`; resolves once its health endpoint answers (workers are then running). */
export async function spawnWorker(c: ChildEnv, name = 'worker'): Promise<Child> {
  const port = await uniquePort();
  const proc = spawn(process.execPath, [...workerNodeArgs(), WORKER_MAIN], { cwd: ROOT, env: { ...baseEnv(c), ...workerMallocEnv(), SEISMO_WORKER_HEALTH_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const child = new Child(name, proc);
  await startedOrStopped(child, waitHttp(child, `http://127.0.0.1:${port}/health`, 30_000));
  return child;
}

/** A child that did not start in time is stopped before the error is thrown: no test leaves it running. */
async function startedOrStopped(child: Child, started: Promise<void>): Promise<void> {
  try {
    await started;
  } catch (e) {
    await child.stop(2_000);
    throw e;
  }
}

/**
 * Counts deliveries per key and fails on an extra one: `times(1)` is "exactly once".
 * `record` returns false (and remembers why) when a key arrives more often than allowed.
 */
export function times(n: number) {
  const seen = new Map<string | number, number>();
  const extra: string[] = [];
  return {
    seen,
    extra,
    record(key: string | number): boolean {
      const c = (seen.get(key) ?? 0) + 1;
      seen.set(key, c);
      if (c > n) extra.push(`${key} delivered ${c} times (expected ${n})`);
      return c <= n;
    },
    keys(): (string | number)[] {
      return [...seen.keys()];
    },
  };
}

/** Child-process specs call it `until`. */
export { eventually as until } from './wait';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Removes every Redis key of a queue prefix (on the machine's Redis unless a URL is given). */
export async function removePrefix(prefix: string, url = REDIS_URL): Promise<void> {
  try {
    await deletePrefix(url, prefix);
  } catch {
    // a stopped private Redis holds nothing to clean
  }
}

/** JSON over HTTP: status, headers and parsed body (or the text when it is not JSON). */
export async function http(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body: parsed as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
