import { AlertsRepository, executeParams, inlineParams, PrismaService, SignalStateRepository, WebhooksRepository, type PreparedStatement } from '@seismo/db';
import type { TestDb } from '../support/db';
import { createPrismaDatabase } from '../support/prisma';

/**
 * The hot path's round trips against a real Postgres: parameters written in as literals read back
 * exactly as parameters do, reads issued together leave as one script, and a transaction's last
 * statement goes with its COMMIT.
 */
describe('hot-path SQL (PrismaService.read, inlineParams, transaction commit)', () => {
  let db: TestDb;
  let prisma: PrismaService;

  let dropDb: () => Promise<void>;

  beforeAll(async () => {
    ({ db, prisma, drop: dropDb } = await createPrismaDatabase());
  });
  afterAll(async () => {
    await dropDb();
  });

  const awkward = [
    "O'Reilly's \\ \"quoted\" back\\slash",
    'E\'not an escape\' \\x41 \\\\ end\\',
    'Nvidia plunges 17% — DeepSeek 深度求索 🚀 ∞',
    '{braces},commas,"quotes" and NULL',
    '',
    '$1 $2 placeholders in a value',
    // Dollar quotes (a value with a quote or a backslash) whose tags the value itself holds.
    "it's $q$ inside, and $q0$ too \\",
    "ends in a tag's beginning '$q",
    "ends in a dollar '$",
    "ends in '$q0",
  ];

  it('reads back every value written in as a literal exactly as the same value sent as a parameter', async () => {
    const text = `SELECT $1::text AS s, $2::text[] AS arr, $3::json AS j, $4::timestamp(3) AS t, $5::int AS i, $6::float8 AS f, $7::text AS n, $8::bigint[] AS big`;
    for (const s of awkward) {
      const values = [s, [...awkward, s], JSON.stringify({ s, nested: [s, { q: "'" }] }), '2025-01-27T14:30:00.123Z', 42, -0.981, null, ['9007199254740993', '1']];
      const [viaParams] = await prisma.sql(text, values);
      const [[viaScript]] = await prisma.sql.script(inlineParams(text, values));
      expect(viaScript).toEqual(viaParams);
      expect((viaScript as { s: string }).s).toBe(s);
    }
  });

  it('reads timestamps as UTC, with any fraction of a second, and the unusual ones too', async () => {
    const [r] = await prisma.sql<Record<string, Date>>(
      `SELECT '2025-01-27 14:30:00'::timestamp AS whole, '2025-01-27 14:30:00.5'::timestamp AS half, '2025-01-27 14:30:00.123456'::timestamp AS micro,
              '1999-12-31 23:59:59.999'::timestamp(3) AS milli, '0044-03-15 12:00:00 BC'::timestamp AS bc, '12025-01-27 00:00:00'::timestamp AS far,
              '0044-03-15 12:00:00'::timestamp AS early`,
    );
    expect(r.whole.toISOString()).toBe('2025-01-27T14:30:00.000Z');
    expect(r.half.toISOString()).toBe('2025-01-27T14:30:00.500Z');
    expect(r.micro.toISOString()).toBe('2025-01-27T14:30:00.123Z');
    expect(r.milli.toISOString()).toBe('1999-12-31T23:59:59.999Z');
    expect(r.early.toISOString()).toBe('0044-03-15T12:00:00.000Z');
    // The general path: whatever Date makes of them, as before.
    expect(r.bc).toBeInstanceOf(Date);
    expect(r.far).toBeInstanceOf(Date);
  });

  it('refuses a statement that names more parameters than it was given', () => {
    expect(() => inlineParams('SELECT $1::int, $2::int', [1])).toThrow(/\$2 but has 1 parameters/);
  });

  it('sends the reads of one turn of the event loop as one script, and reads of later turns on their own', async () => {
    const q = `SELECT pg_backend_pid() AS pid, statement_timestamp()::text AS at, $1::text AS tag`;
    type Row = { pid: number; at: string; tag: string };
    const together = await Promise.all(['a', 'b', 'c'].map((tag) => prisma.read<Row>(q, [tag])));
    expect(together.map(([r]) => r.tag)).toEqual(['a', 'b', 'c']);
    // One Query message: one backend, one statement start time for all three.
    expect(new Set(together.map(([r]) => r.pid)).size).toBe(1);
    expect(new Set(together.map(([r]) => r.at)).size).toBe(1);
    const first = await prisma.read<Row>(q, ['x']);
    const second = await prisma.read<Row>(q, ['y']);
    expect(first[0].at).not.toBe(second[0].at);
  });

  it('fails every read of a script whose statement fails, and the pool goes on working', async () => {
    const ok = prisma.read(`SELECT 1 AS one`);
    const bad = prisma.read(`SELECT * FROM no_such_table WHERE id = $1::int`, [1]);
    await expect(bad).rejects.toThrow(/no_such_table/);
    await expect(ok).rejects.toThrow(/no_such_table/);
    expect(await prisma.read<{ one: number }>(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });

  it("commits a transaction's last statement with it, and rolls back when that statement fails", async () => {
    await db.query(`CREATE TABLE hot_t (id int PRIMARY KEY, v text NOT NULL)`);
    const rows = await prisma.transaction(async (sql) => {
      await sql(`INSERT INTO hot_t VALUES (1, $1)`, ["it's"]);
      return sql.commit<{ id: number; v: string }>(`INSERT INTO hot_t VALUES ($1::int, $2) RETURNING id, v`, [2, 'back\\slash']);
    });
    expect(rows).toEqual([{ id: 2, v: 'back\\slash' }]);
    expect(await db.query(`SELECT id, v FROM hot_t ORDER BY id`)).toEqual([
      { id: 1, v: "it's" },
      { id: 2, v: 'back\\slash' },
    ]);
    await expect(
      prisma.transaction(async (sql) => {
        await sql(`INSERT INTO hot_t VALUES (3, 'three')`);
        return sql.commit(`INSERT INTO hot_t VALUES ($1::int, $2)`, [1, 'duplicate key']);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect((await db.query(`SELECT id FROM hot_t ORDER BY id`)).map((r) => r.id)).toEqual([1, 2]);
    // The connection went back to the pool in a clean state.
    expect(await prisma.sql(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });

  it('writes statements sent together in one transaction: all of them, or none when one fails', async () => {
    await db.query(`CREATE TABLE hot_u (id int PRIMARY KEY, v text NOT NULL)`);
    const [a, b] = await prisma.together([
      { text: `INSERT INTO hot_u VALUES ($1::int, $2) RETURNING id, v`, values: [1, "it's"] },
      { text: `SELECT count(*)::int AS n FROM hot_u`, values: [] },
    ]);
    expect(a).toEqual([{ id: 1, v: "it's" }]);
    // The second statement sees the first one's row: the same transaction.
    expect(b).toEqual([{ n: 1 }]);
    await expect(
      prisma.together([
        { text: `INSERT INTO hot_u VALUES ($1::int, $2)`, values: [2, 'two'] },
        { text: `INSERT INTO hot_u VALUES ($1::int, $2)`, values: [1, 'duplicate key'] },
      ]),
    ).rejects.toThrow(/duplicate key/);
    expect((await db.query(`SELECT id FROM hot_u ORDER BY id`)).map((r) => r.id)).toEqual([1]);
    expect(await prisma.sql(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });

  it("inserts an evaluation's alerts with its states and the webhooks read in one transaction, and neither when the states fail", async () => {
    const alerts = new AlertsRepository(prisma);
    const states = new SignalStateRepository(prisma);
    const webhooks = new WebhooksRepository(prisma);
    await db.query(`INSERT INTO webhook_endpoints (url, secret, format, symbols, keywords, types, min_severity, enabled, updated_at)
                    VALUES ('http://127.0.0.1:9/on', 's', 'json', '{NVDA}', '{}', '{breaking}', 'info', true, now()),
                           ('http://127.0.0.1:9/off', 's', 'json', '{}', '{}', '{}', 'info', false, now())`);
    const alert = (key: string) => ({
      type: 'breaking',
      severity: 'critical',
      symbol: 'NVDA',
      title: `Breaking (NVDA): ${key}`,
      message: "NVDA's shock",
      score: -0.9,
      articleIds: [1, 2],
      evidence: { note: "it's $q$" },
      dedupeKey: key,
      eventTime: new Date('2025-01-27T14:30:00.000Z'),
      publishedAt: new Date('2025-01-27T14:30:01.000Z'),
    });
    const write = (armed: boolean) => states.putStatement([{ key: 'breaking:1:ticker:NVDA', armed, lastFiredAt: new Date('2025-01-27T14:30:00.000Z'), lastValue: -0.9 }])!;
    const [created, endpoints, put] = await alerts.insertNew([alert('hot-a')], [webhooks.enabledStatement(), write(false)]);
    expect(created.map((a) => [a.dedupeKey, a.symbol, a.articleIds, a.evidence])).toEqual([['hot-a', 'NVDA', [1, 2], { note: "it's $q$" }]]);
    expect(created[0].eventTime.toISOString()).toBe('2025-01-27T14:30:00.000Z');
    expect((endpoints as { url: string; symbols: string[] }[]).map((e) => [e.url, e.symbols])).toEqual([['http://127.0.0.1:9/on', ['NVDA']]]);
    expect(put).toEqual([]);
    expect((await states.get(['breaking:1:ticker:NVDA'])).get('breaking:1:ticker:NVDA')?.armed).toBe(false);
    // Its dedupe key again: nothing new, and the states still written.
    const [again] = await alerts.insertNew([alert('hot-a')], [write(true)]);
    expect(again).toEqual([]);
    expect((await states.get(['breaking:1:ticker:NVDA'])).get('breaking:1:ticker:NVDA')?.armed).toBe(true);
    // A states write that fails takes the alert with it.
    const broken = { ...write(false), text: write(false).text.replace('signal_states', 'no_such_table') };
    await expect(alerts.insertNew([alert('hot-b')], [broken])).rejects.toThrow(/no_such_table/);
    expect((await db.query(`SELECT dedupe_key FROM alerts ORDER BY id`)).map((r) => r.dedupe_key)).toEqual(['hot-a']);
  });

  it('runs a prepared statement with values written in exactly as parameters, preparing it once per connection, also after a failed use', async () => {
    await db.query(`CREATE TABLE hot_p (id int PRIMARY KEY, s text, arr text[], j json, t timestamp(3))`);
    const insert: PreparedStatement = {
      name: 'hot_insert',
      text: `INSERT INTO hot_p VALUES ($1::int, $2::text, $3::text[], $4::json, $5::timestamp(3)) RETURNING s, arr, j, t, (SELECT count(*)::int FROM pg_prepared_statements WHERE name = 'hot_insert') AS held`,
    };
    const check = `SELECT $1::text AS s, $2::text[] AS arr, $3::json AS j, $4::timestamp(3) AS t`;
    let id = 0;
    for (const s of awkward) {
      const values = [s, [...awkward, s], JSON.stringify({ s, nested: [s, { q: "'" }] }), '2025-01-27T14:30:00.123Z'];
      const [viaParams] = await prisma.sql<Record<string, unknown>>(check, values);
      const [[row]] = (await prisma.transactionScript(executeParams(insert, [++id, ...values]), [insert])) as [Record<string, unknown>[]];
      expect({ ...row, held: undefined }).toEqual({ ...viaParams, held: undefined });
      expect(row.held).toBe(1);
    }
    // Many at once: every pooled connection prepares it once (a second PREPARE would fail).
    await Promise.all(Array.from({ length: 25 }, () => prisma.transactionScript(executeParams(insert, [++id, 'x', [], '{}', null]), [insert])));
    // A use that fails (a duplicate key) rolls back; the connection still holds the statement.
    await expect(prisma.transactionScript(executeParams(insert, [1, 'again', [], '{}', null]), [insert])).rejects.toThrow(/duplicate key/);
    const rows = await prisma.transaction(async (sql) => sql.commit<{ s: string }>(insert, [++id, 'committed', [], '{}', null]), undefined, [insert]);
    expect(rows.map((r) => r.s)).toEqual(['committed']);
    expect((await db.query(`SELECT count(*)::int AS n FROM hot_p`))[0].n).toBe(id);
  });
});
