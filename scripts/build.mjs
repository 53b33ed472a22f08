#!/usr/bin/env node
// Compiles apps/, libs/ and bench/ to dist/ with swc (ESM, decorator metadata, path aliases
// resolved), copies data files, and builds the dashboard with Vite when its sources changed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const quiet = process.argv.includes('--quiet');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const dirs = ['apps', 'libs', 'bench'].filter((d) => existsSync(join(root, d)));
run(bin('swc'), [...dirs, '-d', 'dist', '--copy-files', '--ignore', '**/*.spec.ts,**/*.e2e-spec.ts,apps/dashboard/**', '--quiet']);

for (const data of ['apps/demo/data']) {
  if (existsSync(join(root, data))) cpSync(join(root, data), join(root, 'dist', data), { recursive: true });
}

const dash = join(root, 'apps/dashboard');
if (existsSync(join(dash, 'vite.config.ts'))) {
  const out = join(root, 'dist/dashboard/index.html');
  if (!existsSync(out) || newest(dash) > statSync(out).mtimeMs || process.argv.includes('--force')) {
    run(bin('vite'), ['build', '--config', 'apps/dashboard/vite.config.ts', '--logLevel', quiet ? 'error' : 'warn']);
  }
}
