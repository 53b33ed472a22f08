/**
 * `list` with `x` appended, for the short lists the scorer builds per text (mentions, evidence,
 * entities, ranges, scopes, targets): up to four entries, a new literal of the exact size, which
 * optimised code allocates inline, rather than a push, whose first growth of an array is a call
 * into the runtime to make room for 17 (`GrowFastSmiOrObjectElements`: several per text).
 * Longer lists are pushed into. The caller keeps the result (`list = appended(list, x)`) and must
 * not rely on `list` itself growing; a shared empty list to start from is never written.
 */
export function appended<T extends object>(list: T[], x: T): T[] {
  switch (list.length) {
    case 0:
      return [x];
    case 1:
      return [list[0], x];
    case 2:
      return [list[0], list[1], x];
    case 3:
      return [list[0], list[1], list[2], x];
    default:
      list.push(x);
      return list;
  }
}
