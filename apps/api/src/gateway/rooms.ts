import { room, type AlertPayload, type ArticlePayload, type SubscribePayload } from '@seismo/contracts';

/**
 * Rooms a subscription joins. Without a type filter a socket joins the base rooms
 * (`symbol:NVDA`, `keyword:deepseek`, `all`); with one it joins `<base>#<type>` for each type plus
 * `<base>#article` for the news stream, so the server filters by joining, not per message.
 */
export function roomsFor(sub: SubscribePayload): { base: string[]; joined: string[] } {
  const base = [...(sub.symbols ?? []).map(room.symbol), ...(sub.keywords ?? []).map(room.keyword)];
  if (!base.length) base.push(room.all());
  const joined = sub.types?.length ? base.flatMap((b) => [...sub.types!.map((t) => `${b}#${t}`), `${b}#article`]) : base;
  return { base, joined };
}

export function alertRooms(a: AlertPayload): string[] {
  const base = [room.all()];
  if (a.symbol) base.push(room.symbol(a.symbol));
  for (const s of a.linkedSymbols ?? []) base.push(room.symbol(s));
  if (a.keyword) base.push(room.keyword(a.keyword));
  return [...new Set(base.flatMap((b) => [b, `${b}#${a.type}`]))];
}

export function articleRooms(a: ArticlePayload): string[] {
  const base = [room.all(), ...a.targets.map((t) => (t.type === 'ticker' ? room.symbol(t.symbol) : room.keyword(t.symbol)))];
  return [...new Set(base.flatMap((b) => [b, `${b}#article`]))];
}
