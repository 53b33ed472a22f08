import type { PriceView } from './signal.types';

/**
 * A price view from plain numbers, for callers that computed the changes themselves (e.g. from bars
 * in Postgres): `changes` maps a window in minutes to its % change.
 */
export function staticPriceView(values: { changeVsPrevClose?: number | null; changes?: Record<number, number | null> }): PriceView {
  return {
    changeVsPrevClose: () => values.changeVsPrevClose ?? null,
    changePct: (windowMs) => values.changes?.[Math.round(windowMs / 60_000)] ?? null,
  };
}
