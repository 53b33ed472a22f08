import { applyMigrations, ensureDatabase } from '../../libs/db/src/migrations/migrator';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Once per run: a migrated template database that each test file clones (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  // A run id for this jest run; the workers (started after this) inherit it through the environment.
  process.env.SEISMO_TEST_RUN ??= randomBytes(3).toString('hex');
  const { adminUrl, TEMPLATE_DB, withDb } = await import('./db');
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [TEMPLATE_DB]);
    await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  const url = withDb(TEMPLATE_DB);
  await ensureDatabase(url);
  await applyMigrations(url, new URL('../../prisma/migrations', import.meta.url).pathname);
}
