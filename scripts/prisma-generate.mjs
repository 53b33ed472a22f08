#!/usr/bin/env node
// `prisma generate` without internet: the CLI only needs the schema engine for migrate/db
// commands, but tries to download it unless PRISMA_SCHEMA_ENGINE_BINARY names a file. Pointing
// it at any existing file skips the download; generate itself uses the bundled WASM.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
const r = spawnSync(join(root, 'node_modules/.bin/prisma'), ['generate'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
process.exit(r.status ?? 1);
