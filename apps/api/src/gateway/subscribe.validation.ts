import { AlertTypes, type SubscribePayload } from '@seismo/contracts';

export const MAX_SUBSCRIBE_BYTES = 8 * 1024;
const SYMBOL = /^[A-Z0-9.^-]{1,12}$/;

/** Validates a `subscribe` payload; answers the cleaned payload or the problem in words. */
export function validateSubscribe(input: unknown): { ok: true; value: SubscribePayload } | { ok: false; error: string } {
  if (input === undefined || input === null) return { ok: true, value: {} };
  if (typeof input !== 'object' || Array.isArray(input)) return { ok: false, error: 'subscribe payload must be an object' };
  let size = 0;
  try {
    size = JSON.stringify(input).length;
  } catch {
    return { ok: false, error: 'subscribe payload is not JSON' };
  }
  if (size > MAX_SUBSCRIBE_BYTES) return { ok: false, error: `subscribe payload larger than ${MAX_SUBSCRIBE_BYTES} bytes` };
  const p = input as Record<string, unknown>;
  const unknown = Object.keys(p).filter((k) => !['symbols', 'keywords', 'types', 'after'].includes(k));
  if (unknown.length) return { ok: false, error: `unknown field ${unknown[0]}` };
  const out: SubscribePayload = {};
  if (p.symbols !== undefined) {
    if (!Array.isArray(p.symbols) || p.symbols.length > 200) return { ok: false, error: 'symbols must be an array of at most 200 ticker symbols' };
    const syms = p.symbols.map((s) => (typeof s === 'string' ? s.trim().toUpperCase() : ''));
    const bad = syms.findIndex((s) => !SYMBOL.test(s));
    if (bad >= 0) return { ok: false, error: `symbols[${bad}] is not a ticker symbol` };
    out.symbols = [...new Set(syms)];
  }
  if (p.keywords !== undefined) {
    if (!Array.isArray(p.keywords) || p.keywords.length > 100) return { ok: false, error: 'keywords must be an array of at most 100 strings' };
    const bad = p.keywords.findIndex((k) => typeof k !== 'string' || !k.trim() || k.length > 100);
    if (bad >= 0) return { ok: false, error: `keywords[${bad}] must be a string of 1-100 characters` };
    out.keywords = [...new Set((p.keywords as string[]).map((k) => k.trim()))];
  }
  if (p.types !== undefined) {
    if (!Array.isArray(p.types)) return { ok: false, error: 'types must be an array of alert types' };
    const bad = p.types.findIndex((t) => !(AlertTypes as readonly unknown[]).includes(t));
    if (bad >= 0) return { ok: false, error: `types[${bad}] must be one of ${AlertTypes.join(', ')}` };
    out.types = [...new Set(p.types)] as SubscribePayload['types'];
  }
  if (p.after !== undefined && p.after !== null) {
    if (typeof p.after !== 'number' || !Number.isInteger(p.after) || p.after < 0 || p.after > 2_147_483_647) return { ok: false, error: 'after must be an alert id (a non-negative integer)' };
    out.after = p.after;
  }
  return { ok: true, value: out };
}
