import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const { adminUrl, DB_PREFIX, TEMPLATE_DB } = await import('./db');
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    // This run's databases of test files that crashed before their own cleanup, and its template
    // (never another concurrent run's).
    const left = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $2) OR datname = $1`, [TEMPLATE_DB, DB_PREFIX]);
    for (const { datname } of left.rows) {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [datname]);
      await admin.query(`DROP DATABASE IF EXISTS "${datname}"`);
    }
  } finally {
    await admin.end();
  }
}
