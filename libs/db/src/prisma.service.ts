import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import pg from 'pg';
import pgUtils from 'pg/lib/utils.js';
import { PrismaClient } from './generated/prisma/client';

/** Statement runner of the hot path: plain SQL, parameters, rows. */
export interface Sql {
  <T>(text: string, values?: unknown[]): Promise<T[]>;
  /**
   * Several statements in one round trip, the rows of each (Postgres's simple query protocol, so
   * no parameters: values are written in, by `inlineParams` or, for numbers and timestamps the
   * caller made itself, directly).
   */
  script(text: string): Promise<unknown[][]>;
}

/** Inside a transaction: `commit` sends its statement and the `COMMIT` in one round trip (the transaction's last statement). */
export interface TxSql extends Sql {
  commit<T>(statement: string | PreparedStatement, values?: unknown[]): Promise<T[]>;
}

/**
 * A hot statement that each pooled connection prepares once (`PREPARE`, on its own, the first
 * time the connection is asked for it); scripts then run it as `EXECUTE name(…)` with the values
 * written in (`executeParams`). Postgres parses, analyses and plans the text once per connection
 * instead of at every use: for a one-article batch that was most of the write's time. Every `$n`
 * in `text` carries its cast, which gives the parameter its type.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/** A statement and its parameters, for `PrismaService.together`. */
export interface Statement {
  text: string;
  values: unknown[];
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

/**
 * A statement with its parameters written in as literals, for a script (simple query protocol).
 * Each value becomes the text pg would have sent as that parameter, quoted; the statements'
 * placeholders carry their casts (`$1::text[]`), so Postgres reads both alike. Every `$n` of the
 * text is taken for a placeholder: the statements this is used for (ours) have no other.
 */
export function inlineParams(text: string, values: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i >= values.length) throw new Error(`statement uses $${n} but has ${values.length} parameters`);
    return literal(values[i]);
  });
}

/** A prepared statement's `EXECUTE`, its values written in as `inlineParams` writes them. */
export function executeParams(p: PreparedStatement, values: readonly unknown[]): string {
  return `EXECUTE ${p.name}(${values.map(literal).join(', ')})`;
}

/** The text pg would have sent as this parameter, quoted. */
function literal(value: unknown): string {
  const v = pgUtils.prepareValue(value) as string | Buffer | null;
  if (v === null || v === undefined) return 'NULL';
  if (Buffer.isBuffer(v)) throw new Error('binary parameters cannot be inlined');
  return quote(v);
}

/**
 * A string literal that reads back as `s`. Plain quotes when nothing in it needs escaping; else
 * dollar quotes, whose content Postgres takes as it is: a batch's JSON (hundreds of kilobytes,
 * with quotes and backslashes) is then written in without a copy per escape. The tag is one the
 * text does not contain.
 */
function quote(s: string): string {
  if (!s.includes("'") && !s.includes('\\')) return `'${s}'`;
  for (let n = 0; n < 8; n++) {
    const tag = n === 0 ? '$q$' : `$${'qzxkw'[n % 5]}${n}$`;
    // A space first: after an identifier character, `$` would continue the identifier.
    if (closesOnlyAtEnd(s, tag)) return ` ${tag}${s}${tag}`;
  }
  // No tag fits (a text ending in `$`, say): escaped, as `pg.escapeLiteral` does.
  const q = s.replace(/'/g, "''");
  return s.includes('\\') ? `E'${q.replace(/\\/g, '\\\\')}'` : `'${q}'`;
}

/** The text holds no `tag`, and does not end in a beginning of it (which the closing tag would complete early). */
function closesOnlyAtEnd(s: string, tag: string): boolean {
  if (s.includes(tag)) return false;
  for (let k = 1; k < tag.length; k++) if (s.endsWith(tag.slice(0, k))) return false;
  return true;
}

/**
 * Reads issued in the same turn of the event loop go to Postgres as one script: one round trip
 * instead of one each. A read alone goes as it would have (a parameterised statement). If any
 * statement of a script fails, every read of it fails with that error (a script is one implicit
 * transaction); each statement still reads its own snapshot.
 */
class ReadRound {
  private pending: { text: string; values: unknown[]; resolve: (rows: unknown[]) => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly sql: Sql) {}

  read<T>(text: string, values: unknown[] = []): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      if (!this.pending.length) process.nextTick(() => this.flush());
      this.pending.push({ text, values, resolve: resolve as (rows: unknown[]) => void, reject });
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 1) {
      this.sql(batch[0].text, batch[0].values).then(batch[0].resolve, batch[0].reject);
      return;
    }
    let script: string;
    try {
      script = batch.map((b) => inlineParams(b.text, b.values)).join(';\n');
    } catch (e) {
      for (const b of batch) b.reject(e);
      return;
    }
    this.sql.script(script).then(
      (results) => batch.forEach((b, i) => b.resolve(results[i])),
      (e) => batch.forEach((b) => b.reject(e)),
    );
  }
}

/** The number written at `at` in `len` decimal digits; NaN if any is not a digit. */
function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/** `timestamp` (without time zone) columns hold UTC, as Prisma writes them: read them as UTC, whatever the process's TZ. */
const TIMESTAMP = 1114;
const utc = (s: string): Date => {
  // The usual 'YYYY-MM-DD HH:MM:SS[.fff…]' read by position, without the two strings and the
  // parse of the general path (a pipeline batch reads hundreds); anything else (BC, infinity, a
  // five-digit year) goes the general way.
  const n = s.length;
  if (n >= 19 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 32 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58 && (n === 19 || s.charCodeAt(19) === 46)) {
    let ms = 0;
    let ok = true;
    for (let i = 20, scale = 100; i < n; i++, scale /= 10) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) ok = false;
      else if (scale >= 1) ms += d * scale;
    }
    const year = digits(s, 0, 4);
    // Date.UTC reads years 0–99 as 1900–1999: those go the general way.
    const t = year < 100 ? NaN : Date.UTC(year, digits(s, 5, 2) - 1, digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2), ms);
    // NaN: a position held something else than a digit.
    if (ok && Number.isFinite(t) && n > 19 === n > 20) return new Date(t);
  }
  return new Date(`${s.replace(' ', 'T')}Z`);
};
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
    const round = new ReadRound(this.sql);
    this.read = (text, values) => round.read(text, values);
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
   * Statements in one round trip and one transaction (a script of several statements is one
   * implicit transaction: all of them commit, or none): the rows of each.
   */
  together(statements: Statement[]): Promise<unknown[][]> {
    return this.sql.script(statements.map((s) => inlineParams(s.text, s.values)).join(';\n'));
  }

  /**
   * A read on the pool (hot path) that goes out with the other `read`s issued in the same turn of
   * the event loop, in one round trip: the signals evaluation's reads (windows, bars, states,
   * rules, snoozes) leave together. Same rows as `sql`.
   */
  readonly read: <T>(text: string, values?: unknown[]) => Promise<T[]>;

  /**
   * A whole transaction in one round trip: `BEGIN; <script>; COMMIT` as one script on one pooled
   * connection (see `Sql.script`: values inlined), rolled back on any error. The rows of each
   * statement of `script`.
   */
  transactionScript(script: string, prepared: PreparedStatement[] = []): Promise<unknown[][]> {
    // A failed statement skips the rest of the script, the COMMIT too: the transaction is left open, aborted.
    return this.onConnection(async (client) => (await sqlOn(client).script(`BEGIN; ${script};\nCOMMIT`)).slice(1, -1), prepared);
  }

  /**
   * Statements in one transaction on one pooled connection (hot path); rolled back on any error.
   * `first`, when given, is a script (see `Sql.script`) sent with the `BEGIN` in one round trip;
   * `fn` gets the rows of its statements. Its last statement may go with the `COMMIT`
   * (`sql.commit`): one round trip less, which is on every alert's path.
   */
  transaction<T>(fn: (sql: TxSql, first: unknown[][]) => Promise<T>, first?: string, prepared: PreparedStatement[] = []): Promise<T> {
    return this.onConnection(async (client) => {
      const on = sqlOn(client);
      let committed = false;
      const sql: TxSql = Object.assign(on, {
        commit: async <R>(statement: string | PreparedStatement, values: unknown[] = []) => {
          const text = typeof statement === 'string' ? inlineParams(statement, values) : executeParams(statement, values);
          const [rows] = await on.script(`${text};\nCOMMIT`);
          committed = true;
          return rows as R[];
        },
      });
      const begun = first === undefined ? (await client.query('BEGIN'), []) : (await sql.script(`BEGIN; ${first}`)).slice(1);
      const out = await fn(sql, begun);
      if (!committed) await client.query('COMMIT');
      return out;
    }, prepared);
  }

  /** The prepared statements (by name) each pooled connection holds. */
  private readonly preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

  /**
   * `fn` on one pooled connection, whose transaction is rolled back if `fn` fails. The statements
   * of `prepared` the connection does not hold yet are prepared first, each on its own: a
   * connection holds a statement exactly when its `PREPARE` succeeded.
   */
  private async onConnection<T>(fn: (client: pg.PoolClient) => Promise<T>, prepared: PreparedStatement[] = []): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      for (const p of prepared) {
        let held = this.preparedOn.get(client);
        if (held?.has(p.name)) continue;
        await client.query(`PREPARE ${p.name} AS ${p.text}`);
        if (!held) this.preparedOn.set(client, (held = new Set()));
        held.add(p.name);
      }
      return await fn(client);
    } catch (e) {
      // A connection that cannot even roll back is dropped from the pool, not reused.
      await client.query('ROLLBACK').catch((r: Error) => (broken = r));
      throw e;
    } finally {
      client.release(broken);
    }
  }
}
