#!/usr/bin/env node
// One entry for every command in the README. On a fresh clone it installs dependencies,
// generates the Prisma client, builds, checks Postgres and Redis (starting them with
// `docker compose` where a Docker engine exists), creates the database, applies migrations,
// then runs what was asked. Only this bootstrap and libs/config read the environment.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { onParentExit } from './parent-watch.mjs';

const root = new URL('..', import.meta.url).pathname;
const [mode = 'start', ...rest] = process.argv.slice(2);
const say = (m) => process.stderr.write(`[seismo] ${m}\n`);
const DEFAULT_DB = 'postgresql://postgres@127.0.0.1:5432/seismo';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    say(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

function ensureInstalled() {
  const lock = join(root, 'package-lock.json');
  const marker = join(root, 'node_modules/.package-lock.json');
  if (existsSync(marker) && (!existsSync(lock) || statSync(marker).mtimeMs >= statSync(lock).mtimeMs - 1000)) return;
  say('installing dependencies (npm ci)…');
  sh('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error']);
}

function ensureGenerated() {
  const client = join(root, 'libs/db/src/generated/prisma/client.ts');
  const schema = join(root, 'prisma/schema.prisma');
  if (existsSync(client) && statSync(client).mtimeMs >= statSync(schema).mtimeMs) return;
  sh('node', [join(root, 'scripts/prisma-generate.mjs')]);
}

function build() {
  sh('node', [join(root, 'scripts/build.mjs'), '--quiet']);
}

function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port: Number(port) });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function ensureServices() {
  const db = new URL(process.env.DATABASE_URL || DEFAULT_DB);
  const redis = new URL(process.env.REDIS_URL || DEFAULT_REDIS);
  const targets = [
    ['Postgres', db.hostname, db.port || 5432, 'postgres'],
    ['Redis', redis.hostname, redis.port || 6379, 'redis'],
  ];
  let down = [];
  for (const t of targets) if (!(await canConnect(t[1], t[2]))) down.push(t);
  if (!down.length) return;
  const docker = spawnSync('docker', ['info'], { stdio: 'ignore' });
  if (docker.status === 0) {
    say(`starting ${down.map((d) => d[0]).join(' and ')} with docker compose…`);
    sh('docker', ['compose', 'up', '-d', ...down.map((d) => d[3])]);
    for (let i = 0; i < 60 && down.length; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const still = [];
      for (const t of down) if (!(await canConnect(t[1], t[2]))) still.push(t);
      down = still;
    }
    if (!down.length) return;
  }
  const d = down[0];
  say(
    `${d[0]} is not answering at ${d[1]}:${d[2]}: start it (\`docker compose up -d postgres redis\`, or your own ${d[0]}) or set ${d[0] === 'Redis' ? 'REDIS_URL' : 'DATABASE_URL'}.`,
  );
  process.exit(1);
}

async function migrate(databaseUrl = process.env.DATABASE_URL || DEFAULT_DB) {
  const { ensureDatabase, applyMigrations, schemaEngineAvailable } = await import(join(root, 'dist/libs/db/src/migrations/index.js'));
  if (await ensureDatabase(databaseUrl)) say(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
  if (schemaEngineAvailable(root)) {
    sh(join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: databaseUrl } });
    return;
  }
  const r = await applyMigrations(databaseUrl, join(root, 'prisma/migrations'));
  if (r.applied.length) say(`applied ${r.applied.length} migration(s): ${r.applied.join(', ')}`);
}

function runNode(script, args = [], extraEnv = {}, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, join(root, script), ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  return child;
}

/** The worker's Node flags (heap limit and semi-space, `SEISMO_WORKER_HEAP_MB`, `SEISMO_WORKER_SEMI_SPACE_MB`) and malloc settings, from the built config library. */
async function worker() {
  const { workerNodeArgs, workerMallocEnv } = await import(pathToFileURL(join(root, 'dist/libs/config/src/node-args.js')).href);
  return runNode(APPS.worker, [], workerMallocEnv(process.env), workerNodeArgs(process.env));
}

function supervise(children) {
  let stopping = false;
  const stop = (sig) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) if (c.exitCode === null) c.kill(sig);
  };
  process.on('SIGINT', () => stop('SIGTERM'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // npm exits on a SIGTERM without passing it on: stop the apps when it does.
  onParentExit(() => stop('SIGTERM'));
  let left = children.length;
  let code = 0;
  for (const c of children) {
    c.on('exit', (c2) => {
      code ||= c2 ?? 0;
      left -= 1;
      if (!stopping) stop('SIGTERM');
      if (left === 0) process.exit(code);
    });
  }
}

const APPS = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js' };

async function main() {
  ensureInstalled();
  ensureGenerated();
  build();
  const needsServices = !['cli-score', 'build'].includes(mode) && !(mode === 'cli' && rest[0] === 'score');
  if (needsServices) await ensureServices();
  switch (mode) {
    case 'build':
      return;
    case 'migrate':
      return migrate();
    case 'start':
      await migrate();
      return supervise([runNode(APPS.api), await worker()]);
    case 'api':
    case 'worker':
      await migrate();
      return supervise([mode === 'worker' ? await worker() : runNode(APPS.api)]);
    case 'demo':
      return supervise([runNode('dist/apps/demo/src/main.js', rest)]);
    case 'cli':
      if (rest[0] !== 'score') await migrate();
      return supervise([runNode('dist/apps/cli/src/main.js', rest)]);
    case 'bench':
      return supervise([runNode('dist/bench/main.js', rest)]);
    case 'bench:accuracy':
      return supervise([runNode('dist/libs/sentiment/src/eval/accuracy.main.js', rest)]);
    case 'train:sentiment':
      return supervise([runNode('dist/libs/sentiment/src/train/train.main.js', rest)]);
    case 'test': {
      // Each test run creates and drops its own databases (test/support/global-setup.ts).
      const jest = join(root, 'node_modules/jest/bin/jest.js');
      const opts = `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim();
      return supervise([spawn(process.execPath, [jest, ...rest], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: opts } })]);
    }
    default:
      say(`unknown command ${mode}`);
      process.exit(2);
  }
}

main().catch((e) => {
  say(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
