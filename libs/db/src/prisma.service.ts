import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';

/** Statement runner of the hot path: plain SQL, parameters, rows. */
export interface Sql {
  <T>(text: string, values?: unknown[]): Promise<T[]>;
  /**
   * Several statements in one round trip, the rows of each (Postgres's simple query protocol, so
   * no parameters: callers inline only numbers and timestamps they made themselves).
   */
  script(text: string): Promise<unknown[][]>;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

function sqlOn(db: Queryable): Sql {
  const run = async <T>(text: string, values: unknown[] = []) => (await db.query({ text, values, types: HOT_PATH_TYPES })).rows as T[];
  const script = async (text: string) => {
    const res = (await db.query({ text, types: HOT_PATH_TYPES })) as pg.QueryResult | pg.QueryResult[];
    return (Array.isArray(res) ? res : [res]).map((r) => r.rows as unknown[]);
  };
  return Object.assign(run, { script });
}

/** `timestamp` (without time zone) columns hold UTC, as Prisma writes them: read them as UTC, whatever the process's TZ. */
const TIMESTAMP = 1114;
const utc = (s: string) => new Date(`${s.replace(' ', 'T')}Z`);
const HOT_PATH_TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === TIMESTAMP ? utc : pg.types.getTypeParser(oid, format)),
} as pg.CustomTypesConfig;

/**
 * The one Prisma client, and the pool under it. Only *.repository.ts files use it.
 *
 * The pipeline's hot path (store a batch, read windows, insert alerts) runs its statements
 * through `sql`/`transaction` on the same pg pool: measured here, a statement through the Prisma
 * client costs 0.67 ms against 0.14 ms on the pool, and a three-statement transaction 2.6 ms
 * against 0.5 ms. Everything else goes through the Prisma client.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrismaService.name);
  readonly pool: pg.Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });
    super({
      adapter: new PrismaPg(pool, { disposeExternalPool: true }),
      // `tx` is bookkeeping for in-memory windows (a bigint, which JSON cannot carry): never in results.
      omit: { articleScore: { tx: true } },
    });
    this.pool = pool;
    this.sql = sqlOn(pool);
    // An idle client's error (Postgres restarted) must not crash the process; the next query reconnects.
    this.pool.on('error', (e) => this.logger.warn(`idle Postgres connection: ${e.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
    this.logger.log('connected to Postgres');
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }

  async ping(): Promise<void> {
    await this.$queryRawUnsafe('SELECT 1');
  }

  /** One statement on the pool (hot path). */
  readonly sql: Sql;

  /**
   * Statements in one transaction on one pooled connection (hot path); rolled back on any error.
   * `first`, when given, is a script (see `Sql.script`) sent with the `BEGIN` in one round trip;
   * `fn` gets the rows of its statements.
   */
  async transaction<T>(fn: (sql: Sql, first: unknown[][]) => Promise<T>, first?: string): Promise<T> {
    const client = await this.pool.connect();
    const sql = sqlOn(client);
    let broken: Error | undefined;
    try {
      const begun = first === undefined ? (await client.query('BEGIN'), []) : (await sql.script(`BEGIN; ${first}`)).slice(1);
      const out = await fn(sql, begun);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      // A connection that cannot even roll back is dropped from the pool, not reused.
      await client.query('ROLLBACK').catch((r: Error) => (broken = r));
      throw e;
    } finally {
      client.release(broken);
    }
  }
}
