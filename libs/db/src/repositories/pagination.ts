export interface Page<T> {
  items: T[];
  next: string | null;
}

export const encodeCursor = (id: number): string => Buffer.from(`id:${id}`).toString('base64url');

/** Returns the id a cursor stands for, or null when the cursor is not one of ours. */
export function decodeCursor(cursor: string | undefined | null): number | null {
  if (!cursor) return null;
  const m = /^id:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

export function page<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, next: more ? encodeCursor(items[items.length - 1].id) : null };
}
