import { applyMigrations, ensureDatabase } from '../../libs/db/src/migrations/migrator';
import { adminUrl, TEMPLATE_DB, withDb } from './db';
import pg from 'pg';

/** Once per run: a migrated template database that each test file clones (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
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
