import { readFileSync } from 'node:fs';

/** A small reader of schema.prisma, enough to compare it with the migrated database. */
export interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  id: boolean;
  unique: boolean;
  hasDefault: boolean;
  relation: { fields: string[]; references: string[]; onDelete: string | null } | null;
}
export interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
  id: string[];
  uniques: string[][];
  indexes: string[][];
}

const SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'DateTime', 'Json', 'BigInt', 'Decimal', 'Bytes']);
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export function readSchema(path: string): SchemaModel[] {
  const text = readFileSync(path, 'utf8').replace(/\/\/.*$/gm, '');
  const models: SchemaModel[] = [];
  for (const m of text.matchAll(/model\s+(\w+)\s*\{([\s\S]*?)\n\}/g)) {
    const [, name, body] = m;
    const model: SchemaModel = { name, table: name, fields: [], id: [], uniques: [], indexes: [] };
    for (const raw of body.split('\n').map((l) => l.trim()).filter(Boolean)) {
      if (raw.startsWith('@@')) {
        const arg = /\[([^\]]*)\]/.exec(raw)?.[1];
        if (raw.startsWith('@@map')) model.table = /"([^"]+)"/.exec(raw)![1];
        else if (raw.startsWith('@@id')) model.id = list(arg!);
        else if (raw.startsWith('@@unique')) model.uniques.push(list(arg!));
        else if (raw.startsWith('@@index')) model.indexes.push(list(arg!));
        continue;
      }
      const fm = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(raw);
      if (!fm) continue;
      const [, fname, type, isList, opt, attrs] = fm;
      const rel = /@relation\(([^)]*)\)/.exec(attrs);
      model.fields.push({
        name: fname,
        column: /@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? fname,
        type,
        optional: !!opt,
        list: !!isList,
        id: /@id\b/.test(attrs),
        unique: /@unique\b/.test(attrs),
        hasDefault: /@default\(/.test(attrs),
        relation: rel
          ? {
              fields: list(/fields:\s*\[([^\]]*)\]/.exec(rel[1])?.[1] ?? ''),
              references: list(/references:\s*\[([^\]]*)\]/.exec(rel[1])?.[1] ?? ''),
              onDelete: /onDelete:\s*(\w+)/.exec(rel[1])?.[1] ?? null,
            }
          : null,
      });
    }
    models.push(model);
  }
  // Keep only scalar columns as fields; relation fields stay for their foreign keys.
  const names = new Set(models.map((m) => m.name));
  for (const m of models) m.fields = m.fields.filter((f) => SCALARS.has(f.type) || (names.has(f.type) && f.relation));
  return models;
}
