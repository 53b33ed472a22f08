/**
 * Cross-checks the shipped daily bars against the public price files in `../shared/data/prices`
 * beside the project (dividend/split-adjusted series). Adjustment scales a symbol's prices by a
 * near-constant factor over three weeks, so daily % changes and same-day price ratios must agree.
 * One case per reference file found; when the folder is absent no case is built.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDailyBars } from './replay-data';

const REFERENCE_DIR = fileURLToPath(new URL('../../../../shared/data/prices/', import.meta.url));
const TOLERANCE_PP = 0.3;

const daily = loadDailyBars();
const shipped = new Set(daily.map((b) => b.symbol));
const cases = existsSync(REFERENCE_DIR)
  ? readdirSync(REFERENCE_DIR)
      .filter((f) => f.endsWith('.csv') && shipped.has(f.replace(/\.csv$/, '')))
      .sort()
      .map((f) => ({ symbol: f.replace(/\.csv$/, ''), file: `${REFERENCE_DIR}${f}` }))
  : [];

interface RefBar {
  open: number;
  high: number;
  low: number;
  close: number;
}

function readReference(file: string): Map<string, RefBar> {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = head.trim().toLowerCase().split(',');
  const at = (name: string) => cols.indexOf(name);
  const out = new Map<string, RefBar>();
  for (const line of lines) {
    const c = line.trim().split(',');
    out.set(c[at('date')], { open: +c[at('open')], high: +c[at('high')], low: +c[at('low')], close: +c[at('close')] });
  }
  return out;
}

const pct = (a: number, b: number) => (b / a - 1) * 100;

describe('shipped daily bars against the public reference prices', () => {
  it('has one bar per symbol and day, in date order', () => {
    for (const s of shipped) {
      const dates = daily.filter((b) => b.symbol === s).map((b) => b.date);
      expect(dates).toEqual([...new Set(dates)].sort());
    }
  });

  for (const { symbol, file } of cases) {
    it(`${symbol}: daily changes and intraday ratios agree within ${TOLERANCE_PP} pp`, () => {
      const ref = readReference(file);
      const ours = daily.filter((b) => b.symbol === symbol);
      for (const b of ours) expect(ref.has(b.date)).toBe(true);
      const off: string[] = [];
      ours.forEach((b, i) => {
        const r = ref.get(b.date)!;
        const checks: [string, number, number][] = [
          ['open/close', pct(b.close, b.open), pct(r.close, r.open)],
          ['high/close', pct(b.close, b.high), pct(r.close, r.high)],
          ['low/close', pct(b.close, b.low), pct(r.close, r.low)],
        ];
        if (i > 0) {
          const p = ours[i - 1];
          checks.push(['close change', pct(p.close, b.close), pct(ref.get(p.date)!.close, r.close)]);
        }
        for (const [what, mine, theirs] of checks) {
          if (Math.abs(mine - theirs) > TOLERANCE_PP) off.push(`${b.date} ${what}: ${mine.toFixed(2)}% vs ${theirs.toFixed(2)}%`);
        }
      });
      expect(off).toEqual([]);
    });
  }
});
