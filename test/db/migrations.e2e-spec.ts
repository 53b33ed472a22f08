import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { applyMigrations, readMigrations } from '../../libs/db/src/migrations/migrator';
import { createTestDatabase, type TestDb } from '../support/db';
import { readSchema, type SchemaModel } from './prisma-schema';

const root = new URL('../../', import.meta.url).pathname;
const PG_TYPE: Record<string, [string, string]> = {
  String: ['text', '_text'],
  Int: ['integer', '_int4'],
  BigInt: ['bigint', '_int8'],
  Float: ['double precision', '_float8'],
  Boolean: ['boolean', '_bool'],
  DateTime: ['timestamp without time zone', '_timestamp'],
  Json: ['jsonb', '_jsonb'],
};

describe('migrations', () => {
  let db: TestDb;
  const models: SchemaModel[] = readSchema(`${root}prisma/schema.prisma`);
  const col = (m: SchemaModel, field: string) => m.fields.find((f) => f.name === field)!.column;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('records every migration in _prisma_migrations as Prisma does, and applies nothing twice', async () => {
    const files = readMigrations(`${root}prisma/migrations`);
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; id: string }>(
      'SELECT * FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, r] of rows.entries()) {
      const sql = readFileSync(`${root}prisma/migrations/${r.migration_name}/migration.sql`, 'utf8');
      expect(r.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.applied_steps_count).toBe(1);
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(files[i].checksum).toBe(r.checksum);
    }
    const again = await applyMigrations(db.url, `${root}prisma/migrations`);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(files.map((f) => f.name));
  });

  it('has exactly the tables of schema.prisma', async () => {
    const tables = await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    expect(tables.map((t) => t.table_name).sort()).toEqual(models.map((m) => m.table).sort());
  });

  it('has every field with its type and nullability, and no other column', async () => {
    const cols = await db.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string; column_default: string | null }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    for (const m of models) {
      const actual = cols.filter((c) => c.table_name === m.table);
      const scalars = m.fields.filter((f) => PG_TYPE[f.type]);
      expect(actual.map((c) => c.column_name).sort()).toEqual(scalars.map((f) => f.column).sort());
      for (const f of scalars) {
        const c = actual.find((x) => x.column_name === f.column)!;
        const where = `${m.table}.${f.column}`;
        if (f.list) expect([where, c.data_type, c.udt_name]).toEqual([where, 'ARRAY', PG_TYPE[f.type][1]]);
        else expect([where, c.data_type]).toEqual([where, PG_TYPE[f.type][0]]);
        expect([where, c.is_nullable]).toEqual([where, f.optional || f.list ? 'YES' : 'NO']);
        expect([where, c.column_default !== null]).toEqual([where, f.hasDefault]);
      }
    }
  });

  it('has every primary key, unique constraint, index and foreign key of schema.prisma', async () => {
    const idx = await db.query<{ table: string; name: string; unique: boolean; primary: boolean; cols: string[] }>(
      `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
              array_agg(a.attname ORDER BY k.ord)::text[] AS cols
         FROM pg_index ix
         JOIN pg_class i ON i.oid = ix.indexrelid
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
         JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE t.relname <> '_prisma_migrations'
        GROUP BY 1, 2, 3, 4`,
    );
    const expected: { table: string; name: string; unique: boolean; primary: boolean; cols: string[] }[] = [];
    for (const m of models) {
      const pk = m.id.length ? m.id.map((f) => col(m, f)) : m.fields.filter((f) => f.id).map((f) => f.column);
      expected.push({ table: m.table, name: `${m.table}_pkey`, unique: true, primary: true, cols: pk });
      for (const f of m.fields.filter((x) => x.unique)) expected.push({ table: m.table, name: `${m.table}_${f.column}_key`, unique: true, primary: false, cols: [f.column] });
      for (const u of m.uniques) {
        const cs = u.map((f) => col(m, f));
        expected.push({ table: m.table, name: `${m.table}_${cs.join('_')}_key`, unique: true, primary: false, cols: cs });
      }
      for (const i of m.indexes) {
        const cs = i.map((f) => col(m, f));
        expected.push({ table: m.table, name: `${m.table}_${cs.join('_')}_idx`, unique: false, primary: false, cols: cs });
      }
    }
    const norm = (xs: typeof expected) => xs.map((x) => `${x.table} ${x.name} ${x.unique} ${x.primary} (${x.cols.join(',')})`).sort();
    expect(norm(idx)).toEqual(norm(expected));

    const fks = await db.query<{ table: string; cols: string[]; ref_table: string; ref_cols: string[]; on_delete: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS ref_table, c.confdeltype AS on_delete,
              (SELECT array_agg(attname ORDER BY attnum)::text[] FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = ANY (c.conkey)) AS cols,
              (SELECT array_agg(attname ORDER BY attnum)::text[] FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = ANY (c.confkey)) AS ref_cols
         FROM pg_constraint c WHERE c.contype = 'f'`,
    );
    const DEL: Record<string, string> = { Cascade: 'c', SetNull: 'n', Restrict: 'r', NoAction: 'a' };
    const want = models.flatMap((m) =>
      m.fields
        .filter((f) => f.relation && f.relation.fields.length)
        .map((f) => {
          const target = models.find((x) => x.name === f.type)!;
          return `${m.table}(${f.relation!.fields.map((x) => col(m, x)).join(',')}) -> ${target.table}(${f.relation!.references.map((x) => col(target, x)).join(',')}) ${DEL[f.relation!.onDelete ?? (f.optional ? 'SetNull' : 'Restrict')]}`;
        }),
    );
    expect(fks.map((k) => `${k.table.replace(/"/g, '')}(${k.cols.join(',')}) -> ${k.ref_table.replace(/"/g, '')}(${k.ref_cols.join(',')}) ${k.on_delete}`).sort()).toEqual(want.sort());
  });
});
