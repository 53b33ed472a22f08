import pg from 'pg';
import { adminUrl, TEMPLATE_DB } from './db';

export default async function globalTeardown(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    // Databases of test files that crashed before their own cleanup, and the template.
    const left = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'seismo_t\\_%' OR datname = $1`, [TEMPLATE_DB]);
    for (const { datname } of left.rows) {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [datname]);
      await admin.query(`DROP DATABASE IF EXISTS "${datname}"`);
    }
  } finally {
    await admin.end();
  }
}
