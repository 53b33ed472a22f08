import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where tests find Postgres and Redis (the machine's, or TEST_DATABASE_URL / TEST_REDIS_URL). */
export const BASE_DB_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/**
 * Run-scoped names: jest runs started at the same time (other helpers, benchmarks) each get their
 * own template and databases, so one run's global setup/teardown never drops another's.
 * global-setup.ts sets SEISMO_TEST_RUN before the test workers start; they inherit it.
 */
export const RUN_ID = process.env.SEISMO_TEST_RUN ?? 'local';
export const TEMPLATE_DB = `seismo_test_template_${RUN_ID}`;
export const DB_PREFIX = `seismo_t${RUN_ID}_`;

export function withDb(name: string): string {
  const u = new URL(BASE_DB_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export const adminUrl = () => withDb('postgres');

export interface TestDb {
  name: string;
  url: string;
  query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file (cloned from the run's template). */
export async function createTestDatabase(): Promise<TestDb> {
  const name = `${DB_PREFIX}${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  const url = withDb(name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // pool.end() resolves before its connections have closed; `drop` then terminates them, and a
  // connection still closing reports that as an error of the pool. Expected there, not a failure
  // (without a listener it was an unhandled error, failing whichever test was current).
  pool.on('error', () => undefined);
  return {
    name,
    url,
    async query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
      return (await pool.query<T>(sql, params)).rows;
    },
    async drop() {
      await pool.end();
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      try {
        await a.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
        await a.query(`DROP DATABASE IF EXISTS "${name}"`);
      } finally {
        await a.end();
      }
    },
  };
}

export const testPrefix = () => `t${randomBytes(4).toString('hex')}`;
