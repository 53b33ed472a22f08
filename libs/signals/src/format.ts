/** Human formatting for alert titles and messages. */

const MINUS = '\u2212';

export function signed(n: number, digits = 2): string {
  const s = Math.abs(n).toFixed(digits);
  if (Number(s) === 0) return s;
  return `${n < 0 ? MINUS : '+'}${s}`;
}

export function formatPct(n: number, digits = 1): string {
  return `${signed(n, digits)}%`;
}

/** `360` → `6-hour`, `10080` → `7-day`, `30` → `30-minute`. */
export function spanAdjective(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}-day`;
  if (minutes % 60 === 0) return `${minutes / 60}-hour`;
  return `${minutes}-minute`;
}

/** `60` → `hour`, `360` → `6 hours`, `10080` → `7 days`. */
export function spanNoun(minutes: number): string {
  const [n, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return n === 1 ? unit : `${n} ${unit}s`;
}

export function targetLabel(target: { type: string; key: string }): string {
  return target.type === 'ticker' ? target.key.toUpperCase() : `"${target.key}"`;
}
